import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type ApiKey, requireKey } from './auth.js';
import { embedInputs } from './embed-inputs.js';
import { mapError } from './error-mapping.js';
import { resolveLimits, type ServerLimits } from './limits.js';
import type { ModelInput, ServedModel } from './model-port.js';
import type { ModelRegistry } from './model-registry.js';
import { buildOpenApi, type OpenApiDocument } from './openapi/build-openapi.js';
import { reloadableRegistry } from './reloadable-registry.js';
import type { RouteDef } from './route-def.js';
import { deleteCollectionRoute } from './routes/collection-delete.js';
import { getCollectionRoute } from './routes/collection-get.js';
import { collectionSearchRoute } from './routes/collection-search.js';
import { createCollectionRoute } from './routes/collections-create.js';
import { listCollectionsRoute } from './routes/collections-list.js';
import { docsRoute } from './routes/docs.js';
import { embeddingsRoute } from './routes/embeddings.js';
import { healthzRoute } from './routes/healthz.js';
import { getItemRoute } from './routes/item-get.js';
import { deleteItemsRoute } from './routes/items-delete.js';
import { writeItemsRoute } from './routes/items-write.js';
import { modelsRoute } from './routes/models.js';
import { reloadModelsRoute } from './routes/models-reload.js';
import { openApiRoute } from './routes/openapi-json.js';
import { searchRoute } from './routes/search.js';
import { similarityRoute } from './routes/similarity.js';
import type { CollectionStore } from './store/collection-store.js';
import { createMemoryStore } from './store/local-store.js';

/** What {@link createApp} builds the service from. */
export interface AppOptions {
  /** The models to serve (see `loadModelsDir`). */
  registry: ModelRegistry;
  /** One `debug` line per request, `error` for each 5xx with its cause (default: silent). */
  logger?: Logger;
  /** Per-request limits; see {@link ServerLimits} for the defaults. */
  limits?: Partial<ServerLimits>;
  /**
   * Where collections live (see `openLocalStore`); default: in memory, lost on exit. The caller
   * owns it and closes it after the server has stopped.
   */
  store?: CollectionStore;
  /**
   * Rescans the models directory for `POST /v1/models/reload`, e.g.
   * `(previous) => loadModelsDir(dir, loader, logger, previous)`; without it that route answers
   * 409 `RELOAD_UNAVAILABLE`.
   */
  reload?: (previous: ModelRegistry) => Promise<ModelRegistry>;
  /**
   * API keys (see `parseApiKeys`). With none, every route is open: keep the default loopback
   * bind then. With some, every route but `/healthz`, `/metrics`, `/docs` and `/openapi.json`
   * needs `Authorization: Bearer KEY`; writes need a read-write key.
   */
  apiKeys?: ApiKey[];
}

/**
 * Builds the Hono app: `GET /healthz`, `GET /v1/models`, `POST /v1/embeddings`,
 * `POST /v1/similarity`, `POST /v1/search`, and `GET /openapi.json` and `GET /docs` describing
 * them all.
 *
 * Every failure becomes JSON `{ error: { code, message } }` in the one `onError` below, through
 * `mapError`; handlers only throw. Nothing a request does can take the process down: a model that
 * throws gives a 500 for that request and the next one is served as usual.
 *
 * @throws {ManyViewsError} `INVALID_LIMITS` when a limit is not a positive integer
 *
 * @example
 * const app = createApp({ registry: await loadModelsDir('models', loader), logger });
 * const res = await app.request('/healthz'); // { status: 'ok', models: 2 }
 */
export function createApp({
  registry: initial,
  logger = silentLogger,
  limits,
  store = createMemoryStore(),
  reload,
  apiKeys = [],
}: AppOptions): Hono {
  const resolved = resolveLimits(limits);
  const registry = reloadableRegistry(initial);
  const calls = trackCalls(embedInputs);
  const deps = { registry, limits: resolved, embed: calls.embed, store };
  const app = new Hono();

  app.use(async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const { method, path } = c.req;
    const { status } = c.res;
    logger.debug(`${method} ${path} ${status} ${ms}ms`, { method, path, status, ms });
  });

  let document: OpenApiDocument | undefined;
  const routes: RouteDef[] = [
    healthzRoute(deps),
    modelsRoute(deps),
    reloadModelsRoute({ registry, reload, retire: calls.retire, logger }),
    embeddingsRoute(deps),
    similarityRoute(deps),
    searchRoute(deps),
    listCollectionsRoute(deps),
    createCollectionRoute(deps),
    getCollectionRoute(deps),
    deleteCollectionRoute(deps),
    writeItemsRoute(deps, 'add'),
    writeItemsRoute(deps, 'upsert'),
    deleteItemsRoute(deps),
    getItemRoute(deps),
    collectionSearchRoute(deps),
    openApiRoute(() => document!),
    docsRoute(() => document!),
  ];
  document = buildOpenApi(routes, {
    title: 'ManyViews embedding server',
    version: '0.1.0',
    description:
      'Embeddings, similarity and nearest-neighbour search for trained ManyViews models.',
  });
  mountRoutes(app, routes, apiKeys);

  const known = routes.map(({ method, path }) => `${method} ${path}`).join(', ');
  app.notFound(function notFound(c) {
    const { status, body } = mapError(
      new ManyViewsError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`, {
        expected: known,
      }),
    );
    return c.json(body, status);
  });

  app.onError(function onError(err, c) {
    const { status, body, internal } = mapError(err);
    if (internal) {
      logger.error('request failed', {
        method: c.req.method,
        path: c.req.path,
        code: err instanceof ManyViewsError ? err.code : undefined,
        error: err.message,
        stack: err.stack,
      });
    }
    return c.json(body, status);
  });

  return app;
}

/**
 * Counts the model calls in flight, so that a model dropped by a reload is disposed only once
 * the requests already running on it have their vectors.
 */
function trackCalls(embed: typeof embedInputs) {
  const running = new Map<ServedModel, number>();
  const retiring = new Set<ServedModel>();
  const settle = (model: ServedModel) => {
    if ((running.get(model) ?? 0) > 0 || !retiring.has(model)) return;
    retiring.delete(model);
    model.dispose?.();
  };
  return {
    async embed(model: ServedModel, inputs: ModelInput[]): Promise<Float32Array[]> {
      running.set(model, (running.get(model) ?? 0) + 1);
      try {
        return await embed(model, inputs);
      } finally {
        running.set(model, running.get(model)! - 1);
        settle(model);
      }
    },
    retire(model: ServedModel): void {
      retiring.add(model);
      settle(model);
    },
  };
}

function mountRoutes(app: Hono, routes: RouteDef[], keys: ApiKey[]): void {
  for (const route of routes) {
    const limit = route.bodyLimit;
    const auth = requireKey(keys, route.access);
    const handlers = [
      ...(auth ? [auth] : []),
      ...(limit === undefined ? [] : [bodyLimitOf(limit)]),
      route.handler,
    ];
    app.on([route.method], [route.path], ...handlers);
  }

  // Hono answers a known path with the wrong method as 404; say what the path takes instead.
  const allowed = new Map<string, string[]>();
  for (const { method, path } of routes) allowed.set(path, [...(allowed.get(path) ?? []), method]);
  for (const [path, methods] of allowed) {
    const allow = methods.join(', ');
    app.all(path, function methodNotAllowed(c) {
      c.header('Allow', allow);
      throw new ManyViewsError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${path}`, {
        expected: allow,
        received: c.req.method,
      });
    });
  }
}

function bodyLimitOf(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ManyViewsError('BODY_TOO_LARGE', 'the request body is too large', {
        expected: `at most ${maxSize} bytes`,
      });
    },
  });
}
