import { z } from 'zod';
import type { RouteDef, RouteResponse } from '../route-def.js';
import { ErrorBodySchema } from './common-schemas.js';

/** The parts of an OpenAPI 3.1 document this server fills in. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };

/** Whether the document describes a server with API keys (401 and 403 then apply). */
export interface OpenApiOptions {
  keys: boolean;
}

/**
 * Builds the OpenAPI 3.1 document from the route table, converting each zod schema with zod's own
 * JSON Schema generator. OpenAPI 3.1 schemas are JSON Schema draft 2020-12 (OpenAPI 3.1.0,
 * section 4.8.24), which is zod's default target, so the output goes in unchanged.
 *
 * Routes that need a key carry the `bearer` security requirement; public ones (`/healthz`,
 * `/metrics`, `/docs`, `/openapi.json`) an empty one.
 *
 * Each operation lists, besides the responses its route states, the errors its kind of route can
 * give (see {@link errorResponses}).
 *
 * @param routes every mounted route
 * @param info title, version, description
 * @param options `keys`: API keys are configured (default false: no 401 or 403 is listed)
 */
export function buildOpenApi(
  routes: RouteDef[],
  info: OpenApiDocument['info'],
  options: OpenApiOptions = { keys: false },
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, options);
  }

  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { ErrorBody: jsonSchema(ErrorBodySchema, 'output') },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key from --api-key, MANYVIEWS_API_KEYS or --api-keys-file',
        },
      },
    },
  };
}

/**
 * The error responses a route gives by what it is, beyond those it states: 401 (and 403 on a
 * write route) with keys, 413 with a body limit, 415 with a body, 429/503/504 when it calls a
 * model, 503 when it uses the store. A status the route states keeps its own description.
 */
export function errorResponses(
  route: RouteDef,
  { keys }: OpenApiOptions,
): Record<number, RouteResponse> {
  const out: Record<number, string[]> = {};
  const add = (status: number, description: string) => {
    out[status] = [...(out[status] ?? []), description];
  };
  const uses = new Set(route.uses ?? []);

  if (keys && route.access !== 'public') add(401, 'No API key, or an unknown one (UNAUTHORIZED)');
  if (keys && route.access === 'write') add(403, 'A read-only API key (FORBIDDEN)');
  if (route.bodyLimit !== undefined) add(413, 'The body is too large (BODY_TOO_LARGE)');
  if (route.json || route.multipart) {
    add(415, 'A body that is not JSON or multipart/form-data (UNSUPPORTED_MEDIA_TYPE)');
  }
  if (uses.has('model')) {
    add(429, "The model's queue is full; retry after Retry-After (QUEUE_FULL)");
    add(503, 'The server is shutting down, or the model was replaced by a reload');
    add(504, 'The model did not answer within requestTimeoutMs (REQUEST_TIMEOUT)');
  }
  if (uses.has('store')) add(503, 'The collection store cannot be reached (STORE_UNAVAILABLE)');

  return Object.fromEntries(
    Object.entries(out).map(([status, lines]) => [status, { description: lines.join('; ') }]),
  );
}

function operation(route: RouteDef, options: OpenApiOptions): Record<string, unknown> {
  const op: Record<string, unknown> = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: route.access === 'public' ? [] : [{ bearer: [] }],
  };
  if (route.description) op.description = route.description;
  if (route.access !== 'public') op['x-access'] = route.access;

  if (route.params) {
    op.parameters = Object.entries(route.params).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema: jsonSchema(schema, 'input'),
    }));
  }

  const content: Record<string, unknown> = {};
  if (route.json) content['application/json'] = { schema: jsonSchema(route.json, 'input') };
  if (route.multipart) {
    content['multipart/form-data'] = { schema: jsonSchema(route.multipart, 'input') };
  }
  if (Object.keys(content).length > 0) op.requestBody = { required: true, content };

  const responses: Record<string, unknown> = {};
  const stated = { ...errorResponses(route, options), ...route.responses };
  for (const [status, response] of Object.entries(stated)) {
    const isError = Number(status) >= 400;
    const schema = isError ? ERROR_REF : response.schema && jsonSchema(response.schema, 'output');
    responses[status] = schema
      ? { description: response.description, content: { 'application/json': { schema } } }
      : { description: response.description };
  }
  op.responses = responses;
  return op;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // `unrepresentable: 'any'` keeps refinements (finite numbers) from failing the whole document;
  // the route still enforces them.
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' });
  delete out.$schema;
  dropSafeIntegerBounds(out);
  return out as Record<string, unknown>;
}

// zod renders every `.int()` with the bounds of a safe integer (±(2^53 - 1)), which reads as a
// limit a client may use; the real limits are the ones a schema states with `.max()`.
function dropSafeIntegerBounds(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.maximum === Number.MAX_SAFE_INTEGER) delete record.maximum;
  if (record.minimum === Number.MIN_SAFE_INTEGER) delete record.minimum;
  for (const value of Object.values(record)) dropSafeIntegerBounds(value);
}
