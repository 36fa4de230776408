import { ManyViewsError, Rng } from '@manyviews/augment-core';

/** Options of {@link syntheticRir}. */
export interface SyntheticRirOptions {
  /** Samples per second of the response. */
  sampleRate: number;
  /** Reverberation time in seconds, in [0.05, 5]: the time for the energy to fall by 60 dB. */
  rt60: number;
  /** Direct-to-reverberant energy ratio in dB, in [-20, 30]. */
  drrDb: number;
  /** Seed of the noise (a uint32); the same seed gives the same response. */
  seed: number;
}

/**
 * A synthetic room impulse response after Polack's statistical model (Polack, 1988; used for
 * reverberation augmentation by e.g. Ko et al., ICASSP 2017): a unit direct path at time 0, then
 * Gaussian noise under an exponential envelope `exp(-3 ln(10) t / rt60)`, whose energy falls by
 * 60 dB at `rt60`. The tail is scaled so that direct energy over tail energy is `drrDb`, and cut
 * at `rt60` seconds.
 *
 * What it leaves out: early reflections as discrete echoes, and the faster decay of high
 * frequencies in real rooms (the tail is white), so it sounds somewhat brighter than a real room.
 *
 * @returns `max(2, ceil(rt60 * sampleRate))` samples, `h[0] = 1`
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for values out of range
 */
export function syntheticRir(options: SyntheticRirOptions): Float32Array {
  const { sampleRate, rt60, drrDb, seed } = options;
  if (!(sampleRate > 0) || !(rt60 >= 0.05 && rt60 <= 5) || !(drrDb >= -20 && drrDb <= 30)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'syntheticRir: option out of range', {
      expected: 'sampleRate > 0, rt60 in [0.05, 5] s, drrDb in [-20, 30]',
      received: [sampleRate, rt60, drrDb],
    });
  }

  const length = Math.max(2, Math.ceil(rt60 * sampleRate));
  const rir = new Float32Array(length);
  const rng = new Rng(seed);
  const decay = (3 * Math.LN10) / (rt60 * sampleRate);
  let energy = 0;
  for (let i = 1; i < length; i++) {
    const v = rng.normal() * Math.exp(-decay * i);
    rir[i] = v;
    energy += v * v;
  }

  const scale = Math.sqrt(10 ** (-drrDb / 10) / energy);
  for (let i = 1; i < length; i++) rir[i] *= scale;
  rir[0] = 1;
  return rir;
}
