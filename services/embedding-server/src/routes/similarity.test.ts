import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import { base64, fakeImageModel, fakeTextModel, imageBytes } from '../testing/fake-models.js';
import { expectError, postForm, postJson } from '../testing/http.js';

function setup(limits?: { maxInputs?: number }) {
  const registry = createModelRegistry([fakeImageModel(), fakeTextModel()]);
  return createApp({ registry, limits });
}

const img = (...coords: number[]) => base64(imageBytes(...coords));

describe('POST /v1/similarity', () => {
  it('scores one pair by cosine', async () => {
    const res = await postJson(setup(), '/v1/similarity', {
      model: 'fake-image',
      a: img(1, 2, 2, 0),
      b: img(2, 0, 1, 0),
    });

    expect(res.status).toBe(200);
    const body = (await res.json()) as { model: string; score: number };
    expect(body.model).toBe('fake-image');
    // (1,2,2)·(2,0,1) / (3 · sqrt 5)
    expect(body.score).toBeCloseTo(4 / (3 * Math.sqrt(5)), 6);
  });

  it('returns the a-by-b matrix for two lists', async () => {
    const res = await postJson(setup(), '/v1/similarity', {
      model: 'fake-image',
      a: [img(1, 0, 0, 0), img(1, 1, 0, 0)],
      b: [img(1, 0, 0, 0), img(0, 1, 0, 0), img(-3, 0, 0, 4)],
    });

    const { matrix } = (await res.json()) as { matrix: number[][] };
    const expected = [
      [1, 0, -0.6],
      [Math.SQRT1_2, Math.SQRT1_2, -0.6 * Math.SQRT1_2],
    ];
    expect(matrix).toHaveLength(2);
    for (const [i, row] of matrix.entries()) {
      expect(row).toHaveLength(3);
      for (const [j, v] of row.entries()) expect(v).toBeCloseTo(expected[i][j], 6);
    }
  });

  it('compares texts with a text model', async () => {
    const res = await postJson(setup(), '/v1/similarity', { model: 'fake-text', a: 'ab', b: 'ba' });
    expect(((await res.json()) as { score: number }).score).toBeCloseTo(1, 6);
  });

  it('takes one file each in the multipart fields a and b', async () => {
    const res = await postForm(setup(), '/v1/similarity', [
      ['model', 'fake-image'],
      ['a', imageBytes(3, 4, 0, 0)],
      ['b', imageBytes(4, 3, 0, 0)],
    ]);

    expect(res.status).toBe(200);
    // (3·4 + 4·3) / 25
    expect(((await res.json()) as { score: number }).score).toBeCloseTo(24 / 25, 6);
  });

  it.each([
    [
      'a list against a single',
      { model: 'fake-text', a: ['a'], b: 'b' },
      'INVALID_FIELD',
      /^b .*a list/,
    ],
    [
      'a single against a list',
      { model: 'fake-text', a: 'a', b: ['b'] },
      'INVALID_FIELD',
      /^b .*a string/,
    ],
    ['a missing b', { model: 'fake-text', a: 'a' }, 'MISSING_FIELD', /^b is required/],
    ['an empty list', { model: 'fake-text', a: [], b: [] }, 'INVALID_FIELD', /^a /],
    [
      'an extra field',
      { model: 'fake-text', a: 'a', b: 'b', c: 'c' },
      'UNKNOWN_FIELD',
      /^c is not/,
    ],
    ['bad base64 in b', { model: 'fake-image', a: img(1), b: 'a' }, 'INVALID_BASE64', /^b is not/],
  ])('rejects %s', async (_what, payload, code, message) => {
    const error = await expectError(await postJson(setup(), '/v1/similarity', payload), 400, code);
    expect(error.message).toMatch(message);
  });

  it('counts a and b together against the per-request limit', async () => {
    const res = await postJson(setup({ maxInputs: 3 }), '/v1/similarity', {
      model: 'fake-text',
      a: ['a', 'b'],
      b: ['c', 'd'],
    });
    const error = await expectError(res, 413, 'TOO_MANY_INPUTS');
    expect(error.message).toMatch(/a and b together/);
  });

  it.each([
    ['a missing b', [['a', imageBytes(1)]], 'MISSING_FIELD', /^b is required/],
    [
      'two files in a',
      [
        ['a', imageBytes(1)],
        ['a', imageBytes(2)],
        ['b', imageBytes(3)],
      ],
      'INVALID_FIELD',
      /^a /,
    ],
    [
      'a field other than a and b',
      [
        ['a', imageBytes(1)],
        ['b', imageBytes(2)],
        ['image', imageBytes(3)],
      ],
      'UNKNOWN_FIELD',
      /^image is not/,
    ],
  ] as Array<[string, Array<[string, Uint8Array]>, string, RegExp]>)(
    'rejects multipart with %s',
    async (_what, files, code, message) => {
      const res = await postForm(setup(), '/v1/similarity', [['model', 'fake-image'], ...files]);
      expect((await expectError(res, 400, code)).message).toMatch(message);
    },
  );
});
