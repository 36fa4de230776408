import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import type { BatchRequest } from './view-worker.js';

type Reply = { id: number; data?: Float32Array; error?: { code?: string; message?: string } };

/**
 * Worker threads that make batches of views: requests go round-robin, answers come back by id
 * (their buffers transferred, not copied), and a worker's error or crash fails the requests it
 * left waiting. Shared by the image and audio view pools; each worker script answers
 * {@link BatchRequest}s.
 */
export class ViewWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (d: Float32Array) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;

  /**
   * @param script the built worker script (see {@link builtWorkerScript}); none starts no worker
   * @param count threads to start (0: none)
   * @param workerData what every worker is started with (shared buffers are not copied)
   */
  constructor(script: URL | undefined, count: number, workerData: unknown, logger: Logger) {
    if (count === 0) return;
    if (!script) {
      logger.warn('view workers need the built package; making views on this thread');
      return;
    }
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData });
      worker.on('message', (msg: Reply) => this.answer(msg));
      worker.on('error', (error) => this.failAll(error));
      this.workers.push(worker);
    }
  }

  /** Whether any worker runs (else the pool makes views on its own thread). */
  get running(): boolean {
    return this.workers.length > 0;
  }

  /** Asks the next worker for a batch. */
  request(epoch: number, indices: Uint32Array, views: number): Promise<Float32Array> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: BatchRequest = { id, epoch, indices, views };
      worker.postMessage(message);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }

  private answer(msg: Reply): void {
    const waiter = this.pending.get(msg.id);
    if (!waiter) return;
    this.pending.delete(msg.id);
    if (msg.data) waiter.resolve(msg.data);
    else
      waiter.reject(
        new ManyViewsError(
          msg.error?.code ?? 'VIEW_WORKER_FAILED',
          msg.error?.message ?? 'view worker failed',
        ),
      );
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) {
      waiter.reject(
        new ManyViewsError('VIEW_WORKER_FAILED', `a view worker stopped: ${error.message}`, {
          cause: error,
        }),
      );
    }
    this.pending.clear();
  }
}

/**
 * The compiled worker script `name` (e.g. `view-worker.js`) beside this module. Run from sources
 * (tests), this module sits in `src/` and the script is taken from `dist/` when the package has
 * been built; `undefined` when it has not.
 */
export function builtWorkerScript(name: string): URL | undefined {
  const here = new URL(`./${name}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(`../../dist/views/${name}`, import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}
