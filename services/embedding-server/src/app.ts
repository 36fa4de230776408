import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type ApiKey, requireKey } from './auth.js';
import { mapError } from './error-mapping.js';
import { resolveLimits, type ServerLimits } from './limits.js';
import { createServerMetrics } from './metrics.js';
import { createModelCalls } from './model-calls.js';
import type { ModelRegistry } from './model-registry.js';
import { buildOpenApi, type OpenApiDocument } from './openapi/build-openapi.js';
import { reloadableRegistry } from './reloadable-registry.js';
import { requestLog, routeLabel } from './request-log.js';
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
import { metricsRoute } from './routes/metrics.js';
import { modelsRoute } from './routes/models.js';
import { reloadModelsRoute } from './routes/models-reload.js';
import { openApiRoute } from './routes/openapi-json.js';
import { searchRoute } from './routes/search.js';
import { searchPageRoute } from './routes/search-page.js';
import { similarityRoute } from './routes/similarity.js';
import type { CollectionStore } from './store/collection-store.js';
import { createMemoryStore } from './store/local-store.js';

/** What {@link createApp} builds the service from. */
export interface AppOptions {
  /** The models to serve (see `loadModelsDir`). */
  registry: ModelRegistry;
  /**
   * One `info` line per request with its `requestId`, `error` for each server fault with its
   * cause (default: silent).
   */
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
   * bind then. With some, every route but `/` (the search page, whose own calls then need the
   * key), `/healthz`, `/metrics`, `/docs` and `/openapi.json` needs `Authorization: Bearer KEY`;
   * writes need a read-write key.
   */
  apiKeys?: ApiKey[];
}

/** The app {@link createApp} builds: a Hono app, and the way to drain its model calls. */
export type EmbeddingApp = Hono & {
  /**
   * Refuses new model calls with 503 `SHUTTING_DOWN` and resolves once every call already
   * queued has been answered, failed or timed out. Call it after the HTTP server has closed and
   * before closing the store.
   */
  close(): Promise<void>;
};

/**
 * Builds the Hono app: `GET /` (a search page for people), `GET /healthz`, `GET /metrics`,
 * `GET /v1/models`, `POST /v1/embeddings`, `POST /v1/similarity`, `POST /v1/search`, the
 * collection routes, and `GET /openapi.json` and `GET /docs` describing them all.
 *
 * Every model call goes through a micro-batcher of its model (`limits.maxBatchSize`,
 * `maxBatchWaitMs`, `maxQueue`, `requestTimeoutMs`): concurrent requests share forward passes.
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
}: AppOptions): EmbeddingApp {
  const resolved = resolveLimits(limits);
  const registry = reloadableRegistry(initial);
  const metrics = createServerMetrics(() => calls.queueLengths());
  const calls = createModelCalls(resolved, metrics.batchObserver);
  const deps = { registry, limits: resolved, embed: calls.embed, store };
  const app = new Hono();

  app.use(requestLog(logger, metrics));

  let document: OpenApiDocument | undefined;
  const routes: RouteDef[] = [
    healthzRoute(deps),
    metricsRoute(metrics),
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
    searchPageRoute(),
  ];
  document = buildOpenApi(
    routes,
    {
      title: 'ManyViews embedding server',
      version: '0.1.0',
      description:
        'Embeddings, similarity and nearest-neighbour search for trained ManyViews models.',
    },
    { keys: apiKeys.length > 0 },
  );
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
    const { status, body, internal, headers } = mapError(err);
    if (internal) {
      logger.error('request failed', {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        code: err instanceof ManyViewsError ? err.code : undefined,
        error: err.message,
        stack: err.stack,
      });
    }
    return c.json(body, status, headers);
  });

  return Object.assign(app, { close: calls.close });
}

function mountRoutes(app: Hono, routes: RouteDef[], keys: ApiKey[]): void {
  for (const route of routes) {
    const limit = route.bodyLimit;
    const auth = requireKey(keys, route.access);
    const handlers = [
      routeLabel(route.path),
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
    app.all(path, routeLabel(path), function methodNotAllowed(c) {
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
