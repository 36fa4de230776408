// Speed figures for the embedding server, printed, never asserted. Run `pnpm bench` in this
// package (it builds first): the script imports the built dist/, like a user of the package.
//
// What it measures, all on one core with a fake model whose embed costs next to nothing, so the
// figures are the server's own overhead and search, not a network's:
//   1. topK over an n x 128 index against a full sort of the same scores;
//   2. POST /v1/search through app.request (JSON body, base64 input);
//   3. POST /v1/embeddings with 64 inputs of 4 KiB each (JSON base64 and multipart);
//   4. GET /healthz and POST /v1/search over real HTTP on 127.0.0.1, one request at a time;
//   5. a collection on disk: 100,000 x 128 written in batches of 1000 (each synced before it
//      resolves), exact search with and without a metadata filter, and reopening (replay).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  compileFilter,
  createApp,
  createModelRegistry,
  openLocalStore,
  startServer,
  topK,
} from '../dist/index.js';

const DIM = 128;

function randomUnitRows(n, dim, seed) {
  let s = seed >>> 0;
  const next = () => {
    // xorshift32: enough for benchmark data, and the same every run.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296 - 0.5;
  };
  const out = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = next();
      out[r * dim + j] = v;
      norm += v * v;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < dim; j++) out[r * dim + j] *= inv;
  }
  return out;
}

function fakeModel(n) {
  return {
    name: 'bench',
    manifest: { domain: 'image', embeddingDim: DIM },
    index: {
      ids: Array.from({ length: n }, (_, i) => `id-${i}`),
      labels: Array.from({ length: n }, (_, i) => i % 10),
      vectors: randomUnitRows(n, DIM, 1),
      dim: DIM,
    },
    // The vector depends on the first bytes so queries differ; the cost stays negligible.
    async embed(inputs) {
      return inputs.map((input) => randomUnitRows(1, DIM, input.data[0] * 256 + input.data[1] + 1));
    },
  };
}

async function time(label, runs, fn, unit = 'ms/op') {
  for (let i = 0; i < Math.min(3, runs); i++) await fn(i); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) await fn(i);
  const ms = (performance.now() - started) / runs;
  console.log(
    `${label.padEnd(58)} ${ms.toFixed(3).padStart(9)} ${unit}  (${(1000 / ms).toFixed(0)}/s)`,
  );
  return ms;
}

function fullSortTopK(matrix, dim, query, k) {
  const n = matrix.length / dim;
  const scores = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += matrix[r * dim + j] * query[j];
    scores[r] = dot;
  }
  const rows = Array.from({ length: n }, (_, r) => r);
  rows.sort((a, b) => scores[b] - scores[a]);
  return rows.slice(0, k);
}

console.log(`node ${process.version}, ${DIM}-d unit vectors\n`);

for (const n of [10_000, 100_000]) {
  const model = fakeModel(n);
  const queries = randomUnitRows(20, DIM, 99);
  const q = (i) => queries.subarray((i % 20) * DIM, ((i % 20) + 1) * DIM);
  await time(`topK k=10, n=${n}`, 50, (i) => topK(model.index.vectors, DIM, q(i), 10));
  await time(`topK k=1000, n=${n}`, 20, (i) => topK(model.index.vectors, DIM, q(i), 1000));
  await time(`full sort then slice, k=10, n=${n} (reference)`, 10, (i) =>
    fullSortTopK(model.index.vectors, DIM, q(i), 10),
  );
}
console.log();

const model = fakeModel(100_000);
const app = createApp({ registry: createModelRegistry([model]) });
const b64 = (i) => Buffer.from([i & 0xff, (i >> 8) & 0xff, 1, 2, 3]).toString('base64');

await time('app.request POST /v1/search, n=100000, k=10', 50, async (i) => {
  const res = await app.request('/v1/search', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench', input: b64(i), k: 10 }),
  });
  await res.json();
});

const file = Buffer.alloc(4096, 7);
const fileB64 = file.toString('base64');
await time('app.request POST /v1/embeddings, 64 x 4 KiB, JSON base64', 30, async () => {
  const res = await app.request('/v1/embeddings', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench', input: Array.from({ length: 64 }, () => fileB64) }),
  });
  await res.json();
});
await time('app.request POST /v1/embeddings, 64 x 4 KiB, multipart', 30, async () => {
  const form = new FormData();
  form.append('model', 'bench');
  for (let i = 0; i < 64; i++) form.append('image', new Blob([file]), `${i}.png`);
  const res = await app.request('/v1/embeddings', { method: 'POST', body: form });
  await res.json();
});
console.log();

const server = await startServer({ app, port: 0 });
try {
  await time('HTTP GET /healthz, sequential', 300, async () => {
    await (await fetch(`${server.url}/healthz`)).json();
  });
  await time('HTTP POST /v1/search n=100000 k=10, sequential', 50, async (i) => {
    const res = await fetch(`${server.url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'bench', input: b64(i), k: 10 }),
    });
    await res.json();
  });
} finally {
  await server.close();
}

console.log();
const storeDir = await mkdtemp(path.join(tmpdir(), 'mv-bench-store-'));
try {
  const store = await openLocalStore({ dir: storeDir });
  await store.create({ name: 'bench', model: 'bench', modelVersion: 'v', dim: DIM });
  const rows = randomUnitRows(100_000, DIM, 3);
  const started = performance.now();
  for (let b = 0; b < 100; b++) {
    const items = Array.from({ length: 1000 }, (_, j) => {
      const i = b * 1000 + j;
      return {
        id: `i${i}`,
        vector: rows.subarray(i * DIM, (i + 1) * DIM),
        metadata: { shard: i % 10 },
      };
    });
    await store.write('bench', items, 'add');
  }
  const writeMs = performance.now() - started;
  console.log(
    `${'store: write 100000 x 128, batches of 1000, synced'.padEnd(58)} ${writeMs.toFixed(0).padStart(9)} ms total  (${(100_000 / (writeMs / 1000)).toFixed(0)} items/s)`,
  );
  const queries = randomUnitRows(20, DIM, 7);
  const q = (i) => queries.subarray((i % 20) * DIM, ((i % 20) + 1) * DIM);
  await time('store: search n=100000 k=10, no filter', 30, (i) =>
    store.search('bench', q(i), { k: 10 }),
  );
  const filter = compileFilter({ shard: { $in: [3, 7] } });
  await time('store: search n=100000 k=10, filter keeping 20%', 30, (i) =>
    store.search('bench', q(i), { k: 10, filter }),
  );
  await store.close();
  const reopened = performance.now();
  const again = await openLocalStore({ dir: storeDir });
  console.log(
    `${'store: reopen (snapshot + log replay + compaction)'.padEnd(58)} ${(performance.now() - reopened).toFixed(0).padStart(9)} ms`,
  );
  await again.close();
} finally {
  await rm(storeDir, { recursive: true, force: true });
}
