import {
  type BuiltRecipe,
  buildRecipe,
  createRegistry,
  type Registry,
  type Transform,
} from '@manyviews/augment-core';
import { caseChange, caseChangeSpecs } from './case-change.js';
import { charDelete, charDeleteSpecs } from './char-delete.js';
import { charInsert, charInsertSpecs } from './char-insert.js';
import { charSwap, charSwapSpecs } from './char-swap.js';
import { keyboardTypo, keyboardTypoSpecs } from './keyboard-typo.js';
import { randomDeletion, randomDeletionSpecs } from './random-deletion.js';
import { randomInsertion, randomInsertionSpecs } from './random-insertion.js';
import { randomSwap, randomSwapSpecs } from './random-swap.js';
import { sentenceCrop, sentenceCropSpecs } from './sentence-crop.js';
import { sentenceShuffle, sentenceShuffleSpecs } from './sentence-shuffle.js';
import { spanCrop, spanCropSpecs } from './span-crop.js';
import type { SynonymSourceOptions } from './synonym-candidates.js';
import { synonymReplacement, synonymReplacementSpecs } from './synonym-replacement.js';
import type { TextDoc } from './text-doc.js';
import { wordDropout, wordDropoutSpecs } from './word-dropout.js';
import { wordMask, wordMaskSpecs } from './word-mask.js';

/**
 * What a text registry passes to the synonym transforms it builds; see {@link createTextRegistry}.
 */
export type TextRegistryOptions = SynonymSourceOptions;

/**
 * Makes a registry of the text transforms, for `buildRecipe(recipe, registry)`. The synonym
 * transforms (`synonymReplacement`, `randomInsertion`) take their source, tagger and protected
 * words from `options`, since those are objects a JSON recipe cannot hold; without a source they
 * use the WordNet the last {@link loadWordNet} loaded, and building one before that throws
 * `WORDNET_NOT_LOADED`.
 *
 * @param options see {@link SynonymSourceOptions}
 * @example
 * const registry = createTextRegistry({ synonyms: inMemorySynonyms({ big: ['large'] }) });
 * const { transform } = buildRecipe(recipe, registry);
 */
export function createTextRegistry(options: TextRegistryOptions = {}): Registry<TextDoc> {
  const objects: SynonymSourceOptions = {
    synonyms: options.synonyms,
    tagger: options.tagger,
    protectedWords: options.protectedWords ? [...options.protectedWords] : undefined,
  };
  const as = <P>(t: Transform<TextDoc, P>) => t as Transform<TextDoc>;

  return createRegistry<TextDoc>('text')
    .register('synonymReplacement', {
      description: 'EDA: replace max(1, round(alpha * words)) words by a WordNet synonym',
      params: synonymReplacementSpecs,
      create: (o) => as(synonymReplacement({ ...o, ...objects })),
    })
    .register('randomInsertion', {
      description: 'EDA: insert a synonym of a random word, max(1, round(alpha * words)) times',
      params: randomInsertionSpecs,
      create: (o) => as(randomInsertion({ ...o, ...objects })),
    })
    .register('randomSwap', {
      description: 'EDA: swap two random words, max(1, round(alpha * words)) times',
      params: randomSwapSpecs,
      create: (o) => as(randomSwap(o)),
    })
    .register('randomDeletion', {
      description: 'EDA: delete each word with probability alpha, never all of them',
      params: randomDeletionSpecs,
      create: (o) => as(randomDeletion(o)),
    })
    .register('wordDropout', {
      description: 'drop exactly max(1, round(p * words)) words, never all of them',
      params: wordDropoutSpecs,
      create: (o) => as(wordDropout(o)),
    })
    .register('wordMask', {
      description: 'replace exactly max(1, round(p * words)) words by a mask token',
      params: wordMaskSpecs,
      create: (o) => as(wordMask(o)),
    })
    .register('spanCrop', {
      description: 'DeCLUTR: keep a contiguous span, its length from a Beta distribution',
      params: spanCropSpecs,
      create: (o) => as(spanCrop(o)),
    })
    .register('sentenceShuffle', {
      description: 'put the sentences in a random order',
      params: sentenceShuffleSpecs,
      create: (o) => as(sentenceShuffle(o as Record<string, never>)),
    })
    .register('sentenceCrop', {
      description: 'keep a run of consecutive sentences, a random share of them',
      params: sentenceCropSpecs,
      create: (o) => as(sentenceCrop(o)),
    })
    .register('keyboardTypo', {
      description: 'replace a character by a neighbouring QWERTY key in a share of the words',
      params: keyboardTypoSpecs,
      create: (o) => as(keyboardTypo(o)),
    })
    .register('charSwap', {
      description: 'swap two adjacent characters in a share of the words',
      params: charSwapSpecs,
      create: (o) => as(charSwap(o)),
    })
    .register('charInsert', {
      description: 'insert a neighbouring-key character in a share of the words',
      params: charInsertSpecs,
      create: (o) => as(charInsert(o)),
    })
    .register('charDelete', {
      description: 'delete a character in a share of the words',
      params: charDeleteSpecs,
      create: (o) => as(charDelete(o)),
    })
    .register('caseChange', {
      description: 'put a share of the words in lower, upper or title case',
      params: caseChangeSpecs,
      create: (o) => as(caseChange(o)),
    });
}

/**
 * The text transforms by recipe name (plus the core combinators `compose`, `randomApply`,
 * `oneOf`, `someOf`): `synonymReplacement`, `randomInsertion`, `randomSwap`, `randomDeletion`,
 * `wordDropout`, `wordMask`, `spanCrop`, `sentenceShuffle`, `sentenceCrop`, `keyboardTypo`,
 * `charSwap`, `charInsert`, `charDelete`, `caseChange`. Its synonym transforms use the WordNet
 * that {@link loadWordNet} loaded; use {@link createTextRegistry} to give them another source.
 */
export const textRegistry: Registry<TextDoc> = createTextRegistry();

/**
 * Builds a text pipeline from a recipe: `buildRecipe(recipe, registry)`.
 *
 * @param recipe a recipe object or its JSON text, `domain: 'text'`
 * @param registry default {@link textRegistry}
 * @throws {ManyViewsError} the recipe errors of augment-core, each naming the field
 *   (`pipeline[0].alpha`), and `WORDNET_NOT_LOADED` (see {@link createTextRegistry})
 * @example
 * await loadWordNet();
 * const { transform } = buildTextPipeline(defaultTextRecipe);
 * const views = makeViews('The quick brown fox.', transform, new Rng(7), 2);
 */
export function buildTextPipeline(
  recipe: unknown,
  registry: Registry<TextDoc> = textRegistry,
): BuiltRecipe<TextDoc> {
  return buildRecipe(recipe, registry);
}
