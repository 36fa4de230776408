import type { Recipe } from '@manyviews/augment-core';

/**
 * EDA views for sentence-length text, two per example: each view applies one of EDA's four
 * operations, chosen uniformly, with alpha 0.1 (Wei and Zou 2019 found 0.1 best across their
 * data sizes; their RD uses it as the deletion probability), then, with probability 0.2, a
 * keyboard typo in a tenth of the words, so the encoder also sees the spelling noise of typed
 * queries. Synonyms come from WordNet through natural's Brill tagger, stop words protected.
 */
export const defaultTextRecipe: Recipe = {
  version: 1,
  domain: 'text',
  name: 'eda',
  description:
    'EDA: one of synonym replacement, random insertion, random swap, random deletion (alpha 0.1), then a keyboard typo with probability 0.2',
  views: 2,
  pipeline: [
    {
      type: 'oneOf',
      transforms: [
        { type: 'synonymReplacement', alpha: 0.1, pos: 'brill', stopWords: true },
        { type: 'randomInsertion', alpha: 0.1, pos: 'brill', stopWords: true },
        { type: 'randomSwap', alpha: 0.1 },
        { type: 'randomDeletion', alpha: 0.1 },
      ],
      weights: [1, 1, 1, 1],
    },
    { type: 'randomApply', p: 0.2, transform: { type: 'keyboardTypo', p: 0.1, minLength: 3 } },
  ],
};

/**
 * Word dropout at 0.5, two views per example: each view keeps a random half of the words, so
 * the two views of a gloss share about a quarter of them and the encoder must tell which halves
 * belong together from the words that co-occur (as LSA and doc2vec learn from co-occurrence).
 * The default of `wordnet-glosses`, whose glosses are a sentence or two.
 */
export const wordDropoutRecipe: Recipe = {
  version: 1,
  domain: 'text',
  name: 'word-dropout-half',
  description: 'word dropout 0.5: each view keeps a random half of the words',
  views: 2,
  pipeline: [{ type: 'wordDropout', p: 0.5 }],
};
