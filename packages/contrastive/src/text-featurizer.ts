import { ManyViewsError } from '@manyviews/augment-core';

/**
 * How text becomes an encoder input, stored whole in a text model's manifest (`preprocess`) so
 * serving prepares a request exactly as training prepared its views.
 *
 * Every text is lower-cased (when `lowercase`), split into word tokens, and turned into hashed
 * features in the spirit of fastText (Bojanowski et al. 2017, Joulin et al. 2017): word
 * unigrams, word bigrams, and the character n-grams of each word with `<` and `>` marking its
 * ends. Each feature is hashed into `hashes` of `buckets` slots with a hashed sign (a count
 * sketch, so two features rarely share every slot); each group is L2-normalised and scaled by
 * its weight. Version 2 then multiplies each slot by its stored weight (`slotWeights`, the
 * slot's inverse document frequency on the training corpus, see `fitSlotIdf`), so words like
 * "a" and "of" stop dominating every bag. Last, the whole vector is L2-normalised.
 */
export interface TextFeaturizerConfig {
  featurizer: 'hashed-ngrams';
  /**
   * Bumped when the hashing or weighting changes: 1 is the unweighted bag, 2 adds
   * `slotWeights`. A build refuses versions it does not know.
   */
  version: 1 | 2;
  /** Slots of the dense bag (the encoder's input width); default 16384. */
  buckets: number;
  /** Slots each feature lands in, each with its own sign; default 2. */
  hashes: number;
  /** Lower-case before tokenising; default true. */
  lowercase: boolean;
  /** Longest word n-gram (1: unigrams only, 2: also bigrams); default 2. */
  wordNgrams: number;
  /** Character n-gram lengths `[min, max]` of each `<word>`; `[0, 0]` for none; default `[3, 5]`. */
  charNgrams: [number, number];
  /** Weights of the unigram, bigram and character groups; default `[1, 0.5, 0.5]`. */
  groupWeights: [number, number, number];
  /** Tokens featurised per text; later ones are ignored; default 256. */
  maxTokens: number;
  /** Longest text a served request may send, in UTF-16 code units; default 4000. */
  maxChars: number;
  /** Most characters one served request may send over all its texts; default 64000. */
  maxRequestChars: number;
  /**
   * Version 2 only: one positive weight per slot (`buckets` of them), multiplied into the bag
   * before its final normalisation; the model directory's manifest stores them, so serving
   * weighs a request exactly as training weighed its views.
   */
  slotWeights?: number[];
}

/** The defaults of {@link TextFeaturizerConfig}. */
export const DEFAULT_TEXT_FEATURIZER: Readonly<TextFeaturizerConfig> = Object.freeze({
  featurizer: 'hashed-ngrams',
  version: 1,
  buckets: 16384,
  hashes: 2,
  lowercase: true,
  wordNgrams: 2,
  charNgrams: [3, 5] as [number, number],
  groupWeights: [1, 0.5, 0.5] as [number, number, number],
  maxTokens: 256,
  maxChars: 4000,
  maxRequestChars: 64000,
});

/** One text's features: slot indices (ascending, distinct) and their values. */
export interface HashedFeatures {
  indices: Int32Array;
  values: Float32Array;
}

// Words as augment-text's tokenizer sees them (letters with inner apostrophes and hyphens) and
// numbers; punctuation carries no feature. Kept here so the core needs no text package.
const WORD_RE =
  /\p{L}[\p{L}\p{M}\p{N}_]*(?:['\u2019-][\p{L}\p{M}\p{N}]+)*|\p{N}+(?:[.,:/]\p{N}+)*\p{L}*/gu;

/**
 * The word tokens a featuriser sees.
 *
 * @param text any string
 * @param lowercase lower-case first (default true)
 * @example
 * textTokens("Don't stop, 3rd time!"); // ["don't", 'stop', '3rd', 'time']
 */
export function textTokens(text: string, lowercase = true): string[] {
  return (lowercase ? text.toLowerCase() : text).match(WORD_RE) ?? [];
}

/**
 * A 32-bit hash of a string: FNV-1a over its UTF-16 code units, then MurmurHash3's finaliser so
 * that the low bits used for slots are well mixed. Stable across machines and releases.
 *
 * @param text the string
 * @param seed mixed into the initial state (default 0)
 * @param prefix hashed before `text`, as if prepended (default none)
 */
export function hashFeature(text: string, seed = 0, prefix = ''): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), 0x01000193);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** MurmurHash3's 32-bit finaliser. */
function mix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Pushes `hashFeature(word.slice(i, i + n), 0, '2:')` for every n-gram of `word` with `n` in
 * `[min, max]`, sharing the hash state of each start position across lengths.
 */
function charNgramHashes(word: string, [min, max]: [number, number], out: number[]): void {
  let base = 0x811c9dc5;
  for (const c of '2:') base = Math.imul(base ^ c.charCodeAt(0), 0x01000193);
  for (let i = 0; i + min <= word.length; i++) {
    let h = base;
    for (let n = 1; n <= max && i + n <= word.length; n++) {
      h = Math.imul(h ^ word.charCodeAt(i + n - 1), 0x01000193);
      if (n >= min) out.push(mix32(h));
    }
  }
}

/**
 * Checks a featuriser config and fills in its defaults.
 *
 * @param config any subset of {@link TextFeaturizerConfig} (e.g. a manifest's `preprocess`)
 * @throws {ManyViewsError} `INVALID_OPTION` naming the field that is out of range
 */
export function resolveTextFeaturizer(
  config: Partial<TextFeaturizerConfig> = {},
): TextFeaturizerConfig {
  const c = { ...DEFAULT_TEXT_FEATURIZER, ...config } as TextFeaturizerConfig;
  const bad = (field: string, expected: string, received: unknown) =>
    new ManyViewsError('INVALID_OPTION', `text featuriser: ${field} is out of range`, {
      expected,
      received,
    });

  if (c.featurizer !== 'hashed-ngrams' || (c.version !== 1 && c.version !== 2)) {
    throw bad('featurizer', '"hashed-ngrams" version 1 or 2', `${c.featurizer} ${c.version}`);
  }
  const ints: Array<[keyof TextFeaturizerConfig, number, number]> = [
    ['buckets', 16, 1 << 22],
    ['hashes', 1, 8],
    ['wordNgrams', 1, 4],
    ['maxTokens', 1, 1 << 20],
    ['maxChars', 1, 1 << 30],
    ['maxRequestChars', 1, 1 << 30],
  ];
  for (const [key, lo, hi] of ints) {
    const v = c[key] as number;
    if (!Number.isInteger(v) || v < lo || v > hi) throw bad(key, `an integer in [${lo}, ${hi}]`, v);
  }
  const [lo, hi] = c.charNgrams ?? [];
  if (
    !Number.isInteger(lo) ||
    !Number.isInteger(hi) ||
    lo < 0 ||
    hi < lo ||
    hi > 10 ||
    (lo === 0) !== (hi === 0)
  ) {
    throw bad('charNgrams', '[min, max] with 1 <= min <= max <= 10, or [0, 0]', c.charNgrams);
  }
  if (
    !Array.isArray(c.groupWeights) ||
    c.groupWeights.length !== 3 ||
    c.groupWeights.some((w) => !(w >= 0) || !Number.isFinite(w))
  ) {
    throw bad('groupWeights', 'three finite weights >= 0', c.groupWeights);
  }
  if (typeof c.lowercase !== 'boolean') throw bad('lowercase', 'true or false', c.lowercase);
  checkSlotWeights(c, bad);
  return {
    ...c,
    charNgrams: [lo, hi],
    groupWeights: [...c.groupWeights] as [number, number, number],
    ...(c.slotWeights ? { slotWeights: [...c.slotWeights] } : {}),
  };
}

/** Version 2 needs `buckets` positive finite slot weights; version 1 must have none. */
function checkSlotWeights(
  c: TextFeaturizerConfig,
  bad: (field: string, expected: string, received: unknown) => ManyViewsError,
): void {
  const w = c.slotWeights;
  if (c.version === 1) {
    if (w !== undefined) throw bad('slotWeights', 'none in version 1', `${typeof w}`);
    return;
  }
  if (!Array.isArray(w) || w.length !== c.buckets) {
    const received = Array.isArray(w) ? `${w.length} weights` : typeof w;
    throw bad('slotWeights', `${c.buckets} weights (one per bucket) in version 2`, received);
  }
  const at = w.findIndex((x) => typeof x !== 'number' || !(x > 0) || !Number.isFinite(x));
  if (at >= 0) throw bad('slotWeights', 'finite weights > 0', `slotWeights[${at}] = ${w[at]}`);
}

/**
 * Turns text into the hashed bag of n-grams described by {@link TextFeaturizerConfig}. Pure and
 * deterministic: the same config gives the same features on every machine.
 *
 * @example
 * const f = new TextFeaturizer({ buckets: 4096 });
 * const row = new Float32Array(f.inputSize);
 * f.writeDense('a small domesticated cat', row); // L2 norm 1
 */
export class TextFeaturizer {
  readonly config: TextFeaturizerConfig;
  private readonly slots: Map<number, number> = new Map();
  private readonly slotWeights?: Float32Array;

  /**
   * @param config any subset of the config; see {@link resolveTextFeaturizer}
   * @throws {ManyViewsError} `INVALID_OPTION` as {@link resolveTextFeaturizer}
   */
  constructor(config: Partial<TextFeaturizerConfig> = {}) {
    this.config = resolveTextFeaturizer(config);
    if (this.config.slotWeights) this.slotWeights = Float32Array.from(this.config.slotWeights);
  }

  /** Width of the dense bag: `buckets`. */
  get inputSize(): number {
    return this.config.buckets;
  }

  /**
   * One text's sparse features.
   *
   * @param text any string (empty gives no features, an all-zero row)
   * @returns slot indices in ascending order and their values; the values have L2 norm 1
   */
  features(text: string): HashedFeatures {
    const { wordNgrams, charNgrams, groupWeights, maxTokens, lowercase } = this.config;
    const tokens = textTokens(text, lowercase).slice(0, maxTokens);
    const slots = this.slots;
    slots.clear();

    // Features are counted by their 32-bit hash (`hashFeature` of `${group}:${feature}`, computed
    // without building the strings); two features sharing all 32 bits is rare enough to ignore.
    const groups: number[][] = [[], [], []];
    const wordHashes = tokens.map((t) => hashFeature(t, 0, '0:'));
    groups[0] = wordHashes;
    for (let n = 2; n <= wordNgrams; n++) {
      for (let i = 0; i + n <= tokens.length; i++) {
        groups[1].push(hashFeature(tokens.slice(i, i + n).join(' '), 0, '1:'));
      }
    }
    if (charNgrams[0] > 0) {
      for (const token of tokens) charNgramHashes(`<${token}>`, charNgrams, groups[2]);
    }

    // Each group counts 1 per occurrence, is L2-normalised over its features' counts, then
    // weighted, so long texts and texts with many n-grams are not louder than short ones.
    groups.forEach((group, g) => {
      if (group.length === 0 || groupWeights[g] === 0) return;
      const counts = new Map<number, number>();
      for (const h of group) counts.set(h, (counts.get(h) ?? 0) + 1);
      let norm = 0;
      for (const c of counts.values()) norm += c * c;
      const scale = groupWeights[g] / Math.sqrt(norm);
      for (const [h, c] of counts) this.add(h, c * scale);
    });

    const indices = Int32Array.from(slots.keys()).sort();
    const values = new Float32Array(indices.length);
    const weights = this.slotWeights;
    let norm = 0;
    indices.forEach((slot, i) => {
      values[i] = slots.get(slot)! * (weights ? weights[slot] : 1);
      norm += values[i] * values[i];
    });
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < values.length; i++) values[i] *= inv;
    }
    return { indices, values };
  }

  /**
   * Writes one text's dense bag into `out` at `offset` (which must hold `inputSize` zeros or
   * stale values; the row is overwritten).
   */
  writeDense(text: string, out: Float32Array, offset = 0): void {
    const row = out.subarray(offset, offset + this.config.buckets);
    row.fill(0);
    const { indices, values } = this.features(text);
    for (let i = 0; i < indices.length; i++) row[indices[i]] = values[i];
  }

  /** Dense bags of several texts, `texts.length x inputSize`, row-major. */
  dense(texts: readonly string[]): Float32Array {
    const out = new Float32Array(texts.length * this.config.buckets);
    for (const [i, t] of texts.entries()) this.writeDense(t, out, i * this.config.buckets);
    return out;
  }

  private add(feature: number, value: number): void {
    const { hashes, buckets } = this.config;
    // Each copy carries 1/sqrt(hashes) so a feature's total energy does not grow with hashes.
    const share = value / Math.sqrt(hashes);
    for (let k = 0; k < hashes; k++) {
      const h = k === 0 ? feature : mix32(feature ^ Math.imul(k, 0x9e3779b1));
      const slot = h % buckets;
      const sign = h & 0x80000000 ? -1 : 1;
      this.slots.set(slot, (this.slots.get(slot) ?? 0) + sign * share);
    }
  }
}
