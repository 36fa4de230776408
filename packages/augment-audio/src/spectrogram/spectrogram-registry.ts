import { createRegistry, type Registry } from '@manyviews/augment-core';
import type { LogMel } from '../features/log-mel.js';
import { FREQUENCY_MASKING_PARAMS, frequencyMasking } from './frequency-masking.js';
import { RANDOM_RESIZED_CROP_PARAMS, randomResizedCrop } from './random-resized-crop.js';
import { TIME_MASKING_PARAMS, timeMasking } from './time-masking.js';

/**
 * The spectrogram transforms (domain `audio-spectrogram`): SpecAugment's `timeMasking` and
 * `frequencyMasking`, and BYOL-A's `randomResizedCrop`. They act on a {@link LogMel} (or any
 * `frames x bins` matrix, MFCCs included), after {@link logMel} of a waveform view.
 *
 * @example
 * const { transform } = buildRecipe({ version: 1, domain: 'audio-spectrogram',
 *   pipeline: [{ type: 'randomResizedCrop' }, { type: 'frequencyMasking' }] }, spectrogramRegistry);
 */
export const spectrogramRegistry: Registry<LogMel> = createRegistry<LogMel>('audio-spectrogram')
  .register('timeMasking', {
    description: 'SpecAugment: masks blocks of frames',
    params: TIME_MASKING_PARAMS,
    create: (o) => timeMasking(o),
  })
  .register('frequencyMasking', {
    description: 'SpecAugment: masks bands of bins',
    params: FREQUENCY_MASKING_PARAMS,
    create: (o) => frequencyMasking(o),
  })
  .register('randomResizedCrop', {
    description: 'BYOL-A: crops from a virtual canvas and resizes back (bicubic)',
    params: RANDOM_RESIZED_CROP_PARAMS,
    create: (o) => randomResizedCrop(o),
  });
