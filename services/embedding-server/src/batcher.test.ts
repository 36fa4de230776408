import { ManyViewsError } from '@manyviews/augment-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BatcherOptions, createBatcher } from './batcher.js';
import type { ModelInput } from './model-port.js';

/** A text input `t`; the fake pass embeds it to [number of characters]. */
const text = (t: string): ModelInput => ({ kind: 'text', text: t });
const lengths = (vectors: Float32Array[]) => vectors.map((v) => v[0]);

/**
 * Lets `n` passes start one after another. The batcher yields a `setImmediate` turn between
 * passes, and the fake clock runs an immediate set while it ticks 1 ms later (so that a timer
 * setting itself again cannot loop forever), so each turn is a 1 ms advance.
 */
async function turns(n: number) {
  for (let i = 0; i < n; i++) await vi.advanceTimersByTimeAsync(1);
}

/**
 * A fake forward pass that records each batch it gets, fails on the text `bad`, and, when
 * gated, waits for `open()` before answering.
 */
function fakePass(gated = false) {
  const batches: string[][] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  if (!gated) open();
  const run = async (inputs: ModelInput[]) => {
    batches.push(inputs.map((i) => (i.kind === 'text' ? i.text : '?')));
    await gate;
    if (inputs.some((i) => i.kind === 'text' && i.text === 'bad')) {
      throw new ManyViewsError('INVALID_INPUT', 'the input "bad" cannot be embedded');
    }
    return inputs.map((i) => Float32Array.of(i.kind === 'text' ? i.text.length : 0));
  };
  return { batches, run, open };
}

function batcher(pass: ReturnType<typeof fakePass>, options: Partial<BatcherOptions> = {}) {
  return createBatcher({
    name: 'fake',
    run: pass.run,
    maxBatchSize: 4,
    maxWaitMs: 5,
    maxQueue: 8,
    timeoutMs: 1000,
    ...options,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createBatcher', () => {
  it('merges requests that arrive within maxWaitMs into one pass, each getting its rows', async () => {
    const pass = fakePass();
    const b = batcher(pass);

    const first = b.submit([text('a')]);
    await vi.advanceTimersByTimeAsync(3);
    const second = b.submit([text('bb'), text('ccc')]);
    expect(pass.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);

    expect(pass.batches).toEqual([['a', 'bb', 'ccc']]);
    expect(lengths(await first)).toEqual([1]);
    expect(lengths(await second)).toEqual([2, 3]);
  });

  it('starts a pass at once when maxBatchSize inputs are waiting, and never exceeds it', async () => {
    const pass = fakePass();
    const b = batcher(pass, { maxWaitMs: 10_000 });

    const jobs = ['a', 'b', 'c', 'd', 'e'].map((t) => b.submit([text(t), text(t + t)]));
    await turns(3);

    // Two requests of two fill a batch of four; the fifth request waits for the next pass, which
    // starts as soon as the one before ends rather than after another maxWaitMs.
    expect(pass.batches).toEqual([
      ['a', 'aa', 'b', 'bb'],
      ['c', 'cc', 'd', 'dd'],
      ['e', 'ee'],
    ]);
    expect((await Promise.all(jobs)).map(lengths)).toEqual(Array(5).fill([1, 2]));
  });

  it('runs one pass at a time, and requests arriving meanwhile share the next', async () => {
    const pass = fakePass(true);
    const b = batcher(pass, { maxWaitMs: 0 });

    const first = b.submit([text('a')]);
    await vi.advanceTimersByTimeAsync(0);
    const later = [b.submit([text('b')]), b.submit([text('c')])];
    await vi.advanceTimersByTimeAsync(50);
    expect(pass.batches).toEqual([['a']]);

    pass.open();
    await turns(2);
    await Promise.all([first, ...later]);
    expect(pass.batches).toEqual([['a'], ['b', 'c']]);
  });

  it('runs a request larger than maxBatchSize as one pass of its own, unsplit', async () => {
    const pass = fakePass();
    const b = batcher(pass);

    const big = b.submit(['1', '22', '333', '4444', '55555', '666666'].map(text));
    const small = b.submit([text('x')]);
    await vi.advanceTimersByTimeAsync(10);

    expect(pass.batches.map((batch) => batch.length)).toEqual([6, 1]);
    expect(lengths(await big)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lengths(await small)).toEqual([1]);
  });

  it('fails only the request whose input broke a merged pass', async () => {
    const pass = fakePass();
    const b = batcher(pass);

    const good = b.submit([text('a')]);
    const bad = b.submit([text('bb'), text('bad')]).catch((e) => e);
    const alsoGood = b.submit([text('ccc')]);
    await vi.advanceTimersByTimeAsync(5);

    expect(lengths(await good)).toEqual([1]);
    expect(await bad).toMatchObject({ code: 'INVALID_INPUT' });
    expect(lengths(await alsoGood)).toEqual([3]);
    // The merged pass, then each request alone.
    expect(pass.batches).toEqual([['a', 'bb', 'bad', 'ccc'], ['a'], ['bb', 'bad'], ['ccc']]);
  });

  it('refuses a request with QUEUE_FULL once maxQueue inputs are waiting', async () => {
    const pass = fakePass(true);
    const b = batcher(pass, { maxWaitMs: 0, maxQueue: 3 });

    const running = b.submit([text('a')]);
    await vi.advanceTimersByTimeAsync(0);
    const queued = [b.submit([text('b'), text('c')]), b.submit([text('d')])];
    expect(b.queued).toBe(3);

    const error = await b.submit([text('e')]).catch((e) => e);
    expect(error).toBeInstanceOf(ManyViewsError);
    expect(error.code).toBe('QUEUE_FULL');
    expect(error.message).toMatch(/at most 3 inputs queued.*3 queued and 1 more/);

    pass.open();
    await turns(2);
    await Promise.all([running, ...queued]);
    expect(b.queued).toBe(0);
  });

  it('answers REQUEST_TIMEOUT for a request still queued at its deadline and drops it', async () => {
    const pass = fakePass(true);
    const b = batcher(pass, { maxWaitMs: 0, timeoutMs: 100 });

    const running = b.submit([text('a')]).catch((e) => e);
    await vi.advanceTimersByTimeAsync(60);
    const waiting = b.submit([text('b')]);
    const caught = waiting.catch((e) => e);
    await vi.advanceTimersByTimeAsync(40);

    // The running request's deadline passes while the model still runs: it times out too.
    expect(await running).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    await vi.advanceTimersByTimeAsync(60);
    expect(await caught).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    expect(b.queued).toBe(0);

    // When the slow pass ends, the timed-out request is not run: nothing was left waiting.
    pass.open();
    await vi.advanceTimersByTimeAsync(10);
    expect(pass.batches).toEqual([['a']]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timers once every request is answered', async () => {
    const pass = fakePass();
    const b = batcher(pass);

    await Promise.all([
      b.submit([text('a')]),
      b.submit([text('b')]),
      vi.advanceTimersByTimeAsync(5),
    ]);
    await turns(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes a request out of the queue when its signal aborts', async () => {
    const pass = fakePass(true);
    const b = batcher(pass, { maxWaitMs: 0 });
    const controller = new AbortController();

    const running = b.submit([text('a')]);
    await vi.advanceTimersByTimeAsync(0);
    const gone = b.submit([text('b'), text('c')], controller.signal);
    expect(b.queued).toBe(2);
    controller.abort();

    await expect(gone).rejects.toMatchObject({ code: 'REQUEST_ABORTED' });
    expect(b.queued).toBe(0);
    pass.open();
    await running;
    expect(pass.batches).toEqual([['a']]);
  });

  it('reports each wait and each pass to its observer', async () => {
    const pass = fakePass();
    const waits: number[] = [];
    const passes: Array<[number, number]> = [];
    const b = batcher(pass, {
      observer: { waited: (ms) => waits.push(ms), ran: (size, ms) => passes.push([size, ms]) },
    });

    await Promise.all([
      b.submit([text('a')]),
      b.submit([text('b'), text('c')]),
      vi.advanceTimersByTimeAsync(5),
    ]);
    expect(waits).toEqual([5, 5]);
    expect(passes).toEqual([[3, 0]]);
  });

  it('drains a retired batcher, then calls onIdle once and refuses with MODEL_RETIRED', async () => {
    const pass = fakePass(true);
    const b = batcher(pass, { maxWaitMs: 0 });
    const onIdle = vi.fn();

    const running = b.submit([text('a')]);
    await vi.advanceTimersByTimeAsync(0);
    b.retire(onIdle);
    // Still draining: a request that looked the model up before the reload is served.
    const late = b.submit([text('bb')]);
    expect(onIdle).not.toHaveBeenCalled();

    pass.open();
    await turns(2);
    expect(lengths(await running)).toEqual([1]);
    expect(lengths(await late)).toEqual([2]);
    await turns(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    await expect(b.submit([text('c')])).rejects.toMatchObject({ code: 'MODEL_RETIRED' });
  });

  it('close refuses new requests and resolves once the accepted ones are answered', async () => {
    const pass = fakePass(true);
    const b = batcher(pass, { maxWaitMs: 0 });

    const accepted = b.submit([text('a')]);
    await vi.advanceTimersByTimeAsync(0);
    let closed = false;
    const closing = b.close().then(() => {
      closed = true;
    });
    await expect(b.submit([text('b')])).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    await vi.advanceTimersByTimeAsync(10);
    expect(closed).toBe(false);

    pass.open();
    expect(lengths(await accepted)).toEqual([1]);
    await closing;
    expect(closed).toBe(true);
    expect(b.close()).toBe(b.close());
  });
});

describe('createBatcher with a synchronous model', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  /**
   * A pass that blocks the event loop (as tfjs on wasm does) for `blockMs[text]` ms of each input,
   * recording each batch and whether a timer set before the first pass had fired by each start.
   */
  function blockingPass(blockMs: Record<string, number>) {
    const batches: string[][] = [];
    const timerFiredBefore: boolean[] = [];
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    const run = async (inputs: ModelInput[]) => {
      const texts = inputs.map((i) => (i.kind === 'text' ? i.text : '?'));
      batches.push(texts);
      timerFiredBefore.push(timerFired);
      const until = performance.now() + texts.reduce((sum, t) => sum + (blockMs[t] ?? 0), 0);
      while (performance.now() < until) {
        // busy-wait: nothing else runs, as with a real forward pass
      }
      return texts.map((t) => Float32Array.of(t.length));
    };
    return { batches, timerFiredBefore, run };
  }

  const blocking = (run: BatcherOptions['run'], timeoutMs: number) =>
    createBatcher({ name: 'blocking', run, maxBatchSize: 1, maxWaitMs: 0, maxQueue: 8, timeoutMs });

  it('times out by the clock: a job past its deadline is not run, one that passes it in its pass gets 504', async () => {
    // `a` (50 ms) fills a batch, so its pass runs at once; `bb` and `ccc` queue behind it at about
    // 50 ms with deadlines at about 150 ms. `bb`'s pass (120 ms) ends past its deadline, and `ccc`
    // is still queued then. No deadline timer can fire while a pass blocks.
    const pass = blockingPass({ a: 50, bb: 120, ccc: 1 });
    const b = blocking(pass.run, 100);

    const outcomes = await Promise.all(
      ['a', 'bb', 'ccc'].map((t) =>
        b.submit([text(t)]).then(
          (v) => lengths(v),
          (e) => e.code,
        ),
      ),
    );

    expect(outcomes).toEqual([[1], 'REQUEST_TIMEOUT', 'REQUEST_TIMEOUT']);
    expect(pass.batches).toEqual([['a'], ['bb']]);
    expect(b.queued).toBe(0);
  });

  it('yields to the event loop between passes, so timers run while the queue is busy', async () => {
    const pass = blockingPass({ a: 5, b: 5, c: 5 });
    const b = blocking(pass.run, 10_000);

    await Promise.all(['a', 'b', 'c'].map((t) => b.submit([text(t)])));

    // The timer was due before the first pass; without a yield, the passes run back to back in
    // microtasks and it fires only after the last one.
    expect(pass.timerFiredBefore.at(-1)).toBe(true);
  });
});
