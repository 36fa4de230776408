import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import type { ModelLoader, ServedModel } from './model-port.js';
import {
  checkServedModel,
  createModelRegistry,
  type ModelRegistry,
  type SkippedModel,
} from './model-registry.js';
import { modelDirVersion } from './model-version.js';

/**
 * Loads every model under `root`: `root` itself when it holds a `manifest.json`, then each
 * immediate subdirectory that holds one, in name order. Hidden directories are skipped.
 *
 * A model that fails to load, breaks the port, or repeats a name already loaded is logged at
 * error and skipped: one bad directory should not keep the others from being served.
 *
 * @param root a directory of model directories (or one model directory)
 * @param load builds a model from its directory (the TensorFlow.js loader, or a fake in tests)
 * @param logger receives one `info` line per model loaded, a `warn` line per model whose index is
 *   stale (built with other weights; served without it), and one `error` line per model skipped
 * @param previous the registry being replaced, on a reload: a directory whose version (see
 *   `modelDirVersion`), name and index files match a model in it reuses that model instead of
 *   loading again
 * @returns the registry of the models that loaded (possibly empty, with a `warn`); its `skipped`
 *   lists the directories left out, with the error's code and message
 * @throws {ManyViewsError} `MODELS_DIR_NOT_FOUND` when `root` is not a readable directory
 *
 * @example
 * const registry = await loadModelsDir('models', loadTfjsModel, logger);
 * const app = createApp({ registry, logger });
 */
export async function loadModelsDir(
  root: string,
  load: ModelLoader,
  logger: Logger = silentLogger,
  previous?: ModelRegistry,
): Promise<ModelRegistry> {
  const dirs = await findModelDirs(root);

  const models: ServedModel[] = [];
  const skipped: SkippedModel[] = [];
  for (const dir of dirs) {
    const model = (await reusable(dir, previous)) ?? (await loadOne(dir, load, logger, skipped));
    if (model === undefined) continue;

    if (models.some((m) => m.name === model.name)) {
      logger.error('model skipped: its name is already taken', { dir, name: model.name });
      skipped.push({
        dir,
        code: 'MODEL_DUPLICATE',
        message: `another directory already serves a model named "${model.name}"`,
      });
      model.dispose?.();
      continue;
    }
    models.push(model);
  }

  if (models.length === 0) logger.warn('no models loaded', { root, candidates: dirs.length });
  return createModelRegistry(models, skipped);
}

// The index files each loaded model was read with, so a reload notices `manyviews index` having
// rebuilt them even though the model's version (its weights) is unchanged.
const indexStamps = new WeakMap<ServedModel, string>();

async function reusable(dir: string, previous?: ModelRegistry): Promise<ServedModel | undefined> {
  const name = basename(dir);
  if (previous === undefined || !previous.has(name)) return undefined;
  const model = previous.get(name);
  const version = await modelDirVersion(dir).catch(() => undefined);
  if (version === undefined || model.version !== version) return undefined;
  return indexStamps.get(model) === (await indexStamp(dir)) ? model : undefined;
}

async function indexStamp(dir: string): Promise<string> {
  const parts = await Promise.all(
    ['index.json', 'index.bin'].map((file) =>
      stat(join(dir, file)).then(
        (s) => `${s.size}@${s.mtimeMs}`,
        () => 'none',
      ),
    ),
  );
  return parts.join(' ');
}

async function loadOne(
  dir: string,
  load: ModelLoader,
  logger: Logger,
  skipped: SkippedModel[],
): Promise<ServedModel | undefined> {
  const started = performance.now();
  let model: ServedModel | undefined;
  try {
    const stamp = await indexStamp(dir);
    model = await load(dir);
    indexStamps.set(model, stamp);
    checkServedModel(model);
    model.version ??= await modelDirVersion(dir);
  } catch (e) {
    const code = e instanceof ManyViewsError ? e.code : 'MODEL_LOAD_FAILED';
    const message = e instanceof Error ? e.message : String(e);
    logger.error('model skipped: it failed to load', { dir, code, error: message });
    skipped.push({ dir, code, message });
    // A model that loaded but broke the port may hold tensors; release them.
    try {
      model?.dispose?.();
    } catch {
      // Already on the failure path: the load error above is the one worth reporting.
    }
    return undefined;
  }

  logger.info('model loaded', {
    name: model.name,
    dir,
    domain: model.manifest.domain,
    embeddingDim: model.manifest.embeddingDim,
    version: model.version,
    indexSize: model.index?.ids.length ?? 0,
    ms: Math.round(performance.now() - started),
  });
  if (model.indexStale !== undefined) {
    logger.warn('model served without its stale search index', {
      name: model.name,
      dir,
      reason: model.indexStale,
    });
  }
  return model;
}

async function findModelDirs(root: string): Promise<string[]> {
  let entries: string[];
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
    entries = (await readdir(root)).sort();
  } catch (e) {
    throw new ManyViewsError('MODELS_DIR_NOT_FOUND', `cannot read the models directory ${root}`, {
      expected: 'a directory of model directories, each holding a manifest.json',
      received: e instanceof Error ? e.message : String(e),
      cause: e,
    });
  }

  const dirs = (await hasManifest(root)) ? [root] : [];
  for (const name of entries) {
    if (name.startsWith('.')) continue;
    const dir = join(root, name);
    // stat, not the dirent type, so a symlink to a model directory counts.
    if ((await isDirectory(dir)) && (await hasManifest(dir))) dirs.push(dir);
  }
  return dirs;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function hasManifest(dir: string): Promise<boolean> {
  return stat(join(dir, 'manifest.json')).then(
    (s) => s.isFile(),
    () => false,
  );
}
