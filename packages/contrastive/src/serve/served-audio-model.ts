import path from 'node:path';
import { type AudioClip, decodeWav, resample } from '@manyviews/augment-audio';
import { ManyViewsError } from '@manyviews/augment-core';
import { embedFloats } from '../eval/embed-batches.js';
import { loadCurrentIndex, loadModelDir, type ModelManifest } from '../model-dir.js';
import { type AudioPreprocess, audioInputMaker } from '../views/audio-input.js';
import { embeddingRows } from './embedding-rows.js';
import type { ServedImageModel, ServedInput } from './served-image-model.js';

/** A trained audio model ready to embed uploads; the shape the embedding server expects. */
export type ServedAudioModel = ServedImageModel;

/**
 * Decodes one uploaded WAV for a model: mono, at most `maxSeconds` long, then resampled to the
 * model's rate. The length is checked before resampling, so an oversized upload costs only its
 * parse.
 *
 * @param bytes the WAV file
 * @param pre the model's preprocess (`sampleRate`, `maxSeconds`)
 * @param label names the input in messages (e.g. `input 2`)
 * @throws {ManyViewsError} `AUDIO_TOO_LONG` past `maxSeconds`; decodeWav's `AUDIO_DECODE_FAILED`,
 *   `AUDIO_UNSUPPORTED_ENCODING` and `AUDIO_EMPTY`
 */
export function decodeUpload(
  bytes: Uint8Array,
  pre: Pick<AudioPreprocess, 'sampleRate' | 'maxSeconds'>,
  label: string,
): AudioClip {
  let clip: AudioClip;
  try {
    clip = decodeWav(bytes);
  } catch (error) {
    if (error instanceof ManyViewsError) {
      throw new ManyViewsError(error.code, `${label}: ${error.message}`, { cause: error });
    }
    throw error;
  }

  const seconds = clip.channels[0].length / clip.sampleRate;
  if (seconds > pre.maxSeconds) {
    throw new ManyViewsError('AUDIO_TOO_LONG', `${label} is too long`, {
      expected: `at most ${pre.maxSeconds} s of audio`,
      received: `${seconds.toFixed(2)} s`,
    });
  }
  if (clip.sampleRate === pre.sampleRate) return clip;
  return {
    sampleRate: pre.sampleRate,
    channels: [resample(clip.channels[0], clip.sampleRate, pre.sampleRate)],
  };
}

/**
 * Loads an audio model directory for serving: encoder, manifest and search index if present.
 *
 * Each input is a WAV file (any rate, integer PCM or float, any channel count): decoded (float
 * samples past full scale clipped to [-1, 1], a NaN or infinite one refused), mixed to mono,
 * refused past the manifest's `preprocess.maxSeconds`, resampled to its `sampleRate`, then
 * prepared exactly as in training (trim, centred window, log-mel, normalisation; see
 * {@link AudioPreprocess}). Sounds longer than the window are represented by its middle.
 * `prepare` does all of that for one request before it waits for the model's forward pass.
 *
 * @throws {ManyViewsError} model errors from `loadModelDir`; `MODEL_INVALID` for a non-audio
 *   model; per input, {@link decodeUpload}'s errors and `INPUT_KIND_MISMATCH` for text;
 *   `EMBEDDING_NOT_FINITE` when the forward pass gives NaN or Infinity (see {@link embeddingRows})
 */
export async function loadServedAudioModel(dir: string): Promise<ServedAudioModel> {
  const { manifest, encoder, weightsDigest } = await loadModelDir(dir);
  if (manifest.domain !== 'audio') {
    encoder.dispose();
    throw new ManyViewsError('MODEL_INVALID', `${dir} is not an audio model`, {
      expected: '"audio"',
      received: manifest.domain,
    });
  }
  let maker: ReturnType<typeof audioInputMaker>;
  const pre = manifest.preprocess as unknown as AudioPreprocess;
  try {
    maker = audioInputMaker(pre);
  } catch (error) {
    encoder.dispose();
    throw new ManyViewsError('MODEL_INVALID', `${dir}: the manifest's preprocess is not usable`, {
      cause: error,
    });
  }
  const { index, stale: indexStale } = await loadCurrentIndex(dir, weightsDigest);
  const size = maker.frames * maker.bins;
  const featuresOf = (input: ServedInput, i: number): Float32Array => {
    if (input.kind !== 'bytes') {
      throw new ManyViewsError(
        'INPUT_KIND_MISMATCH',
        `input ${i} is ${input.kind} but ${manifest.name} embeds audio`,
        { expected: 'a WAV file (base64 or a file upload)', received: input.kind },
      );
    }
    return maker.prepare(decodeUpload(input.data, pre, input.filename ?? `input ${i}`));
  };

  return {
    name: manifest.name || path.basename(dir),
    manifest: manifest as ModelManifest & Record<string, unknown>,
    index,
    indexStale,
    async prepare(inputs: ServedInput[]) {
      // Decoding and the log-mel run here, outside the model's serialized forward pass.
      return inputs.map((input, i) => ({ kind: 'prepared' as const, data: featuresOf(input, i) }));
    },
    async embed(inputs: ServedInput[]) {
      const batch = new Float32Array(inputs.length * size);
      for (const [i, input] of inputs.entries()) {
        const features = input.kind === 'prepared' ? input.data : featuresOf(input, i);
        if (features.length !== size) {
          throw new ManyViewsError(
            'INPUT_KIND_MISMATCH',
            `input ${i} was prepared for another model`,
            {
              expected: `${size} values (${maker.frames} frames x ${maker.bins} bins)`,
              received: `${features.length} values`,
            },
          );
        }
        batch.set(features, i * size);
      }

      const flat = embedFloats(encoder, batch, inputs.length);
      return embeddingRows(flat, inputs.length, manifest.embeddingDim, manifest.name);
    },
    dispose: () => encoder.dispose(),
  };
}
