import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ManyViewsError, type Recipe } from '@manyviews/augment-core';
import './encoders/builtin-encoders.js';
import {
  createEncoder,
  type Encoder,
  type EncoderConfig,
  type NamedWeight,
} from './encoders/encoder.js';
import { packTensors, type TensorEntry, unpackTensors, writeAtomic } from './tensor-file.js';

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
  /**
   * How served inputs are prepared, as the domain defines it (images: size, channels and the
   * pixel normalisation `(x - mean) / std` on [0, 1] values).
   */
  preprocess: Record<string, unknown>;
  embeddingDim: number;
  encoder: EncoderConfig;
  recipe: Recipe;
  seed: number;
  backend: string;
  objective: { name: string; [option: string]: unknown };
  training: Record<string, unknown>;
  /** Figures from the evaluation protocol, e.g. `{ knn20, knn200w }`. */
  evaluation: Record<string, unknown>;
  /** Classes by label index, when the training data had them (evaluation only). */
  classes?: string[];
  createdAt: string;
  weights: {
    file: string;
    tensors: TensorEntry[];
  };
}

/** A search index stored beside a model: the vectors and what each one is. */
export interface StoredIndex {
  ids: string[];
  labels: Array<string | number | null>;
  dim: number;
  /** `ids.length x dim`, L2-normalised rows. */
  vectors: Float32Array;
  /**
   * {@link weightsDigest} of the weights the vectors were made with. {@link saveIndex} records
   * it (from the directory's weights when left out); {@link loadCurrentIndex} refuses an index
   * whose digest is not the model's.
   */
  weightsDigest?: string;
}

/** A model directory's index as served: the index, or why there is none to serve. */
export interface CurrentIndex {
  index?: StoredIndex;
  /** Set when an index is stored but was built with other weights: what happened and the fix. */
  stale?: string;
}

/**
 * Identifies a model's weights: the first 16 hex digits of the SHA-256 of `weights.bin`.
 *
 * @param bytes the weights file's bytes
 */
export function weightsDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

const WEIGHTS_FILE = 'weights.bin';

/**
 * Writes a model directory: `manifest.json` and `weights.bin` (float32, little-endian, tensors
 * back to back as the manifest lists them). Plain files through `node:fs`, so it works on every
 * backend, wasm included, without tfjs-node's `file://` handler. Files are written to temporary
 * names and renamed, so a crash never leaves a half-written model behind a valid manifest. A
 * search index already in `dir` (`index.json`, `index.bin`) is deleted: it was built by the model
 * being replaced.
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
  // An index built by the model being replaced holds vectors of other weights: searching it would
  // answer wrong neighbours. It goes first, so a crash mid-write never pairs it with new weights.
  await removeIndex(dir);

  const { bytes: bin, tensors } = packTensors(weights);

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
 * Loads a model directory into an encoder, with the {@link weightsDigest} of its weights. The
 * caller owns the encoder's `dispose()`.
 *
 * @throws {ManyViewsError} as {@link readManifest}; `MODEL_INVALID` when weights.bin is shorter
 *   than the manifest says; `MODEL_WEIGHTS_MISMATCH` when weights do not fit the encoder
 */
export async function loadModelDir(
  dir: string,
): Promise<{ manifest: ModelManifest; encoder: Encoder; weightsDigest: string }> {
  const manifest = await readManifest(dir);
  const file = path.join(dir, manifest.weights.file);
  const bytes = await readFile(file);
  const weights = unpackTensors(bytes, manifest.weights.tensors, manifest.weights.file);
  return {
    manifest,
    encoder: createEncoder(manifest.encoder, weights),
    weightsDigest: weightsDigest(bytes),
  };
}

/**
 * Writes a search index into a model directory: `index.json` (ids, labels, dim and the
 * {@link weightsDigest} of the model that made the vectors) and `index.bin` (float32 vectors).
 *
 * @param index the index; without `weightsDigest`, the digest of the directory's weights now
 *   (pass the one `loadModelDir` gave, so a model replaced meanwhile is not credited)
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
  const digest = index.weightsDigest ?? (await digestOfDir(dir));

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
      weightsDigest: digest,
    }),
  );
}

/**
 * Reads a model directory's search index as it is stored, or `undefined` when it has none. It
 * does not check that the index matches the weights; {@link loadCurrentIndex} does.
 */
export async function loadIndex(dir: string): Promise<StoredIndex | undefined> {
  let meta: {
    count: number;
    dim: number;
    ids: string[];
    labels: Array<string | number | null>;
    weightsDigest?: string;
  };
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
  return {
    ids: meta.ids,
    labels: meta.labels,
    dim: meta.dim,
    vectors,
    weightsDigest: meta.weightsDigest,
  };
}

/**
 * Reads a model directory's search index for serving: only if it was built with the weights the
 * model has now. An index of other weights (the model was retrained after it was built, or it
 * predates indexes recording their model) is not returned; `stale` says so and how to rebuild it.
 *
 * @param dir the model directory
 * @param digest the {@link weightsDigest} of the loaded weights (from `loadModelDir`)
 * @throws {ManyViewsError} `MODEL_INVALID` as {@link loadIndex}
 */
export async function loadCurrentIndex(dir: string, digest: string): Promise<CurrentIndex> {
  const index = await loadIndex(dir);
  if (index === undefined || index.weightsDigest === digest) return { index };

  const built =
    index.weightsDigest === undefined
      ? 'was built before indexes recorded their model'
      : `was built with other weights (${index.weightsDigest}, the model now has ${digest})`;
  return {
    stale: `the search index in ${dir} ${built}, so its vectors are stale; rebuild it with \`manyviews index --model ${dir}\``,
  };
}

async function removeIndex(dir: string): Promise<void> {
  await rm(path.join(dir, 'index.json'), { force: true });
  await rm(path.join(dir, 'index.bin'), { force: true });
}

async function digestOfDir(dir: string): Promise<string> {
  const manifest = await readManifest(dir);
  return weightsDigest(await readFile(path.join(dir, manifest.weights.file)));
}
