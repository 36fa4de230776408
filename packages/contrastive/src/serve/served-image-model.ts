import path from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { decodeImage, resizeImage } from '@manyviews/augment-image';
import { embedFloats } from '../eval/embed-batches.js';
import { loadIndex, loadModelDir, type ModelManifest, type StoredIndex } from '../model-dir.js';

/** One input as a server receives it: file bytes, or text. */
export type ServedInput =
  | { kind: 'bytes'; data: Uint8Array; filename?: string }
  | { kind: 'text'; text: string };

/** A trained image model ready to embed uploads; the shape the embedding server expects. */
export interface ServedImageModel {
  name: string;
  manifest: ModelManifest & Record<string, unknown>;
  index?: StoredIndex;
  /** Decodes, resizes and embeds each input; one L2-normalised vector each. */
  embed(inputs: ServedInput[]): Promise<Float32Array[]>;
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
}

/** Options of {@link loadServedImageModel}. */
export interface ServedImageModelOptions {
  /** Largest decoded image accepted, in pixels; default 40 million. */
  maxPixels?: number;
}

/**
 * Loads an image model directory for serving: encoder, manifest and search index if present.
 *
 * Uploaded images are decoded with sharp (PNG, JPEG, WebP), converted to the model's channel
 * count, resized to its input size and normalised as in training. Fashion-MNIST models expect a
 * light garment on a black background, as in the dataset.
 *
 * @throws {ManyViewsError} model errors from `loadModelDir`; `MODEL_INVALID` for a non-image model
 */
export async function loadServedImageModel(
  dir: string,
  options: ServedImageModelOptions = {},
): Promise<ServedImageModel> {
  const { manifest, encoder } = await loadModelDir(dir);
  if (manifest.domain !== 'image') {
    encoder.dispose();
    throw new ManyViewsError('MODEL_INVALID', `${dir} is not an image model`, {
      expected: '"image"',
      received: manifest.domain,
    });
  }
  const index = await loadIndex(dir);
  const { width, height, channels, mean, std } = manifest.preprocess as unknown as ImagePreprocess;
  const inputSize = width * height * channels;

  return {
    name: manifest.name || path.basename(dir),
    manifest: manifest as ModelManifest & Record<string, unknown>,
    index,
    async embed(inputs) {
      const batch = new Float32Array(inputs.length * inputSize);
      for (const [i, input] of inputs.entries()) {
        if (input.kind !== 'bytes') {
          throw new ManyViewsError(
            'INPUT_KIND_MISMATCH',
            `input ${i} is text but ${manifest.name} embeds images`,
            {
              expected: 'an image (base64 or a file upload)',
              received: 'text',
            },
          );
        }
        const decoded = await decodeImage(input.data, {
          channels,
          maxPixels: options.maxPixels,
        });
        const sized =
          decoded.width === width && decoded.height === height
            ? decoded
            : resizeImage(decoded, width, height);
        const offset = i * inputSize;
        for (let p = 0; p < inputSize; p++) batch[offset + p] = (sized.data[p] - mean) / std;
      }

      const flat = embedFloats(encoder, batch, inputs.length);
      const dim = manifest.embeddingDim;
      return inputs.map((_, i) => flat.slice(i * dim, (i + 1) * dim));
    },
    dispose: () => encoder.dispose(),
  };
}
