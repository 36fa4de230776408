/**
 * Micro-batching, the queue bound, timeouts and draining, through the app as a client sees
 * them. The model's first pass waits on a gate, so the requests sent meanwhile are known to be
 * queued together (the queue length gauge of /metrics says when) rather than hoped to be.
 */
import { describe, expect, it, vi } from 'vitest';
import { createApp } from './app.js';
import type { ServerLimits } from './limits.js';
import type { ServedModel } from './model-port.js';
import { createModelRegistry } from './model-registry.js';
import { base64, type EmbedCalls, fakeImageModel, imageBytes } from './testing/fake-models.js';
import { expectError, postJson } from './testing/http.js';

/** The fake image model, whose first pass (`started` once it began) waits for `release()`. */
function firstPassGated() {
  const calls: EmbedCalls = [];
  const inner = fakeImageModel({ calls });
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let markStarted!: () => void;
  const started = new Promise<void>((r) => {
    markStarted = r;
  });
  let passes = 0;
  const model: ServedModel = {
    ...inner,
    async embed(inputs) {
      passes++;
      if (passes === 1) {
        markStarted();
        await gate;
      }
      return inner.embed(inputs);
    },
  };
  return { model, calls, release, started };
}

function setup(limits: Partial<ServerLimits> = {}) {
  const gated = firstPassGated();
  const app = createApp({
    registry: createModelRegistry([gated.model]),
    limits: { maxBatchWaitMs: 0, ...limits },
  });
  const embed = (...coords: number[][]) =>
    postJson(app, '/v1/embeddings', {
      model: 'fake-image',
      input: coords.map((c) => base64(imageBytes(...c))),
    });
  return { ...gated, app, embed };
}

type Embeddings = { data: Array<{ embedding: number[] }> };
const vectorsOf = async (res: Response) =>
  ((await res.json()) as Embeddings).data.map((d) => d.embedding);

/** Resolves once `inputs` inputs wait in the queue of fake-image, as /metrics reports it. */
async function queued(app: ReturnType<typeof createApp>, inputs: number): Promise<void> {
  const line = `manyviews_batch_queue_length{model="fake-image"} ${inputs}`;
  for (let i = 0; i < 200; i++) {
    const text = await (await app.request('/metrics')).text();
    if (text.split('\n').includes(line)) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`the queue never held ${inputs} inputs`);
}

describe('micro-batching through the app', () => {
  it('embeds concurrent requests in one forward pass and answers each with its own rows', async () => {
    const { app, calls, release, started, embed } = setup();

    const first = embed([1, 0, 0, 0]);
    await started;
    const rest = [embed([0, 2, 0, 0]), embed([0, 0, 3, 0], [0, 0, 0, 4]), embed([3, 4, 0, 0])];
    await queued(app, 4);
    release();

    expect(await vectorsOf(await first)).toEqual([[1, 0, 0, 0]]);
    const answers = await Promise.all(rest.map(async (r) => vectorsOf(await r)));
    expect(answers).toEqual([
      [[0, 1, 0, 0]],
      [
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
      [[0.6000000238418579, 0.800000011920929, 0, 0]],
    ]);
    // The three queued requests, four inputs, reached the model as one call.
    expect(calls.map((c) => c.length)).toEqual([1, 4]);
  });

  it('fails only the request with a bad input when it shares a pass with good ones', async () => {
    const { app, release, started, embed } = setup();

    const first = embed([1, 0, 0, 0]);
    await started;
    const good = embed([0, 1, 0, 0]);
    const bad = postJson(app, '/v1/embeddings', {
      model: 'fake-image',
      input: base64(Uint8Array.of(1, 2, 3, 4)),
    });
    const alsoGood = embed([0, 0, 1, 0]);
    await queued(app, 3);
    release();

    expect((await first).status).toBe(200);
    expect(await vectorsOf(await good)).toEqual([[0, 1, 0, 0]]);
    await expectError(await bad, 400, 'IMAGE_DECODE_FAILED');
    expect(await vectorsOf(await alsoGood)).toEqual([[0, 0, 1, 0]]);
  });

  it('answers 429 QUEUE_FULL with Retry-After once maxQueue inputs wait', async () => {
    const { app, release, started, embed } = setup({ maxQueue: 2 });

    const first = embed([1, 0, 0, 0]);
    await started;
    const waiting = embed([0, 1, 0, 0], [0, 0, 1, 0]);
    await queued(app, 2);

    const refused = await embed([0, 0, 0, 1]);
    expect(refused.headers.get('retry-after')).toBe('1');
    const error = await expectError(refused, 429, 'QUEUE_FULL');
    expect(error.message).toMatch(/at most 2 inputs queued/);

    release();
    expect((await first).status).toBe(200);
    expect((await waiting).status).toBe(200);
    // The queue emptied, so the same request is taken now.
    expect((await embed([0, 0, 0, 1])).status).toBe(200);
  });

  it('answers 504 REQUEST_TIMEOUT when the model does not answer within requestTimeoutMs', async () => {
    const { app, release, embed } = setup({ requestTimeoutMs: 50 });

    const started = performance.now();
    const slow = await embed([1, 0, 0, 0]);
    await expectError(slow, 504, 'REQUEST_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(2000);

    // The model ends its pass later; the server keeps serving, and nothing is left queued.
    release();
    expect((await embed([0, 1, 0, 0])).status).toBe(200);
    await queued(app, 0);
  });

  it('close() drains what is accepted and then refuses with 503 SHUTTING_DOWN', async () => {
    const { app, release, started, embed } = setup();

    const inFlight = embed([1, 0, 0, 0]);
    await started;
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });

    const refused = await embed([0, 1, 0, 0]);
    expect(refused.headers.get('retry-after')).toBe('1');
    await expectError(refused, 503, 'SHUTTING_DOWN');
    expect(closed).toBe(false);

    release();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(closed).toBe(true);
  });

  it('a reload lets the replaced model finish its queued requests before disposing it', async () => {
    const gated = firstPassGated();
    let disposed = 0;
    const old: ServedModel = { ...gated.model, version: 'v1', dispose: () => void disposed++ };
    const replacement = { ...fakeImageModel(), version: 'v2' };
    const app = createApp({
      registry: createModelRegistry([old]),
      reload: async () => createModelRegistry([replacement]),
      limits: { maxBatchWaitMs: 0 },
    });
    const input = base64(imageBytes(0, 0, 5, 0));
    const embed = () => postJson(app, '/v1/embeddings', { model: 'fake-image', input });

    const running = embed();
    await gated.started;
    const waiting = embed();
    await queued(app, 1);
    expect((await app.request('/v1/models/reload', { method: 'POST' })).status).toBe(200);
    expect(disposed).toBe(0);

    gated.release();
    expect(await vectorsOf(await running)).toEqual([[0, 0, 1, 0]]);
    expect(await vectorsOf(await waiting)).toEqual([[0, 0, 1, 0]]);
    // The old model is disposed once its batcher has drained, a turn or two after the last answer.
    await vi.waitFor(() => expect(disposed).toBe(1));
    expect(gated.calls).toHaveLength(2);
  });
});
