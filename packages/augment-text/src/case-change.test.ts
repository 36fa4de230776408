import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { caseChange, toCase } from './case-change.js';
import { tokenize } from './text-doc.js';

describe('caseChange', () => {
  it('lower-cases a whole text with p 1', () => {
    const { output } = caseChange({ p: 1, mode: 'lower' }).run(
      tokenize('The NASA Rover, Curiosity.'),
      new Rng(0),
    );
    expect(output.text).toBe('the nasa rover, curiosity.');
  });

  it('changes max(1, round(p * words)) words that the change alters, and replays', () => {
    const doc = tokenize('one two three four five six seven eight nine ten');
    const t = caseChange({ p: 0.2 });
    for (let seed = 0; seed < 20; seed++) {
      const { output, record } = t.run(doc, new Rng(seed));
      expect(record.params.edits).toHaveLength(2);
      expect(record.params.edits.every((e) => e.mode !== 'lower')).toBe(true);
      expect(output.text.toLowerCase()).toBe(doc.text);
      expect(output.text).not.toBe(doc.text);
      expect(t.apply(doc, record.params)).toEqual(output);
    }
    const lower = tokenize('already lower');
    expect(caseChange({ p: 1, mode: 'lower' }).run(lower, new Rng(0)).output).toBe(lower);
  });

  it('spells title case by code point', () => {
    expect(toCase('éCOLE', 'title')).toBe('École');
    expect(toCase('straße', 'upper')).toBe('STRASSE');
  });
});
