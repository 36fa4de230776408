import type { Handler } from 'hono';
import type { RouteDeps } from './route-deps.js';

/**
 * `GET /healthz`: liveness for load balancers and `docker HEALTHCHECK`.
 *
 * @returns `{ status: 'ok', models: n }`, n being the number of models loaded
 */
export function healthzRoute({ registry }: Pick<RouteDeps, 'registry'>): Handler {
  return function healthz(c) {
    return c.json({ status: 'ok', models: registry.size });
  };
}
