import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BatchObserver } from './batcher.js';

/** What the app records for `GET /metrics`, in one prom-client registry of its own. */
export interface ServerMetrics {
  /** The registry `GET /metrics` exposes; apps never share one, so tests stay independent. */
  registry: Registry;
  /**
   * Counts one answered request.
   *
   * @param route the route pattern (`/v1/collections/:name`), or `unmatched`, so that the
   *   number of series stays bounded whatever paths clients send
   * @param seconds from the request's arrival to its response
   */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The observer the batcher of model `model` reports its waits and passes to. */
  batchObserver(model: string): BatchObserver;
}

// Bounds in seconds from 0.5 ms to 30 s: a loopback request of a small model is under a
// millisecond, and a stuck one ends at requestTimeoutMs (30 s by default).
const SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];
// Powers of two up to the default maxBatchSize and beyond, for a request larger than a batch.
const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/**
 * Builds the server's metrics, exposed by `GET /metrics` in the Prometheus text format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/):
 *
 * - `manyviews_http_requests_total{method, route, status}` counter;
 * - `manyviews_http_request_duration_seconds{method, route}` histogram;
 * - `manyviews_batch_queue_seconds{model}` histogram: time a request waited for its pass;
 * - `manyviews_batch_inference_seconds{model}` histogram: time of one forward pass;
 * - `manyviews_batch_size{model}` histogram: inputs in one forward pass;
 * - `manyviews_batch_queue_length{model}` gauge: inputs waiting now.
 *
 * @param queueLengths read at each scrape: the inputs waiting, by model name
 */
export function createServerMetrics(
  queueLengths: () => Iterable<[model: string, inputs: number]>,
): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];

  const requests = new Counter({
    name: 'manyviews_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'manyviews_http_request_duration_seconds',
    help: 'Time from a request arriving to its response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: SECONDS,
    registers,
  });
  const queueSeconds = new Histogram({
    name: 'manyviews_batch_queue_seconds',
    help: 'Time a request waited in its model queue before its forward pass started',
    labelNames: ['model'] as const,
    buckets: SECONDS,
    registers,
  });
  const inferenceSeconds = new Histogram({
    name: 'manyviews_batch_inference_seconds',
    help: 'Time of one forward pass of a model over a merged batch',
    labelNames: ['model'] as const,
    buckets: SECONDS,
    registers,
  });
  const batchSize = new Histogram({
    name: 'manyviews_batch_size',
    help: 'Inputs in one forward pass of a model',
    labelNames: ['model'] as const,
    buckets: BATCH_SIZES,
    registers,
  });
  new Gauge({
    name: 'manyviews_batch_queue_length',
    help: 'Inputs waiting in a model queue for a forward pass',
    labelNames: ['model'] as const,
    registers,
    collect() {
      // Reset first, so a model removed by a reload stops being reported.
      this.reset();
      for (const [model, inputs] of queueLengths()) this.set({ model }, inputs);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    batchObserver(model) {
      return {
        waited: (ms) => queueSeconds.observe({ model }, ms / 1000),
        ran(size, ms) {
          batchSize.observe({ model }, size);
          inferenceSeconds.observe({ model }, ms / 1000);
        },
      };
    },
  };
}
