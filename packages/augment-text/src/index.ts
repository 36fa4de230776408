export type { CaseChangeOptions, CaseChangeParams, CaseMode } from './case-change.js';
export { caseChange, caseChangeSpecs, toCase } from './case-change.js';
export type { CharDeleteOptions } from './char-delete.js';
export { charDelete, charDeleteSpecs } from './char-delete.js';
export type { CharEdit, CharEditKind, CharEditParams, CharNoiseOptions } from './char-edits.js';
export { charNoise, charNoiseSpecs } from './char-edits.js';
export type { CharInsertOptions } from './char-insert.js';
export { charInsert, charInsertSpecs } from './char-insert.js';
export type { CharSwapOptions } from './char-swap.js';
export { charSwap, charSwapSpecs } from './char-swap.js';
export { defaultTextRecipe, wordDropoutRecipe } from './default-recipe.js';
export { keyboardNeighbours, QWERTY_NEIGHBOURS } from './keyboard.js';
export type { KeyboardTypoOptions } from './keyboard-typo.js';
export { keyboardTypo, keyboardTypoSpecs } from './keyboard-typo.js';
export type { MakeViewsOptions } from './make-views.js';
export { makeViews } from './make-views.js';
export { baseFormCandidates } from './morphy.js';
export type { PosTagger } from './pos-tagger.js';
export { brillTagger, pennToWordNet } from './pos-tagger.js';
export type { ProtectionOptions } from './protected-words.js';
export { naturalStopWords, protectionFor } from './protected-words.js';
export type { RandomDeletionOptions, RandomDeletionParams } from './random-deletion.js';
export { randomDeletion, randomDeletionSpecs } from './random-deletion.js';
export type { RandomInsertionOptions, RandomInsertionParams } from './random-insertion.js';
export { randomInsertion, randomInsertionSpecs } from './random-insertion.js';
export type { RandomSwapOptions, RandomSwapParams } from './random-swap.js';
export { randomSwap, randomSwapSpecs } from './random-swap.js';
export type { TextRegistryOptions } from './registry.js';
export { buildTextPipeline, createTextRegistry, textRegistry } from './registry.js';
export type { SentenceCropOptions, SentenceCropParams } from './sentence-crop.js';
export { sentenceCrop, sentenceCropSpecs } from './sentence-crop.js';
export type { SentenceShuffleOptions, SentenceShuffleParams } from './sentence-shuffle.js';
export { sentenceShuffle, sentenceShuffleSpecs } from './sentence-shuffle.js';
export { splitSentences } from './sentences.js';
export type { SpanParams } from './span.js';
export { applySpan, spanLength } from './span.js';
export type { SpanCropOptions, SpanCropParams } from './span-crop.js';
export { spanCrop, spanCropSpecs } from './span-crop.js';
export type { SpanPairOptions, SpanPairParams } from './span-pair.js';
export { applySpanPair, sampleSpanPair } from './span-pair.js';
export type { SynonymCandidate, SynonymSourceOptions } from './synonym-candidates.js';
export type {
  SynonymReplacementOptions,
  SynonymReplacementParams,
} from './synonym-replacement.js';
export { synonymReplacement, synonymReplacementSpecs } from './synonym-replacement.js';
export type { SynonymEntry, SynonymSource, WordNetPos } from './synonym-source.js';
export { inMemorySynonyms } from './synonym-source.js';
export type { TextDoc, Token, TokenKind } from './text-doc.js';
export { detokenize, isWordLike, makeDoc, toDoc, tokenize, wordPositions } from './text-doc.js';
export type { WordDropoutOptions, WordDropoutParams } from './word-dropout.js';
export { wordDropout, wordDropoutSpecs } from './word-dropout.js';
export type { WordMaskOptions, WordMaskParams } from './word-mask.js';
export { MASK_TOKENS, wordMask, wordMaskSpecs } from './word-mask.js';
export type { LoadWordNetOptions } from './wordnet.js';
export { loadWordNet, WordNetSynonyms } from './wordnet.js';
export { wordNetDictPath } from './wordnet-files.js';
export type { GlossSplit, WordNetGloss, WordNetGlossOptions } from './wordnet-glosses.js';
export {
  glossSplit,
  LEXICOGRAPHER_FILES,
  loadWordNetGlosses,
  readWordNetGlosses,
} from './wordnet-glosses.js';
