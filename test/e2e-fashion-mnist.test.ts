/**
 * End to end, as a user runs it: the built `manyviews` CLI trains a few steps on a slice of the
 * real Fashion-MNIST training set, evaluates, indexes part of the test split, serves the model
 * directory, and every route answers, bad requests included. Needs `pnpm run build` first and
 * Debian's dataset-fashion-mnist (scripts/test.sh installs both).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePng, fromUint8 } from '@manyviews/augment-image';
import { loadFashionMnist } from '@manyviews/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, postJson, runCli, type Served, startServe } from './helpers/cli-harness.js';

let work: string;
let server: Served | undefined;
let url: string;
const samples: Record<string, Uint8Array> = {};

function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCli(work, ...args);
}

function post(route: string, body: unknown): Promise<{ status: number; json: Json }> {
  return postJson(`${url}${route}`, body);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'manyviews-e2e-'));

  const test = await loadFashionMnist('test', { limit: 400 });
  for (const [name, label] of [
    ['boot', 9],
    ['sneaker', 7],
    ['trouser', 1],
  ] as const) {
    const i = test.labels.indexOf(label);
    samples[name] = await encodePng(
      fromUint8(test.images.subarray(i * 784, (i + 1) * 784), 28, 28, 1),
    );
  }

  const model = path.join(work, 'models', 'fashion-mnist');
  const train = await cli(
    'train',
    '--limit',
    '2048',
    '--epochs',
    '2',
    '--batch-size',
    '128',
    '--eval-limit',
    '400',
    '--out',
    model,
    '--run-dir',
    path.join(work, 'run'),
  );
  expect(train.stderr).toMatch(/backend: wasm/);
  expect(train.stderr).toMatch(/trained mlp encoder\s+512\s+0\.\d{4}\s+0\.\d{4}\s+0\.\d{4}/);
  await cli('index', '--model', model, '--split', 'test', '--limit', '400');

  server = await startServe(work, path.join(work, 'models'));
  url = server.url;
}, 300_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
});

describe('a trained Fashion-MNIST model, served', () => {
  it('wrote a model directory whose manifest says what it is', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(work, 'models/fashion-mnist/manifest.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({
      format: 'manyviews-model',
      formatVersion: 1,
      domain: 'image',
      inputShape: [28, 28, 1],
      embeddingDim: 512,
      seed: 0,
      backend: 'wasm',
      objective: { name: 'nt-xent', temperature: 0.5 },
      recipe: { version: 1, domain: 'image' },
    });
    expect(manifest.evaluation.knn20).toBeGreaterThan(0.5);
    const metrics = (await readFile(path.join(work, 'run/metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(metrics.filter((m) => m.type === 'step')).toHaveLength(32);
    expect(metrics.at(-1)).toMatchObject({ type: 'eval', queries: 400 });
  });

  it('answers health and model listing', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok', models: 1 });
    const models = (await (await fetch(`${url}/v1/models`)).json()) as Json;
    expect(models.data[0]).toMatchObject({
      name: 'fashion-mnist',
      domain: 'image',
      embeddingDim: 512,
      hasIndex: true,
      indexSize: 400,
    });
  });

  it('embeds images from JSON base64 and from multipart uploads alike', async () => {
    const json = await post('/v1/embeddings', {
      model: 'fashion-mnist',
      input: [b64(samples.boot), b64(samples.sneaker)],
    });
    expect(json.status).toBe(200);
    expect(json.json.data).toHaveLength(2);
    const v = json.json.data[0].embedding as number[];
    expect(v).toHaveLength(512);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);

    const form = new FormData();
    form.set('model', 'fashion-mnist');
    form.append('image', new Blob([samples.boot], { type: 'image/png' }), 'boot.png');
    const res = await fetch(`${url}/v1/embeddings`, { method: 'POST', body: form });
    const multipart = (await res.json()) as Json;
    expect(res.status).toBe(200);
    const w = multipart.data[0].embedding as number[];
    expect(w.reduce((s, x, i) => s + x * v[i], 0)).toBeCloseTo(1, 4);
  });

  it('scores similarity: a pair, and a matrix', async () => {
    const pair = await post('/v1/similarity', {
      model: 'fashion-mnist',
      a: b64(samples.boot),
      b: b64(samples.boot),
    });
    expect(pair.json.score).toBeCloseTo(1, 4);
    const matrix = await post('/v1/similarity', {
      model: 'fashion-mnist',
      a: [b64(samples.boot)],
      b: [b64(samples.sneaker), b64(samples.trouser)],
    });
    expect(matrix.status).toBe(200);
    const [[sneaker, trouser]] = matrix.json.matrix as number[][];
    expect(sneaker).toBeGreaterThan(trouser);
  });

  it('finds neighbours of the same class in the index', async () => {
    const res = await post('/v1/search', {
      model: 'fashion-mnist',
      input: b64(samples.boot),
      k: 5,
    });
    expect(res.status).toBe(200);
    expect(res.json.results).toHaveLength(5);
    const scores = res.json.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(res.json.results[0]).toMatchObject({
      id: expect.stringMatching(/^test-\d+$/),
      label: 'Ankle boot',
    });
    expect(scores[0]).toBeCloseTo(1, 3);
    const boots = res.json.results.filter(
      (r: { label: string }) => r.label === 'Ankle boot',
    ).length;
    expect(boots).toBeGreaterThanOrEqual(3);
  });

  it('answers bad requests with 4xx and a stable code, and keeps serving', async () => {
    const cases: Array<[string, unknown, number, string | RegExp]> = [
      ['/v1/embeddings', { model: 'nope', input: [b64(samples.boot)] }, 404, 'MODEL_NOT_FOUND'],
      [
        '/v1/embeddings',
        { model: 'fashion-mnist', input: [b64(Buffer.from('not an image'))] },
        400,
        'IMAGE_DECODE_FAILED',
      ],
      ['/v1/embeddings', { model: 'fashion-mnist', input: [] }, 400, /./],
      ['/v1/embeddings', '{"model": ', 400, /./],
      ['/v1/search', { model: 'fashion-mnist', input: b64(samples.boot), k: 0 }, 400, /./],
      ['/v1/similarity', { model: 'fashion-mnist', a: b64(samples.boot) }, 400, /./],
    ];
    for (const [route, body, status, code] of cases) {
      const res = await post(route, body);
      expect({ route, status: res.status }).toEqual({ route, status });
      expect(res.json.error.code).toMatch(code);
      expect(res.json.error.message).toEqual(expect.any(String));
    }
    const missing = await fetch(`${url}/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });

  it('embeds files from the command line', async () => {
    const file = path.join(work, 'boot.png');
    await (await import('node:fs/promises')).writeFile(file, samples.boot);
    const { stdout } = await cli('embed', '--model', path.join(work, 'models/fashion-mnist'), file);
    const line = JSON.parse(stdout.trim());
    expect(line.file).toBe(file);
    expect(line.embedding).toHaveLength(512);
    await expect(
      cli(
        'embed',
        '--model',
        path.join(work, 'models/fashion-mnist'),
        path.join(work, 'missing.png'),
      ),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/error \[FILE_NOT_FOUND\]/),
    });
    await expect(cli('train', '--epochs', 'x')).rejects.toMatchObject({
      stderr: expect.stringMatching(/CLI_USAGE.*--epochs/),
    });
  });
});
