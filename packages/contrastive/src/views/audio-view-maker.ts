import {
  type AudioClip,
  audioRegistry,
  mixToMono,
  spectrogramRegistry,
} from '@manyviews/augment-audio';
import { buildRecipe, ManyViewsError, type Recipe, Rng } from '@manyviews/augment-core';
import { type AudioPreprocess, audioInputMaker, centreFit, windowLength } from './audio-input.js';

/**
 * The step of an audio recipe that separates waveform transforms from spectrogram transforms:
 * steps before it run on the sound, steps after it on the normalised log-mel. It has no options,
 * because the log-mel itself is fixed by the model's {@link AudioPreprocess}.
 */
export const LOG_MEL_STEP = 'logMel';

/**
 * Splits an audio view recipe (domain `audio`) at its `{ "type": "logMel" }` step into a waveform
 * recipe (domain `audio`) and a spectrogram recipe (domain `audio-spectrogram`), and validates
 * both. A recipe without the step is all waveform, so augment-audio's `defaultSpeechRecipe` is a
 * valid audio view recipe as it is.
 *
 * @throws {ManyViewsError} `RECIPE_INVALID` for a second `logMel` step or one with options; the
 *   recipe errors of augment-audio's registries, naming the field
 */
export function splitAudioRecipe(recipe: Recipe): { waveform: Recipe; spectrogram?: Recipe } {
  const pipeline = Array.isArray(recipe?.pipeline) ? recipe.pipeline : [];
  const at = pipeline.findIndex((s) => s?.type === LOG_MEL_STEP);
  if (at >= 0) {
    const extra = Object.keys(pipeline[at]).filter((k) => k !== 'type');
    const again = pipeline.findIndex((s, i) => i > at && s?.type === LOG_MEL_STEP);
    if (extra.length > 0 || again >= 0) {
      throw new ManyViewsError(
        'RECIPE_INVALID',
        `recipe.pipeline[${again >= 0 ? again : at}]: the logMel step is a bare divider`,
        {
          expected: 'one { "type": "logMel" } step without options (the model fixes the log-mel)',
          received: pipeline[again >= 0 ? again : at],
        },
      );
    }
  }

  const waveform = { ...recipe, pipeline: at >= 0 ? pipeline.slice(0, at) : pipeline };
  const checked = buildRecipe(waveform, audioRegistry).recipe;
  if (at < 0) return { waveform: checked };
  const spectrogram = buildRecipe(
    { ...recipe, domain: spectrogramRegistry.domain, pipeline: pipeline.slice(at + 1) },
    spectrogramRegistry,
  ).recipe;
  return { waveform: checked, spectrogram };
}

/** What it takes to turn stored clips into training views, all plain data (it crosses threads). */
export interface AudioViewSpec {
  /** An audio view recipe; see {@link splitAudioRecipe}. */
  recipe: Recipe;
  preprocess: AudioPreprocess;
  /** Seed of the run; view `v` of example `i` in epoch `e` draws from `fork(e, i, v)`. */
  seed: number;
}

/**
 * Clips packed into one buffer, so they can be shared with worker threads without a copy:
 * clip `i` is `samples.subarray(offsets[i], offsets[i + 1])`, mono at the preprocess rate.
 */
export interface PackedClips {
  samples: Float32Array;
  /** `count + 1` offsets. */
  offsets: Float64Array;
}

/**
 * Packs mono clips into one buffer, on a `SharedArrayBuffer` when `shared` (for workers).
 *
 * @param clips the clips, already at the model's rate (channels are averaged)
 */
export function packClips(clips: readonly AudioClip[], shared = false): PackedClips {
  const offsets = new Float64Array(clips.length + 1);
  const monos = clips.map((c) => mixToMono(c));
  for (let i = 0; i < monos.length; i++) offsets[i + 1] = offsets[i] + monos[i].length;
  const total = offsets[clips.length];
  const samples = shared
    ? new Float32Array(new SharedArrayBuffer(total * Float32Array.BYTES_PER_ELEMENT))
    : new Float32Array(total);
  for (let i = 0; i < monos.length; i++) samples.set(monos[i], offsets[i]);
  return { samples, offsets };
}

/**
 * Writes the views of a batch into one buffer, view-major: view `v` of batch row `r` starts at
 * `(v * batch + r) * frames * bins`.
 */
export type AudioViewMaker = (
  clips: PackedClips,
  epoch: number,
  indices: ArrayLike<number>,
  views: number,
) => Float32Array;

/**
 * Builds the view maker for a spec: waveform recipe, fitted to the window (centred, in case a
 * recipe leaves the length changed), log-mel, normalisation, then the spectrogram recipe. The
 * waveform stage draws from `fork(e, i, v, 'wave')`, the spectrogram stage from
 * `fork(e, i, v, 'spec')`, so one depends only on the seed and the example, never on the other.
 *
 * @throws {ManyViewsError} recipe errors (see {@link splitAudioRecipe}); preprocess errors
 */
export function createAudioViewMaker(spec: AudioViewSpec): AudioViewMaker & {
  frames: number;
  bins: number;
} {
  const { waveform, spectrogram } = splitAudioRecipe(spec.recipe);
  const wave = buildRecipe(waveform, audioRegistry).transform;
  const spec2d = spectrogram ? buildRecipe(spectrogram, spectrogramRegistry).transform : undefined;
  const input = audioInputMaker(spec.preprocess);
  const { frames, bins } = input;
  const size = frames * bins;
  const length = windowLength(spec.preprocess);
  const rate = spec.preprocess.sampleRate;
  const root = new Rng(spec.seed).fork('views');

  const make = function makeAudioViews(
    clips: PackedClips,
    epoch: number,
    indices: ArrayLike<number>,
    views: number,
  ): Float32Array {
    const batch = indices.length;
    const out = new Float32Array(views * batch * size);
    for (let r = 0; r < batch; r++) {
      const index = indices[r];
      const source: AudioClip = {
        sampleRate: rate,
        channels: [clips.samples.subarray(clips.offsets[index], clips.offsets[index + 1])],
      };
      for (let v = 0; v < views; v++) {
        const sound = wave.run(source, root.fork(epoch, index, v, 'wave')).output;
        let features = {
          frames,
          bins,
          data: input.normalize(input.logMelOf(centreFit(mixToMono(sound), length))),
        };
        if (spec2d) features = spec2d.run(features, root.fork(epoch, index, v, 'spec')).output;
        if (features.data.length !== size) {
          throw new ManyViewsError('VIEW_SHAPE_MISMATCH', 'the recipe changes the log-mel size', {
            expected: `${frames} frames x ${bins} bins`,
            received: `${features.frames} x ${features.bins}`,
          });
        }
        out.set(features.data, (v * batch + r) * size);
      }
    }
    return out;
  };
  return Object.assign(make, { frames, bins });
}
