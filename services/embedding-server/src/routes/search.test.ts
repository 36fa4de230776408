import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import { base64, fakeImageModel, fakeTextModel, imageBytes } from '../testing/fake-models.js';
import { expectError, postForm, postJson } from '../testing/http.js';

type SearchBody = {
  model: string;
  results: Array<{ id: string; score: number; label: string | number | null }>;
};

// Rows at angles 0, 30, 60, 90, 180 degrees in the first plane; the last has no label.
const ROWS = [
  [1, 0, 0, 0],
  [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0, 0],
  [Math.cos(Math.PI / 3), Math.sin(Math.PI / 3), 0, 0],
  [0, 1, 0, 0],
  [-1, 0, 0, 0],
];
const LABELS = ['zero', 'thirty', 'sixty', 7, null];

function setup(limits?: { maxK?: number }) {
  const registry = createModelRegistry([
    fakeImageModel({ index: ROWS, label: (i) => LABELS[i] }),
    fakeImageModel({ name: 'no-index' }),
    fakeTextModel(),
  ]);
  return createApp({ registry, limits });
}

describe('POST /v1/search', () => {
  it('keeps scores inside [-1, 1] when float32 rounding pushes a parallel pair past 1', async () => {
    // Stored rows are unit length only up to float32 rounding; these overshoot by about 1e-7.
    const model = fakeImageModel({
      index: [
        [1, 0, 0, 0],
        [-1, 0, 0, 0],
      ],
    });
    model.index!.vectors.set([1.0000001, 0, 0, 0, -1.0000001, 0, 0, 0]);
    const registry = createModelRegistry([model]);
    const res = await postJson(createApp({ registry }), '/v1/search', {
      model: 'fake-image',
      input: base64(imageBytes(1, 0, 0, 0)),
      k: 2,
    });
    const body = (await res.json()) as SearchBody;
    expect(body.results.map((r) => r.score)).toEqual([1, -1]);
  });

  it('ranks the index by cosine to the query, best first, with ids and labels', async () => {
    const res = await postJson(setup(), '/v1/search', {
      model: 'fake-image',
      input: base64(imageBytes(1, 0, 0, 0)),
      k: 3,
    });

    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.model).toBe('fake-image');
    expect(body.results.map((r) => [r.id, r.label])).toEqual([
      ['r0', 'zero'],
      ['r1', 'thirty'],
      ['r2', 'sixty'],
    ]);
    const expected = [1, Math.cos(Math.PI / 6), 0.5];
    for (const [i, r] of body.results.entries()) expect(r.score).toBeCloseTo(expected[i], 5);
  });

  it('returns 10 by default, or the whole index when it is smaller', async () => {
    const res = await postJson(setup(), '/v1/search', {
      model: 'fake-image',
      input: base64(imageBytes(0, 1, 0, 0)),
    });

    const body = (await res.json()) as SearchBody;
    expect(body.results.map((r) => r.id)).toEqual(['r3', 'r2', 'r1', 'r0', 'r4']);
    expect(body.results[4].label).toBeNull();
    expect(body.results[3].score).toBeCloseTo(0, 6);
  });

  it('takes model, k and one file as multipart', async () => {
    const res = await postForm(setup(), '/v1/search', [
      ['model', 'fake-image'],
      ['k', '2'],
      ['query', imageBytes(-1, 0, 0, 0)],
    ]);

    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.results.map((r) => r.id)).toEqual(['r4', 'r3']);
    expect(body.results[0].score).toBeCloseTo(1, 6);
  });

  it('answers 409 INDEX_MISSING for a model without an index', async () => {
    const res = await postJson(setup(), '/v1/search', {
      model: 'no-index',
      input: base64(imageBytes(1)),
    });
    const error = await expectError(res, 409, 'INDEX_MISSING');
    expect(error.message).toMatch(/no-index/);
  });

  it('answers 409 INDEX_MISSING saying why when the stored index is stale', async () => {
    const stale =
      'the search index in models/x was built with other weights, so its vectors are stale; rebuild it with `manyviews index --model models/x`';
    const registry = createModelRegistry([{ ...fakeImageModel({ name: 'x' }), indexStale: stale }]);
    const res = await postJson(createApp({ registry }), '/v1/search', {
      model: 'x',
      input: base64(imageBytes(1)),
    });
    const error = await expectError(res, 409, 'INDEX_MISSING');
    expect(error.message).toContain(stale);
  });

  it.each([
    ['k = 0', { k: 0 }, /^k .*\[1, 50\].*received 0/],
    ['a fractional k', { k: 2.5 }, /^k /],
    ['k as a string in JSON', { k: '3' }, /^k /],
    ['k over the limit', { k: 51 }, /received 51/],
    ['a list as input', { input: [base64(imageBytes(1))] }, /^input .*a string/],
  ])('rejects %s', async (_what, override, message) => {
    const payload = { model: 'fake-image', input: base64(imageBytes(1)), ...override };
    const res = await postJson(setup({ maxK: 50 }), '/v1/search', payload);
    expect((await expectError(res, 400, 'INVALID_FIELD')).message).toMatch(message);
  });

  it.each([
    [
      'a non-numeric k',
      [
        ['k', 'ten'],
        ['q', imageBytes(1)],
      ],
      'INVALID_FIELD',
      /^k /,
    ],
    ['no file', [['k', '3']], 'MISSING_FIELD', /no input/],
    [
      'two files',
      [
        ['q', imageBytes(1)],
        ['r', imageBytes(2)],
      ],
      'INVALID_FIELD',
      /exactly one/,
    ],
  ] as Array<[string, Array<[string, string | Uint8Array]>, string, RegExp]>)(
    'rejects multipart with %s',
    async (_what, fields, code, message) => {
      const res = await postForm(setup(), '/v1/search', [['model', 'fake-image'], ...fields]);
      expect((await expectError(res, 400, code)).message).toMatch(message);
    },
  );
});
