import { describe, expect, it } from 'vitest';
import { datasetByName } from '../domains/registry.js';
import { quickstartEpochs } from './quickstart.js';

describe('quickstart epochs', () => {
  it('keeps 5 for Fashion-MNIST and leaves other datasets to their own training default', () => {
    expect(quickstartEpochs('fashion-mnist')).toBe('5');
    expect(quickstartEpochs('espeak-words')).toBeUndefined();
    expect(datasetByName('espeak-words').defaults.epochs).toBe(10);
  });

  it('trains WordNet glosses 3 epochs, which the learned 128-wide table fits in a quickstart', () => {
    expect(quickstartEpochs('wordnet-glosses')).toBeUndefined();
    expect(datasetByName('wordnet-glosses').defaults.epochs).toBe(3);
  });

  it('passes the epochs a user gives for any dataset', () => {
    expect(quickstartEpochs('fashion-mnist', '2')).toBe('2');
    expect(quickstartEpochs('espeak-words', '1')).toBe('1');
  });
});
