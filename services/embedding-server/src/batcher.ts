import { ManyViewsError } from '@manyviews/augment-core';
import type { ModelInput } from './model-port.js';

/** What a {@link Batcher} is built with. All sizes count inputs, not requests. */
export interface BatcherOptions {
  /** The model's name, for error messages. */
  name: string;
  /**
   * One forward pass: one checked vector per input, in order (see `embedInputs`). The batcher
   * calls it with at most one pass running at a time.
   */
  run(inputs: ModelInput[]): Promise<Float32Array[]>;
  /**
   * Most inputs merged into one pass. A request of more inputs than this is never split: it runs
   * as a pass of its own, so `maxInputs` is what bounds a pass then.
   */
  maxBatchSize: number;
  /**
   * How long the first request queued waits for others to join before the pass starts, in ms; 0
   * takes only what arrived in the same turn of the event loop.
   */
  maxWaitMs: number;
  /** Most inputs waiting (not yet in a pass) before a new request is refused with `QUEUE_FULL`. */
  maxQueue: number;
  /** How long a request may wait in the queue and in its pass together, in ms. */
  timeoutMs: number;
  /** Told of every pass and every wait, for metrics. */
  observer?: BatchObserver;
}

/** Receives what the batcher measures (see `metrics.ts`). */
export interface BatchObserver {
  /** A request left the queue for a pass after waiting `ms`. */
  waited(ms: number): void;
  /** A pass of `size` inputs took `ms`, whether it succeeded or not. */
  ran(size: number, ms: number): void;
}

/** The micro-batcher of one model. */
export interface Batcher {
  /**
   * Queues one request's inputs and resolves to its own vectors once the pass holding them ends.
   *
   * @param inputs at least one input
   * @param signal aborting it (the client went away) takes the request out of the queue
   * @throws {ManyViewsError} `QUEUE_FULL` (429) when the queue would pass `maxQueue` inputs,
   *   `REQUEST_TIMEOUT` (504) past `timeoutMs`, `REQUEST_ABORTED` when `signal` aborts,
   *   `SHUTTING_DOWN` (503) after {@link Batcher.close}, `MODEL_RETIRED` (503) once a retired
   *   batcher has drained; and whatever the pass throws for these inputs
   */
  submit(inputs: ModelInput[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Inputs waiting for a pass. */
  readonly queued: number;
  /**
   * Lets what is queued or running finish, still taking requests until it is idle, then calls
   * `onIdle` (the caller disposes the model there) and refuses any later request.
   */
  retire(onIdle: () => void): void;
  /**
   * Refuses new requests with `SHUTTING_DOWN` and resolves once every request already accepted
   * has settled (answered, failed or timed out). A pass that outlives its requests' deadlines is
   * not waited for.
   */
  close(): Promise<void>;
}

/** One request waiting for, or riding in, a pass. */
interface Job {
  inputs: ModelInput[];
  queuedAt: number;
  /** `performance.now()` past which the job is answered `REQUEST_TIMEOUT`. */
  deadline: number;
  settled: boolean;
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
}

/**
 * Builds the micro-batcher of one model: concurrent requests are merged into one forward pass of
 * up to `maxBatchSize` inputs, and each gets back its own rows.
 *
 * One pass runs at a time; requests arriving meanwhile queue and ride the next pass together,
 * which is what makes batching pay off on a model that uses the whole CPU per pass. When a
 * merged pass throws, each request in it is run again on its own, so a bad input fails only the
 * request that sent it.
 *
 * Deadlines are read from the clock, not only from timers: a synchronous model (tfjs on wasm or
 * cpu) blocks the event loop for its whole pass, so a deadline timer cannot fire during it. A job
 * whose deadline has passed when a pass is formed is answered `REQUEST_TIMEOUT` and not run; one
 * whose deadline passes during its pass is answered `REQUEST_TIMEOUT` and its rows are dropped.
 * Between passes the batcher yields to the event loop (`setImmediate`), so timers, new requests and
 * other I/O get a turn even while the queue never empties.
 *
 * @example
 * const batcher = createBatcher({ name: m.name, run: (x) => embedInputs(m, x), maxBatchSize: 64,
 *   maxWaitMs: 2, maxQueue: 1024, timeoutMs: 30_000 });
 * const [a, b] = await Promise.all([batcher.submit([x1]), batcher.submit([x2, x3])]);
 */
export function createBatcher(options: BatcherOptions): Batcher {
  const { name, run, maxBatchSize, maxWaitMs, maxQueue, timeoutMs, observer } = options;
  const queue: Job[] = [];
  const pending = new Set<Job>();
  let queuedInputs = 0;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let state: 'open' | 'retiring' | 'retired' | 'closed' = 'open';
  let onIdle: (() => void) | undefined;
  let settledAll: (() => void) | undefined;
  let closing: Promise<void> | undefined;

  const unqueue = (job: Job) => {
    const at = queue.indexOf(job);
    if (at < 0) return;
    queue.splice(at, 1);
    queuedInputs -= job.inputs.length;
  };

  // Settles a job once: its timer and listener go, and the batcher notes when it became idle.
  const finish = (job: Job, outcome: () => void) => {
    if (job.settled) return;
    job.settled = true;
    unqueue(job);
    pending.delete(job);
    outcome();
    checkIdle();
  };

  const checkIdle = () => {
    if (pending.size === 0 && settledAll) settledAll();
    if (state === 'retiring' && pending.size === 0 && !running) {
      state = 'retired';
      onIdle?.();
    }
  };

  const schedule = () => {
    if (running || queue.length === 0) return;
    if (queuedInputs >= maxBatchSize) {
      dispatch();
      return;
    }
    // Later arrivals join the batch the first one opened; they do not push its start back.
    timer ??= setTimeout(dispatch, maxWaitMs);
  };

  const dispatch = () => {
    clearTimeout(timer);
    timer = undefined;
    if (running || queue.length === 0) return;

    const batch = takeBatch();
    running = true;
    void runBatch(batch).finally(() => {
      // Whatever queued during the pass has waited long enough already, but a synchronous pass
      // has kept the event loop busy: timers, sockets and new requests get a turn first.
      setImmediate(() => {
        running = false;
        checkIdle();
        if (queue.length > 0) dispatch();
      });
    });
  };

  // Answers a job whose deadline has passed, before its timer could (see createBatcher's doc).
  const expire = (job: Job, now: number): boolean => {
    if (now < job.deadline) return false;
    finish(job, () => job.reject(timedOut(name, timeoutMs)));
    return true;
  };

  // Hands a job its rows, unless its deadline passed while the pass ran.
  const deliver = (job: Job, own: Float32Array[]) => {
    if (expire(job, performance.now())) return;
    finish(job, () => job.resolve(own));
  };

  const takeBatch = (): Job[] => {
    const batch: Job[] = [];
    let size = 0;
    const now = performance.now();
    while (queue.length > 0) {
      const next = queue[0];
      if (expire(next, now)) continue; // finish() took it out of the queue
      if (batch.length > 0 && size + next.inputs.length > maxBatchSize) break;
      queue.shift();
      queuedInputs -= next.inputs.length;
      size += next.inputs.length;
      batch.push(next);
      observer?.waited(now - next.queuedAt);
    }
    return batch;
  };

  const timedPass = async (inputs: ModelInput[]) => {
    const started = performance.now();
    try {
      return await run(inputs);
    } finally {
      observer?.ran(inputs.length, performance.now() - started);
    }
  };

  const runBatch = async (batch: Job[]) => {
    const live = batch.filter((j) => !j.settled);
    if (live.length === 0) return;
    try {
      const vectors = await timedPass(live.flatMap((j) => j.inputs));
      let row = 0;
      for (const job of live) {
        const own = vectors.slice(row, row + job.inputs.length);
        row += job.inputs.length;
        deliver(job, own);
      }
    } catch (error) {
      if (live.length === 1) {
        if (!expire(live[0], performance.now())) finish(live[0], () => live[0].reject(error));
        return;
      }
      // Which request's inputs broke the pass is unknown; running each alone finds out, and the
      // others still get their vectors.
      for (const job of live) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (job.settled || expire(job, performance.now())) continue;
        try {
          deliver(job, await timedPass(job.inputs));
        } catch (own) {
          finish(job, () => job.reject(own));
        }
      }
    }
  };

  const refuse = (): ManyViewsError | undefined => {
    if (state === 'closed') {
      return new ManyViewsError('SHUTTING_DOWN', 'the server is shutting down; retry elsewhere');
    }
    if (state === 'retired') {
      return new ManyViewsError(
        'MODEL_RETIRED',
        `model ${name} was replaced by a reload while this request ran; send it again`,
      );
    }
    return undefined;
  };

  return {
    get queued() {
      return queuedInputs;
    },

    submit(inputs, signal) {
      const refused = refuse();
      if (refused) return Promise.reject(refused);
      // An empty queue takes any request, so one larger than maxQueue is not refused forever.
      if (queue.length > 0 && queuedInputs + inputs.length > maxQueue) {
        return Promise.reject(
          new ManyViewsError(
            'QUEUE_FULL',
            `model ${name} has too many inputs waiting; retry soon`,
            {
              expected: `at most ${maxQueue} inputs queued`,
              received: `${queuedInputs} queued and ${inputs.length} more`,
            },
          ),
        );
      }
      if (signal?.aborted) return Promise.reject(aborted(name));

      return new Promise<Float32Array[]>((resolve, reject) => {
        const deadline = setTimeout(
          () => finish(job, () => job.reject(timedOut(name, timeoutMs))),
          timeoutMs,
        );
        const onAbort = () => finish(job, () => job.reject(aborted(name)));
        const cleanUp = () => {
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
        };
        const queuedAt = performance.now();
        const job: Job = {
          inputs,
          queuedAt,
          deadline: queuedAt + timeoutMs,
          settled: false,
          resolve(vectors) {
            cleanUp();
            resolve(vectors);
          },
          reject(error) {
            cleanUp();
            reject(error);
          },
        };

        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(job);
        pending.add(job);
        queuedInputs += inputs.length;
        schedule();
      });
    },

    retire(callback) {
      if (state !== 'open') return;
      state = 'retiring';
      onIdle = callback;
      checkIdle();
    },

    close() {
      if (state !== 'retired') state = 'closed';
      closing ??=
        pending.size === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              settledAll = resolve;
            });
      return closing;
    },
  };
}

function timedOut(name: string, timeoutMs: number): ManyViewsError {
  return new ManyViewsError('REQUEST_TIMEOUT', `model ${name} did not answer in time`, {
    expected: `an answer within ${timeoutMs} ms (limits.requestTimeoutMs)`,
  });
}

function aborted(name: string): ManyViewsError {
  return new ManyViewsError(
    'REQUEST_ABORTED',
    `the client went away before model ${name} answered`,
  );
}
