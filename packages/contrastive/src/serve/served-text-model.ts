import path from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { embedFloats } from '../eval/embed-batches.js';
import { loadCurrentIndex, loadModelDir, type ModelManifest } from '../model-dir.js';
import { TextFeaturizer } from '../text-featurizer.js';
import { embeddingRows } from './embedding-rows.js';
import type { ServedInput } from './served-image-model.js';
import type { ServedModel } from './served-model.js';

// Rows per forward pass: a 64 x 16384 bag is 4 MB.
const CHUNK = 64;

/**
 * Loads a text model directory for serving: encoder, featuriser (from the manifest's
 * `preprocess`, exactly as in training) and search index if present.
 *
 * Each `embed` call is one request's inputs. An input longer than the manifest's
 * `preprocess.maxChars` is refused with `TEXT_TOO_LONG`, and a request whose texts together
 * pass `preprocess.maxRequestChars` with `TEXT_REQUEST_TOO_LARGE` (the server answers both with
 * 413); images and other bytes with `INPUT_KIND_MISMATCH` (400).
 *
 * @throws {ManyViewsError} model errors from `loadModelDir`; `MODEL_INVALID` for a model of
 *   another domain or a `preprocess` the featuriser rejects; per request,
 *   `EMBEDDING_NOT_FINITE` when the forward pass gives NaN or Infinity (see {@link embeddingRows})
 */
export async function loadServedTextModel(dir: string): Promise<ServedModel> {
  const { manifest, encoder, weightsDigest } = await loadModelDir(dir);
  let featurizer: TextFeaturizer;
  try {
    if (manifest.domain !== 'text') {
      throw new ManyViewsError('MODEL_INVALID', `${dir} is not a text model`, {
        expected: '"text"',
        received: manifest.domain,
      });
    }
    featurizer = checkedFeaturizer(dir, manifest);
  } catch (error) {
    encoder.dispose();
    throw error;
  }
  const { index, stale: indexStale } = await loadCurrentIndex(dir, weightsDigest);
  const { maxChars, maxRequestChars } = featurizer.config;
  const name = manifest.name || path.basename(dir);

  return {
    name,
    manifest: manifest as ModelManifest & Record<string, unknown>,
    index,
    indexStale,
    async embed(inputs: ServedInput[]) {
      const texts = checkInputs(inputs, name, maxChars, maxRequestChars);
      refuseFeatureless(texts, featurizer);

      const dim = manifest.embeddingDim;
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += CHUNK) {
        const chunk = texts.slice(start, start + CHUNK);
        const flat = embedFloats(encoder, featurizer.dense(chunk), chunk.length);
        out.push(...embeddingRows(flat, chunk.length, dim, name, start));
      }
      return out;
    },
    dispose: () => encoder.dispose(),
  };
}

function checkedFeaturizer(dir: string, manifest: ModelManifest): TextFeaturizer {
  let featurizer: TextFeaturizer;
  try {
    featurizer = new TextFeaturizer(manifest.preprocess);
  } catch (cause) {
    throw new ManyViewsError(
      'MODEL_INVALID',
      `${dir}: preprocess is not a text featuriser: ${(cause as Error).message}`,
      { cause },
    );
  }
  const width = manifest.encoder.inputSize;
  if (width !== featurizer.inputSize) {
    throw new ManyViewsError('MODEL_INVALID', `${dir}: featuriser and encoder disagree`, {
      expected: `preprocess.buckets equal to encoder.inputSize (${String(width)})`,
      received: featurizer.inputSize,
    });
  }
  return featurizer;
}

/**
 * Refuses texts without a word or number: they have no features, so each would embed to the
 * same arbitrary vector (whitespace, control characters, emoji only).
 *
 * @throws {ManyViewsError} `INVALID_INPUT` naming the input
 */
export function refuseFeatureless(texts: readonly string[], featurizer: TextFeaturizer): void {
  for (const [i, text] of texts.entries()) {
    if (featurizer.features(text).indices.length === 0) {
      throw new ManyViewsError('INVALID_INPUT', `input ${i} has no words or numbers to embed`, {
        expected: 'a text with at least one word or number',
        received: text,
      });
    }
  }
}

/**
 * The texts of one request, after the manifest's limits.
 *
 * @throws {ManyViewsError} `INPUT_KIND_MISMATCH`, `TEXT_TOO_LONG`, `TEXT_REQUEST_TOO_LARGE`
 */
export function checkInputs(
  inputs: readonly ServedInput[],
  model: string,
  maxChars: number,
  maxRequestChars: number,
): string[] {
  let total = 0;
  return inputs.map((input, i) => {
    if (input.kind !== 'text') {
      throw new ManyViewsError(
        'INPUT_KIND_MISMATCH',
        `input ${i} is a file but ${model} embeds text`,
        { expected: 'a text (a JSON string or a plain form field)', received: 'bytes' },
      );
    }
    if (input.text.length > maxChars) {
      throw new ManyViewsError('TEXT_TOO_LONG', `input ${i} is too long for ${model}`, {
        expected: `at most ${maxChars} characters (the model's preprocess.maxChars)`,
        received: `${input.text.length} characters`,
      });
    }
    total += input.text.length;
    if (total > maxRequestChars) {
      throw new ManyViewsError(
        'TEXT_REQUEST_TOO_LARGE',
        `the texts of this request are too long for ${model} together`,
        {
          expected: `at most ${maxRequestChars} characters in all (preprocess.maxRequestChars)`,
          received: `${total} characters by input ${i}`,
        },
      );
    }
    return input.text;
  });
}
