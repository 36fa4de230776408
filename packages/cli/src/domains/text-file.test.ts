import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { glossSplit } from '@manyviews/augment-text';
import { describe, expect, it } from 'vitest';
import { readTextFile, UNLABELLED } from './text-file.js';

async function file(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mv-text-file-'));
  const p = path.join(dir, 'corpus.txt');
  await writeFile(p, content);
  return p;
}

const lines = Array.from({ length: 30 }, (_, i) => `sentence number ${i}`);

describe('readTextFile', () => {
  it('reads plain lines, skipping blanks, split by the MD5 rule, unlabelled', async () => {
    const corpus = await readTextFile(await file(`${lines.join('\n')}\n\n`));
    expect(corpus.classes).toEqual([UNLABELLED]);
    expect(corpus.train.texts.length + corpus.test.texts.length).toBe(30);
    for (const t of corpus.test.texts) expect(glossSplit(t)).toBe('test');
    expect(corpus.train.ids[0]).toMatch(/^line-\d+$/);
  });

  it('reads JSON lines with labels as sorted classes', async () => {
    const json = lines.map((text, i) => JSON.stringify({ text, label: i % 2 ? 'odd' : 'even' }));
    const corpus = await readTextFile(await file(json.join('\n')));
    expect(corpus.classes).toEqual(['even', 'odd']);
    const all = [...corpus.train.texts, ...corpus.test.texts];
    const labels = [...corpus.train.labels, ...corpus.test.labels];
    const i = all.indexOf('sentence number 3');
    expect(corpus.classes[labels[i]]).toBe('odd');
  });

  it('names the bad line, the missing file and the missing flag', async () => {
    await expect(readTextFile(await file('{"text": "a"}\n{"txt": "b"}\n'))).rejects.toMatchObject({
      code: 'DATA_INVALID',
      message: expect.stringMatching(/:2 has no text/),
    });
    await expect(readTextFile('/nonexistent/corpus.txt')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    await expect(readTextFile(undefined)).rejects.toMatchObject({ code: 'CLI_USAGE' });
  });
});
