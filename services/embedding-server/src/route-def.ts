import type { Handler } from 'hono';
import type { z } from 'zod';

/** Who may call a route once API keys are configured (see `auth.ts`). */
export type RouteAccess = 'public' | 'read' | 'write';

/** One documented response of a route. */
export interface RouteResponse {
  description: string;
  /** The JSON body; absent for responses without one. */
  schema?: z.ZodType;
}

/**
 * A route as the app mounts it and as `/openapi.json` documents it: the one table both read, so
 * the document cannot drift from what is served.
 */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Hono path syntax, e.g. `/v1/collections/:name`; OpenAPI gets `{name}`. */
  path: string;
  /** Stable operation id for generated clients, e.g. `createEmbeddings`. */
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: RouteAccess;
  /** Largest body in bytes; absent for routes that take no body. */
  bodyLimit?: number;
  /** Path parameters, each a string schema with a description. */
  params?: Record<string, z.ZodType>;
  /** The JSON request body schema. */
  json?: z.ZodType;
  /** A multipart/form-data body schema, for routes that also take uploads. */
  multipart?: z.ZodType;
  /**
   * What the handler calls, for the error responses the document adds: `model` (a model's
   * micro-batcher: 429, 503, 504), `store` (the collection store: 503).
   */
  uses?: Array<'model' | 'store'>;
  /**
   * Responses by status; the error statuses share the `ErrorBody` schema. The errors every route
   * of a kind can give (401/403, 413, 415, 429, 503, 504) are added by `buildOpenApi`.
   */
  responses: Record<number, RouteResponse>;
  handler: Handler;
}
