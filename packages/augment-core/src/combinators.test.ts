import { describe, expect, it } from 'vitest';
import { compose, oneOf, randomApply, someOf } from './combinators.js';
import { ManyViewsError } from './errors.js';
import { Rng } from './rng.js';
import { defineTransform } from './transform.js';

const add = defineTransform<number, { d: number }>({
  name: 'add',
  sample: (_x, rng) => ({ d: rng.int(1, 100) }),
  apply: (x, p) => x + p.d,
});
const double = defineTransform<number, null>({
  name: 'double',
  sample: () => null,
  apply: (x) => x * 2,
});

describe('combinators', () => {
  it('compose applies in order and replays its record exactly', () => {
    const t = compose([add, double, add]);
    const { output, record } = t.run(1, new Rng(3));
    const [a, , b] = record.params.map((r) => r.params as { d: number });
    expect(output).toBe((1 + a.d) * 2 + b.d);
    expect(t.apply(1, record.params)).toBe(output);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('randomApply fires with probability p and records the roll', () => {
    const t = randomApply(0.3, add);
    let fired = 0;
    for (let i = 0; i < 2000; i++) {
      const { output, record } = t.run(0, new Rng(i));
      if (record.params.applied) fired++;
      expect(t.apply(0, record.params)).toBe(output);
    }
    expect(fired / 2000).toBeGreaterThan(0.25);
    expect(fired / 2000).toBeLessThan(0.35);
    expect(randomApply(0, add).run(5, new Rng(1)).output).toBe(5);
    expect(() => randomApply(1.5, add)).toThrow(ManyViewsError);
  });

  it('oneOf follows its weights and replays the choice', () => {
    const t = oneOf([add, double], [0, 1]);
    for (let i = 0; i < 50; i++) expect(t.run(3, new Rng(i)).output).toBe(6);
    const u = oneOf([add, double]);
    const { output, record } = u.run(3, new Rng(11));
    expect(u.apply(3, record.params)).toBe(output);
    expect(() => oneOf([])).toThrow(/at least one/);
    expect(() => oneOf([add], [-1])).toThrow(/weights/);
  });

  it('someOf applies a count inside its range, each transform at most once', () => {
    const t = someOf([add, double, add], [1, 2]);
    for (let i = 0; i < 100; i++) {
      const { output, record } = t.run(1, new Rng(i));
      expect(record.params.indices.length).toBeGreaterThanOrEqual(1);
      expect(record.params.indices.length).toBeLessThanOrEqual(2);
      expect(new Set(record.params.indices).size).toBe(record.params.indices.length);
      expect(t.apply(1, record.params)).toBe(output);
    }
  });

  it('refuses a record that does not fit the pipeline', () => {
    const t = compose([add, add]);
    expect(() => t.apply(0, [])).toThrow(expect.objectContaining({ code: 'INVALID_RECORD' }));
  });
});
