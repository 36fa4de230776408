import { readFile } from 'node:fs/promises';
import { ManyViewsError } from '@manyviews/augment-core';
import { glossSplit, wordDropoutRecipe } from '@manyviews/augment-text';
import { makeTextDataset, type TextCorpus } from './text-corpus.js';

/** The class of lines without a label. */
export const UNLABELLED = '(unlabelled)';

/**
 * Reads a user's corpus: one text per line, or JSON lines `{"text": "...", "label": "..."}`
 * (label optional; a file whose first non-blank line starts with `{` is read as JSON lines).
 * Blank lines are skipped. A line is in the test split when the MD5 of its text is 0 mod 5
 * (the rule of the WordNet gloss split), so the split survives reordering and appending.
 * Classes are the distinct labels in sorted order, with {@link UNLABELLED} for lines without
 * one; kNN figures of an unlabelled corpus mean nothing (train with `--no-eval`).
 *
 * @param file the corpus file
 * @throws {ManyViewsError} `CLI_USAGE` without a file; `FILE_NOT_FOUND`; `DATA_INVALID` naming
 *   the line that is not valid JSON or has no text; `DATA_EMPTY` when either split is empty
 */
export async function readTextFile(file: string | undefined): Promise<TextCorpus> {
  if (!file) {
    throw new ManyViewsError('CLI_USAGE', 'the text-file dataset needs --data FILE', {
      expected: 'a file of text lines or JSON lines with a "text" field',
      received: 'no --data',
    });
  }
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ManyViewsError('FILE_NOT_FOUND', `text file ${file} cannot be read`, { cause });
  }

  const lines = content.split(/\r?\n/);
  const json =
    lines
      .find((l) => l.trim() !== '')
      ?.trimStart()
      .startsWith('{') ?? false;
  const rows: Array<{ text: string; label: string; line: number }> = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (!json) {
      rows.push({ text: line, label: UNLABELLED, line: i + 1 });
      return;
    }
    let value: { text?: unknown; label?: unknown };
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new ManyViewsError('DATA_INVALID', `${file}:${i + 1} is not valid JSON`, { cause });
    }
    if (typeof value?.text !== 'string' || value.text.trim() === '') {
      throw new ManyViewsError('DATA_INVALID', `${file}:${i + 1} has no text`, {
        expected: '{"text": "a non-empty string", "label": optional}',
        received: line.slice(0, 80),
      });
    }
    const label =
      value.label === undefined || value.label === null ? UNLABELLED : String(value.label);
    rows.push({ text: value.text, label, line: i + 1 });
  });

  const classes = [...new Set(rows.map((r) => r.label))].sort();
  const corpus: TextCorpus = {
    classes,
    train: { texts: [], labels: [], ids: [] },
    test: { texts: [], labels: [], ids: [] },
  };
  for (const row of rows) {
    const part = corpus[glossSplit(row.text)];
    part.texts.push(row.text);
    part.labels.push(classes.indexOf(row.label));
    part.ids.push(`line-${row.line}`);
  }
  for (const split of ['train', 'test'] as const) {
    if (corpus[split].texts.length === 0) {
      throw new ManyViewsError('DATA_EMPTY', `${file} gives no ${split} lines`, {
        expected: 'enough lines for both splits (a fifth go to test)',
        received: `${rows.length} lines`,
      });
    }
  }
  return corpus;
}

/** A user's own corpus: `--dataset text-file --data FILE`; see {@link readTextFile}. */
export const textFile = makeTextDataset({
  name: 'text-file',
  description: 'your own texts: lines, or JSON lines {"text", "label"?} (--data FILE)',
  // The views and learning rate wordnet-glosses measured for the default 'mixed' encoder, whose
  // learned table trains only at a rate far above 1e-3.
  defaultRecipe: wordDropoutRecipe,
  defaults: { epochs: 10, batchSize: 256, learningRate: 3e-2, temperature: 0.1 },
  loadCorpus: readTextFile,
});
