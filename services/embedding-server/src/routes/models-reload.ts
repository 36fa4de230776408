import type { Logger } from '@manyviews/augment-core';
import { ManyViewsError } from '@manyviews/augment-core';
import { z } from 'zod';
import type { ServedModel } from '../model-port.js';
import type { ModelRegistry } from '../model-registry.js';
import { modelVersionOf } from '../model-version.js';
import type { ReloadableRegistry } from '../reloadable-registry.js';
import type { RouteDef } from '../route-def.js';

/** How the app reloads its models, and how it retires the ones dropped. */
export interface ReloadDeps {
  registry: ReloadableRegistry;
  /** Rescans the models directory (see `loadModelsDir` and its `previous` argument). */
  reload?: (previous: ModelRegistry) => Promise<ModelRegistry>;
  /** Disposes a dropped model once the calls running on it have ended. */
  retire: (model: ServedModel) => void;
  logger: Logger;
}

const ReloadResponseSchema = z.object({
  data: z.array(z.object({ name: z.string(), version: z.string() })),
  added: z.array(z.string()),
  replaced: z.array(z.string()),
  removed: z.array(z.string()),
  skipped: z.array(z.object({ dir: z.string(), code: z.string(), message: z.string() })),
});

/**
 * `POST /v1/models/reload`: rescans the models directory, so a model directory added or replaced
 * while the server runs is served. Unchanged models are kept as they are; replaced and removed
 * ones are disposed once their in-flight calls end. Directories that failed to load are listed
 * in `skipped` with the error's code and message (a broken model still being served under the
 * same name stays removed, so `removed` and `skipped` together say why). Needs a read-write key.
 *
 * @throws {ManyViewsError} `RELOAD_UNAVAILABLE` (409) when the app was built without `reload`
 */
export function reloadModelsRoute({ registry, reload, retire, logger }: ReloadDeps): RouteDef {
  let running: Promise<unknown> | undefined;
  return {
    method: 'POST',
    path: '/v1/models/reload',
    operationId: 'reloadModels',
    summary: 'Rescan the models directory',
    tag: 'models',
    access: 'write',
    responses: {
      200: { description: 'The models now served, and what changed', schema: ReloadResponseSchema },
      409: { description: 'RELOAD_UNAVAILABLE' },
    },
    async handler(c) {
      if (reload === undefined) {
        throw new ManyViewsError(
          'RELOAD_UNAVAILABLE',
          'this server was started without a models directory to rescan',
        );
      }
      // One reload at a time: two overlapping scans would each load the same new directories.
      while (running) await running.catch(() => undefined);
      const work = reload(registry);
      running = work;
      const next = await work.finally(() => {
        running = undefined;
      });

      const before = new Map([...registry].map((m) => [m.name, m]));
      const dropped = registry.replace(next);
      for (const model of dropped) retire(model);

      const added = next.names().filter((n) => !before.has(n));
      const replaced = next.names().filter((n) => before.has(n) && before.get(n) !== next.get(n));
      const removed = [...before.keys()].filter((n) => !next.has(n));
      const skipped = [...next.skipped];
      logger.info('models reloaded', { added, replaced, removed, skipped: skipped.length });
      return c.json({
        data: [...next].map((m) => ({ name: m.name, version: modelVersionOf(m) })),
        added,
        replaced,
        removed,
        skipped,
      });
    },
  };
}
