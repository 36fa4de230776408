import { describe, expect, it } from 'vitest';
import { checkDatasetOptions, datasetByName } from './registry.js';

describe('dataset registry', () => {
  it('knows the colour datasets', () => {
    expect(datasetByName('emoji')).toMatchObject({ domain: 'image', labels: 'names' });
    expect(datasetByName('image-folder')).toMatchObject({ domain: 'image' });
  });

  it('checks --dataset-options by the dataset, refusing them where it takes none', () => {
    expect(() => checkDatasetOptions(datasetByName('emoji'), { set: 'twemoji' })).not.toThrow();
    expect(() => checkDatasetOptions(datasetByName('emoji'), { set: 'apple' })).toThrow(
      expect.objectContaining({ code: 'DATASET_INVALID_OPTION' }),
    );
    expect(() => checkDatasetOptions(datasetByName('fashion-mnist'), {})).not.toThrow();
    expect(() => checkDatasetOptions(datasetByName('fashion-mnist'), { size: 32 })).toThrow(
      expect.objectContaining({ code: 'CLI_USAGE' }),
    );
  });
});
