import { buildRecipe, ManyViewsError, type Recipe, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { createTextRegistry, textRegistry } from './registry.js';
import { inMemorySynonyms } from './synonym-source.js';
import { detokenize, tokenize, wordPositions } from './text-doc.js';

const synonyms = inMemorySynonyms({
  quick: ['fast', 'speedy'],
  fox: ['vixen', 'Vulpes vulpes'],
  dog: ['domestic dog'],
  jumps: ['leaps'],
  lazy: ['slothful'],
  rex: ['king'],
});
const registry = createTextRegistry({ synonyms, protectedWords: ['Rex'] });

const TEXTS = [
  'The quick brown fox jumps over the lazy dog.',
  '  Rex, the dog -- a quick one -- jumps!\n\nThe fox? Lazy.  ',
  "Don't   stop: naïve café 👩‍👩‍👧 3.14 e.g. Dr. Who.",
  'hello hello hello',
  'one',
  'the and of',
  '...',
  '',
];

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof ManyViewsError ? `${e.code}: ${e.message}` : String(e);
  }
  return 'no error';
}

describe('textRegistry', () => {
  it('registers every text transform', () => {
    expect(textRegistry.names()).toEqual([
      'caseChange',
      'charDelete',
      'charInsert',
      'charSwap',
      'keyboardTypo',
      'randomDeletion',
      'randomInsertion',
      'randomSwap',
      'sentenceCrop',
      'sentenceShuffle',
      'spanCrop',
      'synonymReplacement',
      'wordDropout',
      'wordMask',
    ]);
  });

  it('asks for WordNet before building a synonym transform without a source', () => {
    const recipe = { version: 1, domain: 'text', pipeline: [{ type: 'synonymReplacement' }] };
    expect(code(() => buildRecipe(recipe, textRegistry))).toMatch(
      /^WORDNET_NOT_LOADED: synonymReplacement needs synonyms/,
    );
    const swap = { version: 1, domain: 'text', pipeline: [{ type: 'randomSwap' }] };
    expect(buildRecipe(swap, textRegistry).recipe.pipeline).toEqual([
      { type: 'randomSwap', alpha: 0.1 },
    ]);
  });

  it('gives every transform, at full strength, replayable JSON records and non-empty views', () => {
    for (const type of registry.names()) {
      const strong: Record<string, unknown> = { type };
      const specs = registry.get(type)?.params ?? {};
      if ('alpha' in specs && type !== 'spanCrop') strong.alpha = 1;
      if ('p' in specs) strong.p = 1;
      if ('pos' in specs) strong.pos = 'none';
      if ('minWords' in specs) strong.minWords = 1;
      const { transform } = buildRecipe(
        { version: 1, domain: 'text', pipeline: [strong] },
        registry,
      );

      for (const text of TEXTS) {
        const doc = tokenize(text);
        for (let seed = 0; seed < 8; seed++) {
          const { output, record } = transform.run(doc, new Rng(seed));
          const where = `${type} on ${JSON.stringify(text)} seed ${seed}`;
          expect(output.text, where).toBe(detokenize(output));
          expect(transform.apply(doc, JSON.parse(JSON.stringify(record)).params), where).toEqual(
            output,
          );
          if (wordPositions(doc).length > 0) {
            expect(wordPositions(output).length, where).toBeGreaterThan(0);
          }
          // The registry passes its protected words on: `Rex` has a synonym but is kept.
          if (type === 'synonymReplacement' && text.includes('Rex')) {
            expect(output.text, where).toContain('Rex');
          }
        }
      }
    }
  });

  it('names the field of every bad recipe input', () => {
    const base = { version: 1, domain: 'text' };
    const build = (pipeline: unknown[]) => () => buildRecipe({ ...base, pipeline }, registry);
    expect(code(build([{ type: 'randomSwap', alhpa: 0.1 }]))).toMatch(
      /^RECIPE_UNKNOWN_PARAM: pipeline\[0\]\.alhpa/,
    );
    expect(code(build([{ type: 'wordMask', mask: '##' }]))).toMatch(
      /^RECIPE_INVALID_PARAM: pipeline\[0\]\.mask .*"\[MASK\]".*received "##"/,
    );
    expect(
      code(build([{ type: 'randomApply', p: 0.5, transform: { type: 'caseChange', mode: 'x' } }])),
    ).toMatch(/pipeline\[0\]\.transform\.mode/);
    expect(
      code(build([{ type: 'oneOf', transforms: [{ type: 'randomSwap' }, { type: 'typo' }] }])),
    ).toMatch(/^RECIPE_UNKNOWN_TRANSFORM: pipeline\[0\]\.transforms\[1\]\.type.*received "typo"/);
    expect(code(build([{ type: 'synonymReplacement', alpha: 1.5 }]))).toMatch(
      /^RECIPE_INVALID_PARAM: pipeline\[0\]\.alpha .*\[0, 1\].*received 1\.5/,
    );
    expect(code(build([{ type: 'spanCrop', minWords: 10, maxWords: 5 }]))).toMatch(
      /^RECIPE_INVALID_PARAM: pipeline\[0\]\.maxWords is below minWords/,
    );
    expect(
      code(build([{ type: 'randomApply', p: 1, transform: { type: 'spanCrop', maxWords: 1 } }])),
    ).toMatch(/^RECIPE_INVALID_PARAM: pipeline\[0\]\.transform\.maxWords is below minWords/);
    expect(code(() => buildRecipe({ ...base, domain: 'image', pipeline: [] }, registry))).toMatch(
      /recipe\.domain/,
    );
  });

  it('round-trips a normalised recipe through JSON to the same views', () => {
    const recipe: Recipe = {
      version: 1,
      domain: 'text',
      pipeline: [
        {
          type: 'someOf',
          transforms: [{ type: 'synonymReplacement' }, { type: 'wordMask' }, { type: 'charSwap' }],
          range: [1, 2],
        },
        { type: 'randomApply', p: 0.5, transform: { type: 'sentenceShuffle' } },
      ],
    };
    const first = buildRecipe(recipe, registry);
    const again = buildRecipe(JSON.stringify(first.recipe), registry);
    expect(again.recipe).toEqual(first.recipe);
    const doc = tokenize(TEXTS[1]);
    for (let seed = 0; seed < 10; seed++) {
      expect(again.transform.run(doc, new Rng(seed)).output).toEqual(
        first.transform.run(doc, new Rng(seed)).output,
      );
    }
  });
});
