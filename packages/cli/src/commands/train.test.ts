import { describe, expect, it } from 'vitest';
import { datasetByName } from '../domains/registry.js';
import { defaultsFor } from './train.js';

describe('train defaults', () => {
  const dataset = {
    defaults: { epochs: 8, batchSize: 256, learningRate: 1e-3, temperature: 0.5 },
    encoderDefaults: { cnn: { epochs: 3 } },
  };

  it('takes the chosen encoder’s defaults over the dataset’s, and the dataset’s otherwise', () => {
    expect(defaultsFor(dataset, 'cnn')).toEqual({ ...dataset.defaults, epochs: 3 });
    expect(defaultsFor(dataset, 'mlp')).toEqual(dataset.defaults);
    expect(defaultsFor(dataset)).toEqual(dataset.defaults);
  });

  it('gives Fashion-MNIST’s CNN its own epochs and temperature, the MLP the dataset’s', () => {
    const fashion = datasetByName('fashion-mnist');

    expect(defaultsFor(fashion, 'mlp')).toEqual(fashion.defaults);
    expect(defaultsFor(fashion, 'cnn')).toEqual({
      ...fashion.defaults,
      epochs: 5,
      temperature: 0.2,
    });
  });
});
