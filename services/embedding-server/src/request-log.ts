import { randomUUID } from 'node:crypto';
import type { Logger } from '@manyviews/augment-core';
import type { MiddlewareHandler } from 'hono';
import type { ServerMetrics } from './metrics.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's id: its `X-Request-Id` header when usable, else a random UUID. */
    requestId: string;
    /** The pattern of the route that answers the request, set by {@link routeLabel}. */
    routePattern: string | undefined;
  }
}

/** The header a request id arrives in and is echoed back in. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

// Visible ASCII only, and short: the id goes into every log line of the request, so a client
// must not be able to forge lines with a newline or flood the log with a long header.
const USABLE_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * The id of a request: the client's `X-Request-Id` when it is 1 to 128 visible ASCII characters
 * (so a proxy's id ties its logs to ours), else a fresh random UUID.
 *
 * @param header the incoming header's value, if any
 */
export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && USABLE_ID.test(header) ? header : randomUUID();
}

/**
 * The first middleware of the app: gives the request its id (see {@link requestIdFrom}), echoes
 * it in the `X-Request-Id` response header, and once answered logs one `info` line
 * (`POST /v1/search 200 3.1ms`, fields `requestId`, `method`, `path`, `status`, `ms`) and counts
 * it in `metrics` under the pattern its route set with {@link routeLabel} (`unmatched` when no
 * route took the request).
 */
export function requestLog(logger: Logger, metrics: ServerMetrics): MiddlewareHandler {
  return async function requestLogMiddleware(c, next) {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', requestId);
    // Set before the handler runs, so it also lands on responses built by onError.
    c.header(REQUEST_ID_HEADER, requestId);

    await next();

    const seconds = (performance.now() - started) / 1000;
    const ms = Math.round(seconds * 10_000) / 10;
    const { method, path } = c.req;
    const { status } = c.res;
    const route = c.get('routePattern') ?? 'unmatched';
    metrics.observeRequest(method, route, status, seconds);
    logger.info(`${method} ${path} ${status} ${ms}ms`, { requestId, method, path, status, ms });
  };
}

/**
 * The first handler of a mounted route: records `pattern` as the request's route label.
 *
 * Hono's `routePath(c, -1)` names the last route that matched the path, not the one that ran: a
 * later, wider pattern (the 405 catch-all of `/v1/collections/:name/items/:id` also matches
 * `/v1/collections/:name/items/delete`) would take the label. The route that runs says its own.
 *
 * @param pattern the route's Hono path, e.g. `/v1/collections/:name`
 */
export function routeLabel(pattern: string): MiddlewareHandler {
  return async function routeLabelMiddleware(c, next) {
    c.set('routePattern', pattern);
    await next();
  };
}
