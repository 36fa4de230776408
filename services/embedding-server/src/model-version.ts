import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServedModel } from './model-port.js';

/**
 * The version of a model directory: the first 16 hex digits of the SHA-256 of `manifest.json`
 * and `weights.bin`. Retraining changes the weights and so the version; re-indexing (which
 * rewrites only `index.*`) does not, since the vectors a collection holds stay comparable.
 *
 * @param dir a model directory
 * @returns the version, e.g. `3f9a0c1b7d2e4a58`
 * @throws the file system's error when `manifest.json` cannot be read
 */
export async function modelDirVersion(dir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(path.join(dir, 'manifest.json')));
  try {
    hash.update(await readFile(path.join(dir, 'weights.bin')));
  } catch (e) {
    // A model without a weights file (one that computes its vectors) is versioned by its manifest.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The version vectors made by `model` are recorded with: its own `version`, or else a hash of
 * its manifest (models built in code, as in tests, have no directory to hash).
 */
export function modelVersionOf(model: ServedModel): string {
  if (model.version !== undefined) return model.version;
  const hash = createHash('sha256').update(JSON.stringify(model.manifest)).update(model.name);
  return hash.digest('hex').slice(0, 16);
}
