import {
  badRecord,
  defineTransform,
  ManyViewsError,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, assertClip, mapChannels, meanSquare, mixToMono } from '../clip.js';
import { resample } from '../dsp/resample.js';
import { uniformIn } from './sampling.js';

/** Options of {@link mixBackground}. */
export interface MixBackgroundOptions {
  /** The background recordings (noise, music, babble) to draw from; at least one, none silent. */
  backgrounds: readonly AudioClip[];
  /** Range of the foreground-to-background ratio in dB, drawn uniformly; within [-30, 100]; default [5, 20]. */
  snrDb?: readonly [number, number];
}

/** What one application of {@link mixBackground} drew. */
export interface MixBackgroundParams {
  /** Which background, an index into `backgrounds`. */
  index: number;
  /** Start of the excerpt in the background, in samples at the clip's rate. */
  offset: number;
  snrDb: number;
}

/**
 * The JSON options of {@link mixBackground} (the clips themselves come from the registry context).
 */
export const MIX_BACKGROUND_PARAMS: ParamSpecs = {
  snrDb: {
    kind: 'range',
    min: -30,
    max: 100,
    default: [5, 20],
    doc: 'clip-to-background ratio in dB',
  },
};

/**
 * Mixes an excerpt of a background recording into the clip at a drawn ratio: the background is
 * resampled to the clip's rate (once per rate, then cached), an excerpt as long as the clip is
 * taken from a drawn offset (looping round a background shorter than the clip), and it is scaled
 * so that `10 log10(P_clip / P_excerpt) = snrDb`. Multichannel backgrounds are mixed to mono
 * before use. A silent clip is returned unchanged.
 *
 * @param options `backgrounds` (required), `snrDb` range (default [5, 20])
 * @throws {ManyViewsError} `AUDIO_NO_BACKGROUNDS` when the list is empty or a background is silent;
 *   `AUDIO_INVALID_CLIP` for a malformed background; `RECIPE_INVALID_PARAM` for a bad range
 */
export function mixBackground(
  options: MixBackgroundOptions,
): Transform<AudioClip, MixBackgroundParams> {
  const { backgrounds, ...rest } = options ?? ({} as MixBackgroundOptions);
  const o = resolveOptions('mixBackground', MIX_BACKGROUND_PARAMS, rest);
  const range = o.snrDb as [number, number];
  const sources = checkBackgrounds(backgrounds);
  const cache = new Map<string, Float32Array>();
  const at = (index: number, rate: number): Float32Array => {
    const key = `${index}@${rate}`;
    let signal = cache.get(key);
    if (!signal) {
      const source = sources[index];
      signal = resample(mixToMono(source), source.sampleRate, rate);
      cache.set(key, signal);
    }
    return signal;
  };

  return defineTransform({
    name: 'mixBackground',
    options: { ...o, backgrounds: sources.length },
    sample: (clip: AudioClip, rng) => {
      const index = rng.int(0, sources.length - 1);
      const background = at(index, clip.sampleRate);
      return { index, offset: rng.int(0, background.length - 1), snrDb: uniformIn(rng, range) };
    },
    apply: (clip, p) => {
      if (!Number.isInteger(p.index) || p.index < 0 || p.index >= sources.length) {
        throw badRecord(
          'mixBackground',
          `a background index in [0, ${sources.length - 1}]`,
          p.index,
        );
      }
      const background = at(p.index, clip.sampleRate);
      const n = clip.channels[0].length;
      const excerpt = new Float32Array(n);
      for (let i = 0; i < n; i++) excerpt[i] = background[(p.offset + i) % background.length];

      const signalPower = meanSquare(clip);
      const excerptPower = meanSquare({ sampleRate: clip.sampleRate, channels: [excerpt] });
      const scale =
        excerptPower > 0 ? Math.sqrt(signalPower / excerptPower / 10 ** (p.snrDb / 10)) : 0;
      return mapChannels(clip, 'mixBackground', (channel) => {
        const out = channel.slice();
        for (let i = 0; i < n; i++) out[i] += scale * excerpt[i];
        return out;
      });
    },
  });
}

function checkBackgrounds(backgrounds: readonly AudioClip[] | undefined): AudioClip[] {
  if (!Array.isArray(backgrounds) || backgrounds.length === 0) {
    throw new ManyViewsError('AUDIO_NO_BACKGROUNDS', 'mixBackground needs background clips', {
      expected: 'a non-empty list of AudioClip (createAudioRegistry({ backgrounds }) in recipes)',
      received: backgrounds,
    });
  }
  backgrounds.forEach((clip, i) => {
    assertClip(clip, `mixBackground: backgrounds[${i}]`);
    if (!(meanSquare(clip) > 0)) {
      throw new ManyViewsError(
        'AUDIO_NO_BACKGROUNDS',
        `mixBackground: backgrounds[${i}] is silent`,
        {
          expected: 'a background with non-zero samples',
          received: `${clip.channels[0].length} zero samples`,
        },
      );
    }
  });
  return [...backgrounds];
}
