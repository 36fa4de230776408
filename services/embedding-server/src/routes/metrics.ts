import type { ServerMetrics } from '../metrics.js';
import type { RouteDef } from '../route-def.js';

/**
 * `GET /metrics`: the server's metrics in the Prometheus text format 0.0.4 (see
 * `createServerMetrics` for the series). Public like `/healthz`, so a scraper needs no key; it
 * tells request counts and latencies, never a request's content.
 */
export function metricsRoute(metrics: ServerMetrics): RouteDef {
  return {
    method: 'GET',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics: requests, queue and inference times, batch sizes, queue length',
    tag: 'service',
    access: 'public',
    responses: { 200: { description: 'Prometheus text exposition format 0.0.4 (text/plain)' } },
    handler: async function metricsText(c) {
      const text = await metrics.registry.metrics();
      return c.body(text, 200, { 'content-type': metrics.registry.contentType });
    },
  };
}
