import { z } from 'zod';
import type { RouteDef } from '../route-def.js';
import type { RouteDeps } from './route-deps.js';

/** The response of `GET /healthz`. */
export const HealthResponseSchema = z.object({ status: z.literal('ok'), models: z.number().int() });

/**
 * `GET /healthz`: liveness for load balancers and `docker HEALTHCHECK`. Public: no key needed.
 *
 * @returns `{ status: 'ok', models: n }`, n being the number of models loaded
 */
export function healthzRoute({ registry }: Pick<RouteDeps, 'registry'>): RouteDef {
  return {
    method: 'GET',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness and the number of models loaded',
    tag: 'service',
    access: 'public',
    responses: { 200: { description: 'Serving', schema: HealthResponseSchema } },
    handler: function healthz(c) {
      return c.json({ status: 'ok', models: registry.size });
    },
  };
}
