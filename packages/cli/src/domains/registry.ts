import { ManyViewsError } from '@manyviews/augment-core';
import type { LabelledSplit, TrainingDataset } from './domain.js';
import { emoji } from './emoji.js';
import { espeakWords } from './espeak-words.js';
import { fashionMnist } from './fashion-mnist.js';
import { imageFolder } from './image-folder.js';
import { TEXT_DATASETS } from './text-datasets.js';
import { wavFolder } from './wav-folder.js';

/** Every dataset the CLI can train on, by name. */
export const DATASETS: ReadonlyArray<TrainingDataset<LabelledSplit>> = [
  fashionMnist as unknown as TrainingDataset<LabelledSplit>,
  emoji as unknown as TrainingDataset<LabelledSplit>,
  imageFolder as unknown as TrainingDataset<LabelledSplit>,
  espeakWords as unknown as TrainingDataset<LabelledSplit>,
  wavFolder as unknown as TrainingDataset<LabelledSplit>,
  ...TEXT_DATASETS,
];

/**
 * The dataset named on the command line.
 *
 * @throws {ManyViewsError} `CLI_USAGE` for an unknown name, listing the known ones
 */
export function datasetByName(name: string): TrainingDataset<LabelledSplit> {
  const found = DATASETS.find((d) => d.name === name);
  if (!found) {
    throw new ManyViewsError('CLI_USAGE', `there is no dataset named ${name}`, {
      expected: `one of ${DATASETS.map((d) => d.name).join(', ')}`,
      received: name,
    });
  }
  return found;
}

/** The dataset a model was trained on, from its manifest's `training.dataset`. */
export function datasetOfManifest(manifest: {
  training?: Record<string, unknown>;
  name?: string;
}): TrainingDataset<LabelledSplit> {
  return datasetByName(String(manifest.training?.dataset ?? 'fashion-mnist'));
}

/**
 * Checks `--dataset-options` against what the dataset takes, before any data is read.
 *
 * @throws {ManyViewsError} `CLI_USAGE` when the dataset takes no options; the dataset's own
 *   `DATASET_INVALID_OPTION` for a bad one
 */
export function checkDatasetOptions(
  dataset: Pick<TrainingDataset, 'name' | 'checkOptions'>,
  options: Record<string, unknown>,
): void {
  if (dataset.checkOptions) {
    dataset.checkOptions(options);
    return;
  }
  if (Object.keys(options).length === 0) return;
  throw new ManyViewsError('CLI_USAGE', `${dataset.name} takes no --dataset-options`, {
    expected: 'no --dataset-options',
    received: JSON.stringify(options),
  });
}
