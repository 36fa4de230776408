import type { ServerLimits } from '../limits.js';
import type { ModelRegistry } from '../model-registry.js';

/** What every route handler is built from. */
export interface RouteDeps {
  registry: ModelRegistry;
  limits: ServerLimits;
}
