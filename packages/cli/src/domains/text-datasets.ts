import type { LabelledSplit, TrainingDataset } from './domain.js';
import { textFile } from './text-file.js';
import { wordnetGlosses } from './wordnet-glosses.js';

/** The text datasets: WordNet glosses, and a user's own file of texts. */
export const TEXT_DATASETS: ReadonlyArray<TrainingDataset<LabelledSplit>> = [
  wordnetGlosses as unknown as TrainingDataset<LabelledSplit>,
  textFile as unknown as TrainingDataset<LabelledSplit>,
];
