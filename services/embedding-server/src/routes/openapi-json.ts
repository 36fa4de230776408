import type { OpenApiDocument } from '../openapi/build-openapi.js';
import type { RouteDef } from '../route-def.js';

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document of every route, built from the route table.
 * Public, so clients and generators can fetch it without a key.
 *
 * @param document the built document (see `buildOpenApi`); it is the same for every request
 */
export function openApiRoute(document: () => OpenApiDocument): RouteDef {
  return {
    method: 'GET',
    path: '/openapi.json',
    operationId: 'openApi',
    summary: 'This document',
    tag: 'service',
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3.1' } },
    handler: function openApi(c) {
      return c.json(document());
    },
  };
}
