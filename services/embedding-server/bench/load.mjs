// Load benchmark of the embedding server on loopback, printed, never asserted. Run with
// `pnpm --filter @manyviews/embedding-server bench:load` after `pnpm run build` at the root
// (it runs the built `manyviews` CLI and imports the built packages).
//
// What it does, all on 127.0.0.1 and in a temporary folder it removes at the end:
//   1. trains a small Fashion-MNIST MLP (128-d, 4 steps) with `manyviews train`;
//   2. times the model's own `embed` on the same PNG inputs, in this process, with no server:
//      the raw forward pass (PNG decode, preprocessing, the network) for 1 and for 32 inputs;
//   3. starts `manyviews serve` as a child process (default limits, JSON logs at info) and drives
//      it with autocannon: POST /v1/embeddings with 1 and with 32 inputs, at 1 connection (the
//      latency a lone client sees) and at several (where micro-batching merges requests);
//   4. writes 100,000 random 128-d vectors into a collection over HTTP and measures
//      POST /v1/collections/bench/search by vector (k = 10);
//   5. reads the batch size histogram of /metrics, then SIGTERMs the server and checks it
//      exited 0.
// Every autocannon run lasts SECONDS seconds (default 8; `BENCH_SECONDS=3` for a quick look).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(root, 'packages/cli/dist/bin.js');
const { loadServedModel, selectBackend } = await import(
  path.join(root, 'packages/contrastive/dist/index.js')
);
const { loadFashionMnist } = await import(path.join(root, 'packages/datasets/dist/index.js'));
const { encodePng, fromUint8 } = await import(
  path.join(root, 'packages/augment-image/dist/index.js')
);

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const DIM = 128;
const STORED = 100_000;

function run(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (c) => {
      log += c;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(log) : reject(new Error(`${args[0]}: ${log}`)),
    );
  });
}

/** `n` test images of Fashion-MNIST as PNG bytes. */
async function testPngs(n) {
  const test = await loadFashionMnist('test');
  const pixels = test.width * test.height;
  const out = [];
  for (let i = 0; i < n; i++) {
    const image = fromUint8(test.images.subarray(i * pixels, (i + 1) * pixels), 28, 28, 1);
    out.push(await encodePng(image));
  }
  return out;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Times `fn` for about `seconds`: calls per second and p50 / p99 latency in ms. */
async function timeCalls(fn, seconds) {
  // Warm-up: the wasm kernels and V8 settle over the first calls of a shape.
  for (let i = 0; i < 30; i++) await fn();
  const times = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const rate = times.length / ((performance.now() - started) / 1000);
  return { rate, p50: percentile(times, 50), p99: percentile(times, 99) };
}

function startServe(cwd, models, extra = []) {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--models', models, '--port', '0', ...extra],
    {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const lines = [];
  const url = new Promise((resolve, reject) => {
    let rest = '';
    child.stderr.on('data', (chunk) => {
      rest += chunk;
      const complete = rest.split('\n');
      rest = complete.pop();
      for (const text of complete) {
        let line;
        try {
          line = JSON.parse(text);
        } catch {
          line = { msg: text };
        }
        // Keep what is not a request line, so the bench's own memory stays flat.
        if (line.requestId === undefined) lines.push(line);
        if (line.msg === 'server listening') resolve(line.url);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${JSON.stringify(lines)}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return { child, url, lines, exited };
}

async function post(url, body, method = 'POST') {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Runs autocannon over `bodies` (cycled), checking every answer was a 2xx. */
async function load(url, connections, bodies) {
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    requests: bodies.map((body) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })),
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Mean inputs per forward pass, from the batch size histogram of /metrics. */
async function meanBatch(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name) =>
    Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return {
    sum: value('manyviews_batch_size_sum'),
    count: value('manyviews_batch_size_count'),
  };
}

function row(label, { rate, p50, p99 }, extra = '') {
  console.log(
    `${label.padEnd(52)} ${rate.toFixed(0).padStart(7)}/s   p50 ${p50.toFixed(2).padStart(7)} ms   p99 ${p99.toFixed(2).padStart(7)} ms${extra}`,
  );
}

function randomUnit(seed) {
  let s = seed >>> 0 || 1;
  const v = new Array(DIM);
  let norm = 0;
  for (let j = 0; j < DIM; j++) {
    // xorshift32: the same vectors every run.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    v[j] = (s >>> 0) / 4294967296 - 0.5;
    norm += v[j] * v[j];
  }
  const inv = 1 / Math.sqrt(norm);
  return v.map((x) => Math.round(x * inv * 1e6) / 1e6);
}

const work = await mkdtemp(path.join(tmpdir(), 'mv-load-'));
try {
  console.log(`node ${process.version}, ${SECONDS} s per run, all on 127.0.0.1\n`);
  const modelDir = path.join(work, 'models', 'fmnist');
  const started = performance.now();
  await run(
    [
      'train',
      '--dataset',
      'fashion-mnist',
      '--encoder',
      'mlp',
      '--encoder-options',
      JSON.stringify({ hidden: [256], embeddingDim: DIM, projection: [128, 64] }),
      '--limit',
      '512',
      '--epochs',
      '1',
      '--batch-size',
      '128',
      '--no-eval',
      '--workers',
      '0',
      '--out',
      modelDir,
      '--run-dir',
      path.join(work, 'run'),
    ],
    work,
  );
  console.log(
    `trained the model (784-256-${DIM} MLP) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const pngs = await testPngs(64);
  const b64 = pngs.map((p) => Buffer.from(p).toString('base64'));

  // The raw forward pass, before the server starts so the two never share a core.
  await selectBackend('wasm', { debug() {}, info() {}, warn() {}, error() {} });
  const model = await loadServedModel(modelDir);
  const asInputs = (from, n) =>
    Array.from({ length: n }, (_, i) => ({ kind: 'bytes', data: pngs[(from + i) % pngs.length] }));
  let turn = 0;
  const raw1 = await timeCalls(() => model.embed(asInputs(turn++, 1)), SECONDS);
  const raw32 = await timeCalls(() => model.embed(asInputs(turn++, 32)), SECONDS);
  model.dispose?.();
  console.log('\nthe model alone (embed called directly, one call at a time)');
  row('  embed, 1 input', raw1, `   (${raw1.rate.toFixed(0)} inputs/s)`);
  row('  embed, 32 inputs', raw32, `   (${(raw32.rate * 32).toFixed(0)} inputs/s)`);

  const server = startServe(work, path.join(work, 'models'));
  const base = await server.url;
  const embeddings = `${base}/v1/embeddings`;
  const one = b64.slice(0, 16).map((input) => ({ model: 'fmnist', input }));
  const batches = [0, 32].map((from) => ({ model: 'fmnist', input: b64.slice(from, from + 32) }));

  console.log(
    '\nPOST /v1/embeddings through `manyviews serve` (default limits, JSON logs at info)',
  );
  const results = {};
  for (const [label, connections, bodies, inputs] of [
    ['1 input, 1 connection', 1, one, 1],
    ['1 input, 32 connections', 32, one, 1],
    ['32 inputs, 1 connection', 1, batches, 32],
    ['32 inputs, 8 connections', 8, batches, 32],
  ]) {
    // Let the answers of the run before arrive, so they are not counted in this one.
    await new Promise((r) => setTimeout(r, 500));
    const before = await meanBatch(base);
    const r = await load(embeddings, connections, bodies);
    const after = await meanBatch(base);
    const mean = (after.sum - before.sum) / Math.max(1, after.count - before.count);
    results[label] = r;
    row(
      `  ${label}`,
      r,
      `   (${(r.rate * inputs).toFixed(0)} inputs/s, mean pass ${mean.toFixed(1)} inputs)`,
    );
  }
  console.log('\nserver overhead over the model alone, at 1 connection (p50)');
  const over = (server, raw) =>
    `${(server.p50 - raw.p50).toFixed(2)} ms (${server.p50.toFixed(2)} vs ${raw.p50.toFixed(2)})`;
  console.log(`  1 input:   ${over(results['1 input, 1 connection'], raw1)}`);
  console.log(`  32 inputs: ${over(results['32 inputs, 1 connection'], raw32)}`);

  const info = await post(`${base}/v1/collections`, { name: 'bench', model: 'fmnist' });
  const writeStarted = performance.now();
  for (let b = 0; b < STORED / 1000; b++) {
    const items = Array.from({ length: 1000 }, (_, j) => {
      const i = b * 1000 + j;
      return { id: `i${i}`, vector: randomUnit(i + 1), metadata: { shard: i % 10 } };
    });
    await post(`${base}/v1/collections/bench/items`, { items }, 'PUT');
  }
  const writeS = (performance.now() - writeStarted) / 1000;
  console.log(
    `\ncollection of ${STORED} x ${DIM} (in memory), written over HTTP in batches of 1000: ` +
      `${writeS.toFixed(1)} s (${(STORED / writeS).toFixed(0)} items/s)`,
  );
  const queries = Array.from({ length: 16 }, (_, i) => ({
    vector: randomUnit(1_000_000 + i),
    k: 10,
    modelVersion: info.modelVersion,
  }));
  const search = `${base}/v1/collections/bench/search`;
  row('  search by vector, k=10, 1 connection', await load(search, 1, queries));
  row('  search by vector, k=10, 4 connections', await load(search, 4, queries));
  row(
    '  search by input (embed + search), 4 connections',
    await load(
      search,
      4,
      b64.slice(0, 16).map((input) => ({ input, k: 10 })),
    ),
  );

  server.child.kill('SIGTERM');
  const code = await server.exited;
  console.log(`\nSIGTERM: the server exited ${code}`);
  if (code !== 0) process.exitCode = 1;

  // What the 2 ms batch wait costs a lone client: the same run with no wait.
  const noWait = startServe(work, path.join(work, 'models'), ['--max-batch-wait-ms', '0']);
  const noWaitBase = await noWait.url;
  row(
    '\n--max-batch-wait-ms 0: 1 input, 1 connection',
    await load(`${noWaitBase}/v1/embeddings`, 1, one),
  );
  row(
    '--max-batch-wait-ms 0: 1 input, 32 connections',
    await load(`${noWaitBase}/v1/embeddings`, 32, one),
  );
  noWait.child.kill('SIGTERM');
  if ((await noWait.exited) !== 0) process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
