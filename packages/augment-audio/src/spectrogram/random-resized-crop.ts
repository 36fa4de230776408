import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { resizeBicubic } from '../dsp/bicubic-resize.js';
import { assertLogMel, type LogMel } from '../features/log-mel.js';
import { fillValue, type MaskFill } from './masking.js';

/** Options of {@link randomResizedCrop}. */
export interface RandomResizedCropOptions {
  /** Size of the virtual canvas relative to the input, `[freq, time]`, each in [1, 3]; default [1, 1.5]. */
  virtualCropScale?: readonly [number, number];
  /** Range of the crop's height relative to the bins, drawn uniformly; within [0.05, 3]; default [0.6, 1.5]. */
  freqScale?: readonly [number, number];
  /** Range of the crop's width relative to the frames, drawn uniformly; within [0.05, 3]; default [0.6, 1.5]. */
  timeScale?: readonly [number, number];
  /** What fills the canvas around the spectrogram; default `mean` (see the note on BYOL-A). */
  fill?: MaskFill;
}

/**
 * What one application of {@link randomResizedCrop} drew: the crop in canvas coordinates
 * (`freqStart`, `freqLength` in bins; `timeStart`, `timeLength` in frames).
 */
export interface RandomResizedCropParams {
  freqStart: number;
  freqLength: number;
  timeStart: number;
  timeLength: number;
}

/** The options of {@link randomResizedCrop} as a recipe gives them. */
export const RANDOM_RESIZED_CROP_PARAMS: ParamSpecs = {
  virtualCropScale: {
    kind: 'numbers',
    minLength: 2,
    maxLength: 2,
    min: 1,
    max: 3,
    default: [1, 1.5],
    doc: 'canvas size relative to the input, [freq, time]',
  },
  freqScale: {
    kind: 'range',
    min: 0.05,
    max: 3,
    default: [0.6, 1.5],
    doc: 'crop height relative to the bins',
  },
  timeScale: {
    kind: 'range',
    min: 0.05,
    max: 3,
    default: [0.6, 1.5],
    doc: 'crop width relative to the frames',
  },
  fill: {
    kind: 'enum',
    values: ['mean', 'zero'],
    default: 'mean',
    doc: 'value of the canvas around the input',
  },
};

/**
 * Random resized crop of a log-mel spectrogram, as BYOL-A does it (Niizumi et al., "BYOL for
 * Audio", IJCNN 2021, section III-B, and its `RandomResizeCrop`): the spectrogram is placed in
 * the centre of a larger virtual canvas (`virtualCropScale`, default 1x in frequency and 1.5x in
 * time), a crop of `freqScale x timeScale` times the input's size is drawn anywhere in the canvas
 * (clamped to it), and the crop is resized back to the input's size by bicubic interpolation
 * (align corners, Keys a = -0.75, as `F.interpolate`). Crops larger than the input zoom out and
 * may include canvas; crops smaller zoom in: a stretch or squeeze in time and a shift of pitch
 * along the mel axis.
 *
 * On the canvas: BYOL-A fills it with zeros after normalising the log-mel by dataset statistics,
 * so there zero is the average level. This package's log-mel is not normalised, so the default
 * fills with the spectrogram's own mean; use `zero` on normalised input to match BYOL-A exactly.
 *
 * @param options `virtualCropScale` ([1, 1.5]), `freqScale` ([0.6, 1.5]), `timeScale`
 *   ([0.6, 1.5]), `fill` (`mean`)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options;
 *   `AUDIO_INVALID_SPECTROGRAM` for a malformed input
 */
export function randomResizedCrop(
  options: RandomResizedCropOptions = {},
): Transform<LogMel, RandomResizedCropParams> {
  const o = resolveOptions('randomResizedCrop', RANDOM_RESIZED_CROP_PARAMS, options);
  const [virtualFreq, virtualTime] = o.virtualCropScale as [number, number];
  const freqScale = o.freqScale as [number, number];
  const timeScale = o.timeScale as [number, number];
  const canvasOf = (spec: LogMel) => ({
    bins: Math.floor(spec.bins * virtualFreq),
    frames: Math.floor(spec.frames * virtualTime),
  });

  return defineTransform({
    name: 'randomResizedCrop',
    options: o,
    sample: (spec: LogMel, rng) => {
      assertLogMel(spec, 'randomResizedCrop');
      const canvas = canvasOf(spec);
      // The order of draws follows BYOL-A's get_params: both sizes, then both positions.
      const clamp = (v: number, hi: number) => Math.min(hi, Math.max(1, v));
      const freqLength = clamp(
        Math.floor(rng.uniform(freqScale[0], freqScale[1]) * spec.bins),
        canvas.bins,
      );
      const timeLength = clamp(
        Math.floor(rng.uniform(timeScale[0], timeScale[1]) * spec.frames),
        canvas.frames,
      );
      const freqStart = canvas.bins > freqLength ? rng.int(0, canvas.bins - freqLength) : 0;
      const timeStart = canvas.frames > timeLength ? rng.int(0, canvas.frames - timeLength) : 0;
      return { freqStart, freqLength, timeStart, timeLength };
    },
    apply: (spec, p) => {
      assertLogMel(spec, 'randomResizedCrop');
      const canvas = canvasOf(spec);
      const offsetFreq = Math.floor((canvas.bins - spec.bins) / 2);
      const offsetTime = Math.floor((canvas.frames - spec.frames) / 2);
      const value = fillValue(spec, o.fill as MaskFill);

      const crop = new Float32Array(p.timeLength * p.freqLength);
      for (let t = 0; t < p.timeLength; t++) {
        const sourceFrame = p.timeStart + t - offsetTime;
        for (let f = 0; f < p.freqLength; f++) {
          const sourceBin = p.freqStart + f - offsetFreq;
          const inside =
            sourceFrame >= 0 &&
            sourceFrame < spec.frames &&
            sourceBin >= 0 &&
            sourceBin < spec.bins;
          crop[t * p.freqLength + f] = inside
            ? spec.data[sourceFrame * spec.bins + sourceBin]
            : value;
        }
      }
      const data = resizeBicubic(crop, p.timeLength, p.freqLength, spec.frames, spec.bins);
      return { frames: spec.frames, bins: spec.bins, data };
    },
  });
}
