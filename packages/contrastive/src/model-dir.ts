import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ManyViewsError, type Recipe } from '@manyviews/augment-core';
import { MlpEncoder, type MlpEncoderConfig, type NamedWeight } from './encoders/mlp-encoder.js';

/** The version of the model directory layout this build writes and reads. */
export const MODEL_FORMAT_VERSION = 1;

/** `manifest.json` of a model directory. */
export interface ModelManifest {
  format: 'manyviews-model';
  formatVersion: number;
  name: string;
  /** `image`, `text` or `audio`. */
  domain: string;
  /** Encoder input, e.g. `[28, 28, 1]` (height, width, channels). */
  inputShape: number[];
  /** How served inputs are prepared: pixel normalisation `(x - mean) / std` on [0, 1] values. */
  preprocess: { mean: number; std: number; channels: number; width: number; height: number };
  embeddingDim: number;
  encoder: MlpEncoderConfig;
  recipe: Recipe;
  seed: number;
  backend: string;
  objective: { name: string; temperature: number };
  training: Record<string, unknown>;
  /** Figures from the evaluation protocol, e.g. `{ knn20, knn200w }`. */
  evaluation: Record<string, unknown>;
  /** Classes by label index, when the training data had them (evaluation only). */
  classes?: string[];
  createdAt: string;
  weights: {
    file: string;
    tensors: Array<{ name: string; shape: number[]; offset: number; length: number }>;
  };
}

/** A search index stored beside a model: the vectors and what each one is. */
export interface StoredIndex {
  ids: string[];
  labels: Array<string | number | null>;
  dim: number;
  /** `ids.length x dim`, L2-normalised rows. */
  vectors: Float32Array;
}

const WEIGHTS_FILE = 'weights.bin';

/**
 * Writes a model directory: `manifest.json` and `weights.bin` (float32, little-endian, tensors
 * back to back as the manifest lists them). Plain files through `node:fs`, so it works on every
 * backend, wasm included, without tfjs-node's `file://` handler. Files are written to temporary
 * names and renamed, so a crash never leaves a half-written model behind a valid manifest.
 *
 * @param dir the directory (created if missing)
 * @param manifest everything but `format`, `formatVersion` and `weights`
 * @param weights from {@link MlpEncoder.weights}
 */
export async function saveModelDir(
  dir: string,
  manifest: Omit<ModelManifest, 'format' | 'formatVersion' | 'weights'>,
  weights: NamedWeight[],
): Promise<ModelManifest> {
  await mkdir(dir, { recursive: true });

  let offset = 0;
  const tensors = weights.map((w) => {
    const entry = { name: w.name, shape: w.shape, offset, length: w.values.length };
    offset += w.values.length * 4;
    return entry;
  });
  const bin = new Uint8Array(offset);
  for (const [i, w] of weights.entries()) {
    bin.set(
      new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength),
      tensors[i].offset,
    );
  }

  const full: ModelManifest = {
    format: 'manyviews-model',
    formatVersion: MODEL_FORMAT_VERSION,
    ...manifest,
    weights: { file: WEIGHTS_FILE, tensors },
  };
  await writeAtomic(path.join(dir, WEIGHTS_FILE), bin);
  await writeAtomic(path.join(dir, 'manifest.json'), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

/**
 * Reads a model directory's manifest and checks its format.
 *
 * @throws {ManyViewsError} `MODEL_NOT_FOUND` without a manifest; `MODEL_INVALID` for a manifest
 *   of another format or version, or one missing required fields
 */
export async function readManifest(dir: string): Promise<ModelManifest> {
  const file = path.join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ManyViewsError('MODEL_NOT_FOUND', `no model in ${dir}`, {
      expected: `${file}`,
      received: 'no such file',
      cause,
    });
  }
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(text);
  } catch (cause) {
    throw new ManyViewsError('MODEL_INVALID', `${file} is not valid JSON`, { cause });
  }
  if (manifest?.format !== 'manyviews-model' || manifest.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ManyViewsError('MODEL_INVALID', `${file} is not a ManyViews model of this version`, {
      expected: `format "manyviews-model", formatVersion ${MODEL_FORMAT_VERSION}`,
      received: `${String(manifest?.format)} ${String(manifest?.formatVersion)}`,
    });
  }
  for (const key of ['domain', 'encoder', 'weights', 'embeddingDim', 'preprocess'] as const) {
    if (manifest[key] === undefined) {
      throw new ManyViewsError('MODEL_INVALID', `${file} lacks the field ${key}`);
    }
  }
  return manifest;
}

/**
 * Loads a model directory into an encoder. The caller owns the encoder's `dispose()`.
 *
 * @throws {ManyViewsError} as {@link readManifest}; `MODEL_INVALID` when weights.bin is shorter
 *   than the manifest says; `MODEL_WEIGHTS_MISMATCH` when weights do not fit the encoder
 */
export async function loadModelDir(
  dir: string,
): Promise<{ manifest: ModelManifest; encoder: MlpEncoder }> {
  const manifest = await readManifest(dir);
  if (manifest.encoder.type !== 'mlp') {
    throw new ManyViewsError('MODEL_INVALID', `unknown encoder type in ${dir}`, {
      expected: '"mlp"',
      received: manifest.encoder.type,
    });
  }
  const bytes = await readFile(path.join(dir, manifest.weights.file));
  const weights = manifest.weights.tensors.map((t) => {
    if (t.offset + t.length * 4 > bytes.byteLength) {
      throw new ManyViewsError('MODEL_INVALID', `${manifest.weights.file} is truncated`, {
        expected: `at least ${t.offset + t.length * 4} bytes`,
        received: `${bytes.byteLength} bytes`,
      });
    }
    // Copied into its own aligned buffer: a Buffer's offset need not be a multiple of 4.
    const values = new Float32Array(t.length);
    new Uint8Array(values.buffer).set(bytes.subarray(t.offset, t.offset + t.length * 4));
    return { name: t.name, shape: t.shape, values };
  });
  return { manifest, encoder: new MlpEncoder(manifest.encoder, weights) };
}

/**
 * Writes a search index into a model directory: `index.json` (ids, labels, dim) and
 * `index.bin` (float32 vectors).
 */
export async function saveIndex(dir: string, index: StoredIndex): Promise<void> {
  if (
    index.vectors.length !== index.ids.length * index.dim ||
    index.labels.length !== index.ids.length
  ) {
    throw new ManyViewsError('INVALID_OPTION', 'the index vectors, ids and labels do not agree', {
      expected: `${index.ids.length} ids, labels and vectors of ${index.dim}`,
      received: `${index.labels.length} labels, ${index.vectors.length} values`,
    });
  }
  const v = index.vectors;
  await writeAtomic(
    path.join(dir, 'index.bin'),
    new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
  );
  await writeAtomic(
    path.join(dir, 'index.json'),
    JSON.stringify({
      count: index.ids.length,
      dim: index.dim,
      ids: index.ids,
      labels: index.labels,
    }),
  );
}

/** Reads a model directory's search index, or `undefined` when it has none. */
export async function loadIndex(dir: string): Promise<StoredIndex | undefined> {
  let meta: { count: number; dim: number; ids: string[]; labels: Array<string | number | null> };
  try {
    meta = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ManyViewsError('MODEL_INVALID', `the index in ${dir} cannot be read`, {
      cause: error,
    });
  }
  const bytes = await readFile(path.join(dir, 'index.bin'));
  if (bytes.byteLength !== meta.count * meta.dim * 4) {
    throw new ManyViewsError('MODEL_INVALID', `index.bin in ${dir} does not match index.json`, {
      expected: `${meta.count * meta.dim * 4} bytes`,
      received: `${bytes.byteLength} bytes`,
    });
  }
  const vectors = new Float32Array(meta.count * meta.dim);
  new Uint8Array(vectors.buffer).set(bytes);
  return { ids: meta.ids, labels: meta.labels, dim: meta.dim, vectors };
}

async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
