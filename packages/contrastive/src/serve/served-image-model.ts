import path from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { decodeImage, readImagePixels } from '@manyviews/augment-image';
import { embedFloats } from '../eval/embed-batches.js';
import {
  loadCurrentIndex,
  loadModelDir,
  type ModelManifest,
  type StoredIndex,
} from '../model-dir.js';
import { embeddingRows } from './embedding-rows.js';

/** One input as a server receives it: file bytes, or text. */
export type ServedInput =
  | { kind: 'bytes'; data: Uint8Array; filename?: string }
  | { kind: 'text'; text: string }
  | { kind: 'prepared'; data: Float32Array };

/** What one request may cost `prepare`: the server's `limits.maxRequestPixels`. */
export interface ServedInputBudget {
  /** Most decoded pixels of all the request's images together. */
  maxPixels: number;
}

/** A trained image model ready to embed uploads; the shape the embedding server expects. */
export interface ServedImageModel {
  name: string;
  manifest: ModelManifest & Record<string, unknown>;
  index?: StoredIndex;
  /**
   * Set when the directory holds an index built with other weights (the model was retrained):
   * it is not served, and this says so and names the command that rebuilds it.
   */
  indexStale?: string;
  /**
   * Embeds each input (raw bytes are decoded and resized first, prepared ones used as they
   * are); one L2-normalised vector each.
   */
  embed(inputs: ServedInput[]): Promise<Float32Array[]>;
  /**
   * Decodes one request's inputs into what `embed` reads, before the request waits for the
   * model (the embedding server calls it outside the model's serialized pass).
   */
  prepare?(inputs: ServedInput[], budget: ServedInputBudget): Promise<ServedInput[]>;
  dispose(): void;
}

/** How an image model's inputs are prepared (its manifest's `preprocess`). */
export interface ImagePreprocess {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  /** Pixel normalisation `(x - mean) / std` on [0, 1] values. */
  mean: number;
  std: number;
  /**
   * Gray level in [0, 1] an upload's transparency is flattened onto, as training flattened its
   * images (emoji on white: 1); absent, alpha is dropped and the colour under it kept.
   */
  background?: number;
}

/** Options of {@link loadServedImageModel}. */
export interface ServedImageModelOptions {
  /** Largest decoded image accepted, in pixels; default 40 million. */
  maxPixels?: number;
}

/**
 * Loads an image model directory for serving: encoder, manifest and search index if present.
 *
 * Uploaded images are decoded with sharp (PNG, JPEG, WebP, GIF, TIFF, AVIF, SVG), converted to
 * the model's channel count, resized to its input size in the same sharp pipeline (Lanczos-3,
 * aspect ratio not kept) and normalised as in training. Fashion-MNIST models expect a light
 * garment on a black background, as in the dataset. `prepare` bounds a request's pixels from
 * the headers before decoding any, and decodes outside the forward pass.
 *
 * @throws {ManyViewsError} model errors from `loadModelDir`; `MODEL_INVALID` for a non-image
 *   model; per request, decodeImage's errors, `INPUT_KIND_MISMATCH` for text and
 *   `REQUEST_PIXELS_TOO_LARGE` (prepare) past the budget's pixels; `EMBEDDING_NOT_FINITE` when
 *   the forward pass gives NaN or Infinity (see {@link embeddingRows})
 */
export async function loadServedImageModel(
  dir: string,
  options: ServedImageModelOptions = {},
): Promise<ServedImageModel> {
  const { manifest, encoder, weightsDigest } = await loadModelDir(dir);
  if (manifest.domain !== 'image') {
    encoder.dispose();
    throw new ManyViewsError('MODEL_INVALID', `${dir} is not an image model`, {
      expected: '"image"',
      received: manifest.domain,
    });
  }
  const { index, stale: indexStale } = await loadCurrentIndex(dir, weightsDigest);
  const { width, height, channels, mean, std, background } =
    manifest.preprocess as unknown as ImagePreprocess;
  const inputSize = width * height * channels;

  // Decoded and resized in one sharp pipeline, straight to the model's input size: a large
  // upload never exists as a full-resolution float image.
  const pixelsOf = async (data: Uint8Array): Promise<Float32Array> => {
    const sized = await decodeImage(data, {
      channels,
      background,
      maxPixels: options.maxPixels,
      size: { width, height },
    });
    const out = new Float32Array(inputSize);
    for (let p = 0; p < inputSize; p++) out[p] = (sized.data[p] - mean) / std;
    return out;
  };

  return {
    name: manifest.name || path.basename(dir),
    manifest: manifest as ModelManifest & Record<string, unknown>,
    index,
    indexStale,
    async prepare(inputs, budget) {
      const files = inputs.map((input, i) => bytesOf(input, i, manifest.name));
      let total = 0;
      for (const data of files) total += await readImagePixels(data);
      if (total > budget.maxPixels) {
        throw new ManyViewsError(
          'REQUEST_PIXELS_TOO_LARGE',
          `the request's ${files.length} images hold too many pixels together`,
          {
            expected: `at most ${budget.maxPixels} pixels in one request (limits.maxRequestPixels)`,
            received: `${total} pixels`,
          },
        );
      }

      // One at a time: sharp decodes on its own threads, and a request's memory stays one file.
      const prepared: ServedInput[] = [];
      for (const data of files) prepared.push({ kind: 'prepared', data: await pixelsOf(data) });
      return prepared;
    },
    async embed(inputs) {
      const batch = new Float32Array(inputs.length * inputSize);
      for (const [i, input] of inputs.entries()) {
        const pixels =
          input.kind === 'prepared' ? input.data : await pixelsOf(bytesOf(input, i, manifest.name));
        if (pixels.length !== inputSize) {
          throw new ManyViewsError(
            'INPUT_KIND_MISMATCH',
            `input ${i} was prepared for another model`,
            {
              expected: `${inputSize} values (${width}x${height}x${channels})`,
              received: `${pixels.length} values`,
            },
          );
        }
        batch.set(pixels, i * inputSize);
      }

      const flat = embedFloats(encoder, batch, inputs.length);
      return embeddingRows(flat, inputs.length, manifest.embeddingDim, manifest.name);
    },
    dispose: () => encoder.dispose(),
  };
}

function bytesOf(input: ServedInput, i: number, model: string): Uint8Array {
  if (input.kind === 'bytes') return input.data;
  throw new ManyViewsError(
    'INPUT_KIND_MISMATCH',
    `input ${i} is ${input.kind} but ${model} embeds images`,
    {
      expected: 'an image (base64 or a file upload)',
      received: input.kind,
    },
  );
}
