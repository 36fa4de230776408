/**
 * End to end on audio, as a user runs it: the built `manyviews` CLI trains a few steps on a small
 * set of espeak-ng words (8 words, 8 voices, 2 pitches: 128 clips, rendered once into the
 * dataset cache), evaluates, indexes the test voices, serves the model directory on 127.0.0.1,
 * and every route answers WAV input from JSON base64 and multipart uploads, a too-long and a
 * malformed WAV included. Needs `pnpm run build` first and espeak-ng (scripts/test.sh installs
 * both).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeWav, loadEspeakWords } from '@manyviews/augment-audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, runCli, type Served, startServe } from './helpers/cli-harness.js';

const MODEL = 'espeak-words';

const SMALL_SET = {
  words: ['yes', 'no', 'up', 'down', 'left', 'right', 'stop', 'go'],
  voices: [
    'en-us+m1',
    'en-gb+m2',
    'en-gb-scotland+m3',
    'en-029+m4',
    'en-us+f1',
    'en-gb+f2',
    'en-gb-scotland+f3',
    'en-us+klatt',
  ],
  speeds: [175],
  pitches: [35, 65],
};

let work: string;
let server: Served | undefined;
let url: string;
const wav: Record<string, Uint8Array> = {};

function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCli(work, ...args);
}

async function post(route: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'manyviews-e2e-audio-'));
  const data = path.join(work, 'small-set.json');
  await writeFile(data, JSON.stringify(SMALL_SET));

  const { test } = await loadEspeakWords(SMALL_SET);
  for (const word of ['yes', 'no', 'stop']) {
    const clip = test.find((w) => w.word === word)!.clip;
    wav[word] = encodeWav(clip);
  }
  // 40 s of a quiet tone: past the manifest's 30 s limit, well under the server's body limit.
  const long = new Float32Array(16000 * 40);
  for (let i = 0; i < long.length; i++) long[i] = 0.1 * Math.sin(i / 10);
  wav.long = encodeWav({ sampleRate: 16000, channels: [long] });

  const model = path.join(work, 'models', MODEL);
  const train = await cli(
    'train',
    '--dataset',
    MODEL,
    '--data',
    data,
    '--epochs',
    '2',
    '--batch-size',
    '32',
    '--out',
    model,
    '--run-dir',
    path.join(work, 'run'),
  );
  expect(train.stderr).toMatch(/backend: wasm/);
  expect(train.stderr).toMatch(
    // Accuracies may reach 1 on this small set (the linear probe often does).
    /trained audio-frames encoder\s+256\s+[01]\.\d{4}\s+[01]\.\d{4}\s+[01]\.\d{4}/,
  );
  await cli('index', '--model', model, '--data', data, '--split', 'test');

  server = await startServe(work, path.join(work, 'models'));
  url = server.url;
}, 240_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
});

describe('a trained espeak-words model, served', () => {
  it('wrote a manifest that states how inputs are prepared', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(work, 'models', MODEL, 'manifest.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({
      domain: 'audio',
      inputShape: [101, 64],
      embeddingDim: 256,
      encoder: { type: 'audio-frames', frames: 101, bins: 64, cepstra: 13 },
      preprocess: {
        sampleRate: 16000,
        duration: 1,
        trim: true,
        maxSeconds: 30,
        logMel: { nFft: 512, hop: 160, nMels: 64 },
      },
      recipe: { domain: 'audio' },
      classes: SMALL_SET.words,
    });
    expect(manifest.preprocess.std).toBeGreaterThan(0);
    const metrics = (await readFile(path.join(work, 'run/metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // 96 training clips (6 of 8 speakers) in batches of 32, two epochs.
    expect(metrics.filter((m) => m.type === 'step')).toHaveLength(6);
    expect(metrics.at(-1)).toMatchObject({ type: 'eval', queries: 32, bank: 96 });
  });

  it('lists the model with its index of the held-out voices', async () => {
    const models = (await (await fetch(`${url}/v1/models`)).json()) as Json;
    expect(models.data[0]).toMatchObject({
      name: MODEL,
      domain: 'audio',
      embeddingDim: 256,
      hasIndex: true,
      indexSize: 32,
    });
  });

  it('embeds WAVs from JSON base64 and from multipart uploads alike', async () => {
    const json = await post('/v1/embeddings', { model: MODEL, input: [b64(wav.yes), b64(wav.no)] });
    expect(json.status).toBe(200);
    expect(json.json.data).toHaveLength(2);
    const v = json.json.data[0].embedding as number[];
    expect(v).toHaveLength(256);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);

    const form = new FormData();
    form.set('model', MODEL);
    form.append('audio', new Blob([wav.yes], { type: 'audio/wav' }), 'yes.wav');
    const res = await fetch(`${url}/v1/embeddings`, { method: 'POST', body: form });
    const multipart = (await res.json()) as Json;
    expect(res.status).toBe(200);
    const w = multipart.data[0].embedding as number[];
    expect(w.reduce((s, x, i) => s + x * v[i], 0)).toBeCloseTo(1, 4);
  });

  it('scores similarity: a pair, and a matrix', async () => {
    const pair = await post('/v1/similarity', { model: MODEL, a: b64(wav.yes), b: b64(wav.yes) });
    expect(pair.status).toBe(200);
    expect(pair.json.score).toBeCloseTo(1, 4);
    const matrix = await post('/v1/similarity', {
      model: MODEL,
      a: [b64(wav.yes)],
      b: [b64(wav.no), b64(wav.stop)],
    });
    expect(matrix.status).toBe(200);
    expect(matrix.json.matrix).toHaveLength(1);
    for (const s of matrix.json.matrix[0]) expect(Math.abs(s)).toBeLessThanOrEqual(1);
  });

  it('finds the query itself first among the indexed test clips', async () => {
    const form = new FormData();
    form.set('model', MODEL);
    form.set('k', '5');
    form.append('audio', new Blob([wav.stop], { type: 'audio/wav' }), 'stop.wav');
    const res = await fetch(`${url}/v1/search`, { method: 'POST', body: form });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body.results).toHaveLength(5);
    const scores = body.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(body.results[0]).toMatchObject({
      id: expect.stringMatching(/^test-stop\//),
      label: 'stop',
    });
    expect(scores[0]).toBeCloseTo(1, 3);
  });

  it('answers too-long and malformed WAVs with 4xx and a stable code, and keeps serving', async () => {
    const long = await post('/v1/embeddings', { model: MODEL, input: [b64(wav.long)] });
    expect(long.status).toBe(413);
    expect(long.json.error).toMatchObject({
      code: 'AUDIO_TOO_LONG',
      message: expect.stringMatching(/at most 30 s.*40\.00 s/),
    });

    const junk = await post('/v1/embeddings', {
      model: MODEL,
      input: [b64(new TextEncoder().encode('RIFF....WAVEnot really'))],
    });
    expect(junk.status).toBe(400);
    expect(junk.json.error.code).toBe('AUDIO_DECODE_FAILED');

    const form = new FormData();
    form.set('model', MODEL);
    form.append('audio', new Blob([wav.yes.subarray(0, 30)], { type: 'audio/wav' }), 'cut.wav');
    const cut = await fetch(`${url}/v1/search`, { method: 'POST', body: form });
    expect(cut.status).toBe(400);
    expect(((await cut.json()) as Json).error.code).toMatch(/^AUDIO_(DECODE_FAILED|EMPTY)$/);

    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });
});
