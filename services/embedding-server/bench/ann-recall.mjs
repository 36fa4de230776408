// Recall and speed of the local store's approximate (IVF) search against its exact search,
// printed, never asserted. Run from this package after a build (`pnpm run build` at the root):
//
//   node bench/ann-recall.mjs [ROWS=100000] [QUERIES=200] [SETS=fashion-mnist,clustered,uniform]
//
// Data sets of 128-d unit vectors, all seeded, so every run sees the same data:
//   - fashion-mnist: real images, Debian's dataset-fashion-mnist (skipped when absent): the
//     60,000 training images and their mirror images (120,000 rows, ROWS ignored), pixels
//     projected to 128-d by a seeded Gaussian matrix; queries are test images;
//   - clustered: 1000 random centres, each point a centre plus Gaussian noise (cosine to its
//     centre about 0.83), the shape trained embeddings have;
//   - uniform: points spread evenly over the sphere, the worst case for any partition index,
//     since no cell boundary follows a gap in the data.
// Queries come from the same distribution but are not in the collection. recall@10 is the share
// of the exact top 10 that the approximate search also returns, averaged over queries.
// The rows go in through the store's own writes (batches of 1000, in memory); the index builds
// in the background once the collection holds all of them, and the script waits for the store's
// "approximate index built" log line before it measures.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { compileFilter, openLocalStore } from '../dist/index.js';

const DIM = 128;
const ROWS = Number(process.argv[2] ?? 100_000);
const QUERIES = Number(process.argv[3] ?? 200);
const SETS = (process.argv[4] ?? 'fashion-mnist,clustered,uniform').split(',');
const FASHION = '/usr/share/datasets/fashion-mnist';
const PROBES = [8, 16, 32, 64];
const K = 10;

/** A seeded standard normal stream (xorshift32 + Box-Muller). */
function gaussian(seed) {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function unit(v) {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = 1 / Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/** `n` points of the named data set; `seed` tells queries from rows. */
function points(kind, n, seed) {
  const normal = gaussian(seed);
  const centres = gaussian(7);
  const centre = Array.from({ length: 1000 }, () =>
    unit(Float32Array.from({ length: DIM }, () => centres())),
  );
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: DIM }, () => normal());
    if (kind === 'clustered') {
      const c = centre[Math.floor(((normal() + 6) * 1e6) % 1000)];
      // Noise of this size puts a point at cosine ~0.83 from its centre.
      for (let j = 0; j < DIM; j++) v[j] = c[j] + 0.06 * v[j];
    }
    return unit(v);
  });
}

/** IDX images (big-endian header: magic 2051, count, rows, cols), as float pixels in [0, 1]. */
function idxImages(file) {
  const bytes = gunzipSync(readFileSync(file));
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const [count, rows, cols] = [view.getUint32(4), view.getUint32(8), view.getUint32(12)];
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** Images projected to DIM by one seeded Gaussian matrix; `mirror` adds each image flipped. */
function fashion(split, n, mirror) {
  const { count, rows, cols, pixels } = idxImages(`${FASHION}/${split}-images-idx3-ubyte.gz`);
  const size = rows * cols;
  const normal = gaussian(11);
  const projection = Float32Array.from({ length: size * DIM }, () => normal());
  const project = (image, flip) => {
    const out = new Float32Array(DIM);
    for (let p = 0; p < size; p++) {
      const [y, x] = [Math.floor(p / cols), p % cols];
      const value = image[flip ? y * cols + (cols - 1 - x) : p] / 255;
      if (value === 0) continue;
      for (let j = 0; j < DIM; j++) out[j] += value * projection[p * DIM + j];
    }
    return unit(out);
  };
  const out = [];
  for (let i = 0; i < Math.min(n, count); i++) {
    const image = pixels.subarray(i * size, (i + 1) * size);
    out.push(project(image, false));
    if (mirror) out.push(project(image, true));
  }
  return out;
}

function dataset(kind) {
  if (kind === 'fashion-mnist') {
    return { rows: fashion('train', 60_000, true), queries: fashion('t10k', QUERIES, false) };
  }
  return { rows: points(kind, ROWS, 1), queries: points(kind, QUERIES, 2) };
}

async function measure(kind) {
  let built;
  const ready = new Promise((resolve) => {
    built = resolve;
  });
  const logger = {
    debug() {},
    warn() {},
    error: (msg, fields) => console.error(msg, fields),
    info: (msg, fields) => {
      if (msg === 'approximate index built') built(fields);
    },
  };
  const { rows, queries } = dataset(kind);
  const store = await openLocalStore({ logger, approximate: { minItems: rows.length } });
  await store.create({ name: kind, model: 'bench', modelVersion: 'v', dim: DIM });

  const writeStarted = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000).map((vector, j) => ({
      id: `r${i + j}`,
      vector,
      metadata: { shard: (i + j) % 5 },
    }));
    await store.write(kind, batch, 'add');
  }
  const writeMs = performance.now() - writeStarted;
  const index = await ready;
  console.log(
    `${kind}: ${rows.length} x ${DIM}, written in ${(writeMs / 1000).toFixed(1)} s; ` +
      `index of ${index.lists} cells over ${index.rows} rows built in ${(index.ms / 1000).toFixed(1)} s`,
  );

  const filter = compileFilter({ shard: 0 });
  for (const filtered of [false, true]) {
    const f = filtered ? filter : undefined;
    const exact = [];
    let started = performance.now();
    for (const q of queries)
      exact.push(await store.search(kind, q, { k: K, filter: f, exact: true }));
    const exactMs = (performance.now() - started) / QUERIES;
    const label = filtered ? 'filter 20%' : 'no filter';
    console.log(`  ${label}: exact ${exactMs.toFixed(2)} ms/query`);

    for (const probes of PROBES) {
      let hits = 0;
      started = performance.now();
      for (const [i, q] of queries.entries()) {
        const found = await store.search(kind, q, { k: K, filter: f, probes });
        const truth = new Set(exact[i].map((h) => h.id));
        hits += found.filter((h) => truth.has(h.id)).length;
      }
      const ms = (performance.now() - started) / QUERIES;
      const recall = hits / (K * QUERIES);
      console.log(
        `  ${label}: probes ${String(probes).padStart(2)}  recall@10 ${recall.toFixed(3)}  ` +
          `${ms.toFixed(2)} ms/query  (${(exactMs / ms).toFixed(1)}x exact)`,
      );
    }
  }
  await store.close();
}

for (const kind of SETS) {
  if (kind === 'fashion-mnist' && !existsSync(FASHION)) {
    console.log(
      `fashion-mnist: skipped, ${FASHION} is absent (apt-get install dataset-fashion-mnist)`,
    );
    continue;
  }
  await measure(kind);
}
