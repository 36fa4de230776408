import type { ParamSpecs } from '@manyviews/augment-core';
import { brillTagger, type PosTagger } from './pos-tagger.js';
import { type ProtectionOptions, protectionFor } from './protected-words.js';
import type { SynonymSource } from './synonym-source.js';
import { isWordLike, type TextDoc, type Token } from './text-doc.js';
import { loadedWordNet } from './wordnet.js';

/** Options of the synonym transforms that are objects, not JSON; never part of a recipe. */
export interface SynonymSourceOptions {
  /** Where synonyms come from; default the WordNet the last {@link loadWordNet} loaded. */
  synonyms?: SynonymSource;
  /** Tags parts of speech when `pos` is `'brill'`; default natural's Brill tagger. */
  tagger?: PosTagger;
  /** Words never replaced nor drawn from, case-insensitive (names, domain terms). */
  protectedWords?: Iterable<string>;
}

/** Specs shared by the synonym transforms: EDA's strength and what to look up. */
export const synonymSpecs: ParamSpecs = {
  alpha: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0.1,
    doc: 'EDA strength: max(1, round(alpha * words)) edits',
  },
  pos: {
    kind: 'enum',
    values: ['brill', 'none'],
    default: 'brill',
    doc: "look synonyms up in the word's tagged part of speech (brill) or in all (none)",
  },
  stopWords: {
    kind: 'boolean',
    default: true,
    doc: "leave natural's stop words alone",
  },
};

/** A word a synonym transform may use, and its synonyms. */
export interface SynonymCandidate {
  /** Index into `doc.tokens`. */
  token: number;
  synonyms: readonly string[];
}

/** Finds, for a document, the words that have synonyms; built once per transform. */
export type CandidateFinder = (doc: TextDoc) => SynonymCandidate[];

/**
 * Resolves a synonym transform's source, tagger and protection once, when it is built, and
 * returns the finder its sampler calls.
 *
 * @param name the transform, for the error when no source is loaded
 * @param pos `'brill'` to tag, `'none'` to look up every part of speech
 * @throws {ManyViewsError} `WORDNET_NOT_LOADED` when no source was given and none is loaded
 */
export function candidateFinder(
  name: string,
  pos: string,
  stopWords: boolean,
  options: SynonymSourceOptions,
): CandidateFinder {
  const source = options.synonyms ?? loadedWordNet(name);
  const tagger = pos === 'brill' ? (options.tagger ?? brillTagger()) : undefined;
  const protection: ProtectionOptions = { stopWords, protectedWords: options.protectedWords };
  const isProtected = protectionFor(protection);

  return (doc) => {
    const words: Token[] = [];
    const at: number[] = [];
    doc.tokens.forEach((t, i) => {
      if (isWordLike(t)) {
        words.push(t);
        at.push(i);
      }
    });
    // The tagger sees every word, protected or not, since its rules read the neighbours' tags.
    const tags = tagger?.tag(words.map((w) => w.text));

    const out: SynonymCandidate[] = [];
    words.forEach((word, k) => {
      if (isProtected(word)) return;
      if (tags && tags[k] === undefined) return;
      const synonyms = source.synonyms(word.text, tags?.[k]);
      if (synonyms.length > 0) out.push({ token: at[k], synonyms });
    });
    return out;
  };
}

/**
 * Splits a synonym transform's options into its recipe options (JSON) and the objects.
 *
 * @param options what the caller gave
 */
export function splitSynonymOptions<T extends SynonymSourceOptions>(
  options: T | undefined,
): { json: Omit<T, keyof SynonymSourceOptions>; objects: SynonymSourceOptions } {
  const { synonyms, tagger, protectedWords, ...json } = options ?? ({} as T);
  return { json, objects: { synonyms, tagger, protectedWords } };
}
