import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from './store/local-store.js';
import { base64, imageBytes } from './testing/fake-models.js';

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mv-shutdown-'));
  bundle = path.join(dir, 'serve-child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./testing/serve-child.ts', import.meta.url))],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // pino and prom-client are CommonJS; a bundled ESM file needs a `require` to load Node's own
    // modules from them.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    // The aliases of vitest.config.ts do not apply here; the server needs only augment-core.
    alias: {
      '@manyviews/augment-core': fileURLToPath(
        new URL('../../../packages/augment-core/src/index.ts', import.meta.url),
      ),
    },
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The child's JSON log lines, parsed, as they arrive. */
function logLines(child: ChildProcess): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  let rest = '';
  child.stderr!.on('data', (chunk) => {
    rest += chunk;
    const complete = rest.split('\n');
    rest = complete.pop()!;
    for (const line of complete) lines.push(JSON.parse(line));
  });
  return lines;
}

async function waitFor<T>(
  what: string,
  read: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('graceful shutdown on SIGTERM', () => {
  it('answers the requests in flight, keeps the acknowledged writes and exits 0', async () => {
    const storeDir = path.join(dir, 'store');
    const child = spawn(process.execPath, [bundle, storeDir, '400']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = logLines(child);
    const url = await waitFor('the listening line', () => {
      const listening = lines.find((l) => l.msg === 'server listening');
      return listening?.url as string | undefined;
    });

    const post = (route: string, body: unknown) =>
      fetch(`${url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/v1/collections', { name: 'c', model: 'fake-image' })).status).toBe(201);

    // Four embeddings and one collection write, all waiting on the 400 ms forward pass.
    const inFlight = [
      ...[1, 2, 3, 4].map((i) =>
        post('/v1/embeddings', { model: 'fake-image', input: base64(imageBytes(i, 1, 0, 0)) }),
      ),
      post('/v1/collections/c/items', {
        items: [{ id: 'late', input: base64(imageBytes(0, 0, 1, 0)) }],
      }),
    ];
    // SIGTERM only once the server holds all five: in a pass or queued for the next.
    await waitFor('the five requests to reach the batcher', async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const value = (name: string) =>
        Number(new RegExp(`^${name}\\S* (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      return value('manyviews_batch_queue_seconds_count') +
        value('manyviews_batch_queue_length') ===
        5
        ? true
        : undefined;
    });
    child.kill('SIGTERM');

    const answers = await Promise.all(inFlight);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const first = (await answers[0].json()) as { data: Array<{ embedding: number[] }> };
    expect(first.data[0].embedding[0]).toBeCloseTo(1 / Math.SQRT2, 6);

    expect(await exited).toBe(0);
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain('SIGTERM: finishing in-flight requests, then exiting');
    expect(messages.at(-1)).toBe('shut down cleanly');
    // Every request got a log line with its id, and the port no longer answers.
    const requestLines = lines.filter((l) => typeof l.requestId === 'string');
    expect(requestLines.filter((l) => l.path !== '/metrics')).toHaveLength(6);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    // The write acknowledged during the shutdown is on disk.
    const store = await openLocalStore({ dir: storeDir });
    expect((await store.get('c', 'late'))?.id).toBe('late');
    await store.close();
  });
});
