import { type AudioClip, audioRegistry } from '@manyviews/augment-audio';
import { buildRecipe, type Logger, type Recipe, Rng } from '@manyviews/augment-core';
import {
  type AudioFrameEncoderConfig,
  type AudioPreprocess,
  AudioViewPool,
  audioInputMaker,
  createAudioViewMaker,
  type Encoder,
  embedFloats,
  logMelStatistics,
  packClips,
  splitAudioRecipe,
} from '@manyviews/contrastive';
import type { LabelledSplit, TrainingDataset } from './domain.js';
import { mfccMoments, mfccStatistics, momentFeatures } from './mfcc-statistics.js';
import { spread } from './spread.js';

/** One split of an audio dataset: mono clips at `sampleRate`, trimmed when the preprocess trims. */
export interface AudioSplit extends LabelledSplit {
  clips: AudioClip[];
  /** A stable name per clip (its file, without `.wav`), for search ids. */
  names: string[];
  sampleRate: number;
}

/**
 * The audio view recipe of the audio datasets: a lighter cousin of augment-audio's
 * `defaultSpeechRecipe`, then SpecAugment on the normalised log-mel (Park et al. 2019; fill zero
 * is the training mean after normalisation). Speed perturbation (Ko et al. 2015, p 0.8, x0.85 to
 * 1.15) stands in for separate tempo and pitch shifts, and the room and clipping steps are left
 * out: the phase vocoder and the convolution reverb double the cost of a view, and on two cores
 * views, not the encoder, bound the training speed. A random 1 s crop, a filter (p 0.5), noise
 * at 5-30 dB (p 0.6), gain, then two frequency and two time masks.
 */
export const defaultAudioRecipe: Recipe = Object.freeze({
  version: 1,
  domain: 'audio',
  name: 'speech-words-1s-16k-light',
  description: 'Views of 1 s spoken words at 16 kHz: speed, crop, filter, noise, gain; SpecAugment',
  views: 2,
  pipeline: [
    { type: 'randomApply', p: 0.8, transform: { type: 'speedChange', factor: [0.85, 1.15] } },
    { type: 'cropOrPad', duration: 1, position: 'random' },
    {
      type: 'randomApply',
      p: 0.5,
      transform: {
        type: 'oneOf',
        transforms: [
          { type: 'lowPass', cutoffHz: [2000, 7000] },
          { type: 'highPass', cutoffHz: [50, 500] },
          { type: 'bandPass', centerHz: [500, 2500], q: [0.5, 1] },
        ],
      },
    },
    { type: 'randomApply', p: 0.6, transform: { type: 'addNoise', color: 'any', snrDb: [5, 30] } },
    { type: 'gain', db: [-6, 6] },
    { type: 'logMel' },
    { type: 'frequencyMasking', count: 2, maxWidth: 8, fill: 'zero' },
    { type: 'timeMasking', count: 2, maxWidth: 10, fill: 'zero' },
  ],
});

/** The input preparation of the audio datasets, before the statistics are measured. */
export const AUDIO_INPUT: Omit<AudioPreprocess, 'mean' | 'std'> = Object.freeze({
  sampleRate: 16000,
  duration: 1,
  trim: true,
  logMel: { nFft: 512, hop: 160, nMels: 64, fMin: 60, fMax: 7800 },
  maxSeconds: 30,
});

const statistics = new WeakMap<AudioSplit, AudioPreprocess>();
const inputs = new WeakMap<AudioSplit, { key: string; data: Float32Array }>();

/** The preprocess of a training split: {@link AUDIO_INPUT} with its log-mel statistics. */
export function audioPreprocess(train: AudioSplit): AudioPreprocess {
  let pre = statistics.get(train);
  if (!pre) {
    pre = { ...AUDIO_INPUT, ...logMelStatistics(train.clips, AUDIO_INPUT) };
    statistics.set(train, pre);
  }
  return pre;
}

/** Every clip of a split as an encoder input (`count x frames x bins`), cached per preprocess. */
function splitInputs(split: AudioSplit, pre: AudioPreprocess): Float32Array {
  const key = JSON.stringify(pre);
  const cached = inputs.get(split);
  if (cached?.key === key) return cached.data;
  const maker = audioInputMaker(pre);
  const size = maker.frames * maker.bins;
  const data = new Float32Array(split.count * size);
  for (const [i, clip] of split.clips.entries()) data.set(maker.prepare(clip), i * size);
  inputs.set(split, { key, data });
  return data;
}

/** What an audio dataset module supplies; the rest is shared by {@link audioDataset}. */
export interface AudioDatasetSpec {
  name: string;
  description: string;
  defaults: TrainingDataset['defaults'];
  /**
   * Cepstral coefficients the encoder keeps per frame (its `cepstra`, see `AudioFrameEncoder`);
   * unset: the encoder reads the log-mel bands themselves.
   */
  cepstra?: number;
  load(
    split: 'train' | 'test',
    options: { data?: string; limit?: number; logger?: Logger },
  ): Promise<AudioSplit>;
}

/**
 * A {@link TrainingDataset} of the `audio` domain over clips: views by {@link AudioViewPool},
 * the {@link AudioFrameEncoder} over log-mel frames, and the MFCC statistics baseline.
 */
export function audioDataset(spec: AudioDatasetSpec): TrainingDataset<AudioSplit> {
  const shape = audioInputMaker({ ...AUDIO_INPUT, mean: 0, std: 1 });
  const embedAll = (encoder: Encoder, data: Float32Array, count: number) => {
    const size = shape.frames * shape.bins;
    const dim = encoder.config.embeddingDim;
    const out = new Float32Array(count * dim);
    for (let start = 0; start < count; start += 256) {
      const rows = Math.min(256, count - start);
      embedFloats(
        encoder,
        data.subarray(start * size, (start + rows) * size),
        rows,
        out.subarray(start * dim),
      );
    }
    return out;
  };

  return {
    name: spec.name,
    domain: 'audio',
    description: spec.description,
    defaultRecipe: defaultAudioRecipe,
    defaults: spec.defaults,
    checkRecipe: (recipe) => void splitAudioRecipe(recipe),
    load: spec.load,
    encoderConfig: (): AudioFrameEncoderConfig => ({
      type: 'audio-frames',
      frames: shape.frames,
      bins: shape.bins,
      temporal: [
        { width: 5, stride: 2, channels: 128 },
        { width: 3, stride: 2, channels: 128 },
      ],
      hidden: [512],
      embeddingDim: 256,
      projection: [256, 128],
      ...(spec.cepstra === undefined ? {} : { cepstra: spec.cepstra }),
    }),
    inputShape: () => [shape.frames, shape.bins],
    preprocess: (train) => ({ ...audioPreprocess(train) }),
    viewSource: (train, o) =>
      new AudioViewPool({
        clips: train.clips,
        recipe: o.recipe,
        preprocess: audioPreprocess(train),
        seed: o.seed,
        batchSize: o.batchSize,
        views: o.recipe.views ?? 2,
        workers: o.workers,
        logger: o.logger,
      }),
    features: (encoder, split, preprocess) => ({
      dim: encoder.config.embeddingDim,
      data: embedAll(
        encoder,
        splitInputs(split, preprocess as unknown as AudioPreprocess),
        split.count,
      ),
    }),
    rawFeatures: (split) => mfccStatistics(split.clips),
    positivePairs(split, recipe, seed, count, preprocess) {
      const rows = Math.min(count, split.count);
      const pre = (preprocess as unknown as AudioPreprocess | undefined) ?? audioPreprocess(split);
      const make = createAudioViewMaker({ recipe, preprocess: pre, seed });
      const indices = spread(
        Array.from({ length: split.count }, (_, i) => i),
        rows,
      );
      const views = make(packClips(split.clips), 0, indices, 2);
      const size = rows * make.frames * make.bins;
      return { a: views.subarray(0, size), b: views.subarray(size), rows };
    },
    rawPositivePairs(split, recipe, seed, count) {
      // The waveform views of positivePairs (the same seeded streams), as MFCC statistics; the
      // spectrogram steps act on log-mels the baseline never sees.
      const { waveform } = splitAudioRecipe(recipe);
      const wave = buildRecipe(waveform, audioRegistry).transform;
      const root = new Rng(seed).fork('views');
      const indices = spread(
        Array.from({ length: split.count }, (_, i) => i),
        Math.min(count, split.count),
      );
      const dim = 26;
      const views = [0, 1].map((v) => {
        const data = new Float32Array(indices.length * dim);
        for (const [r, index] of indices.entries()) {
          const clip = wave.run(split.clips[index], root.fork(0, index, v, 'wave')).output;
          data.set(mfccMoments(clip), r * dim);
        }
        return data;
      });
      // One standardisation for both views, so a pair is compared on one scale.
      const both = momentFeatures(
        Float32Array.from([...views[0], ...views[1]]),
        2 * indices.length,
        dim,
      );
      const half = indices.length * dim;
      return {
        a: { dim, data: both.data.subarray(0, half) },
        b: { dim, data: both.data.subarray(half) },
        rows: indices.length,
      };
    },
    ids: (split, name) => split.names.map((n) => `${name}-${n}`),
  };
}
