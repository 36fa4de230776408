export type { AppOptions, EmbeddingApp } from './app.js';
export { createApp } from './app.js';
export type { ApiKey } from './auth.js';
export { parseApiKeys } from './auth.js';
export type { ErrorBody, MappedError } from './error-mapping.js';
export { mapError, statusForCode } from './error-mapping.js';
export type { ShutdownOptions } from './graceful-shutdown.js';
export { closeOnSignals } from './graceful-shutdown.js';
export type { JsonLoggerOptions, LogLevel } from './json-logger.js';
export { jsonLogger, LOG_LEVELS } from './json-logger.js';
export type { ServerLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';
export { loadModelsDir } from './load-models-dir.js';
export type {
  InputBudget,
  ModelInput,
  ModelLoader,
  PreparedInput,
  SearchIndex,
  ServedModel,
} from './model-port.js';
export type { ModelRegistry } from './model-registry.js';
export { checkServedModel, createModelRegistry } from './model-registry.js';
export { modelDirVersion, modelVersionOf } from './model-version.js';
export type { OpenApiDocument } from './openapi/build-openapi.js';
export { buildOpenApi } from './openapi/build-openapi.js';
export { REQUEST_ID_HEADER } from './request-log.js';
export type { ModelSummary } from './routes/models.js';
export type { RunningServer, StartServerOptions } from './server.js';
export { startServer } from './server.js';
export type {
  CollectionInfo,
  CollectionQuery,
  CollectionStore,
  ItemHit,
  NewItem,
  StoredItem,
} from './store/collection-store.js';
export type { LocalStoreOptions } from './store/local-store.js';
export { createMemoryStore, openLocalStore } from './store/local-store.js';
export type {
  FilterCondition,
  FilterScalar,
  Metadata,
  MetadataPredicate,
  MetadataValue,
} from './store/metadata-filter.js';
export { compileFilter, parseFilter } from './store/metadata-filter.js';
export { isDatabaseUrl, openStore } from './store/open-store.js';
export type { PostgresStoreOptions } from './store/postgres-store.js';
export { openPostgresStore } from './store/postgres-store.js';
export type { ScoredRow } from './vector-math.js';
export { cosine, normalize, topK } from './vector-math.js';
