import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { TextBagEncoder, type TextBagEncoderConfig } from '../encoders/text-bag-encoder.js';
import { saveModelDir } from '../model-dir.js';
import { testManifest } from '../test-fixtures.js';
import { embeddingRows } from './embedding-rows.js';
import { loadServedTextModel } from './served-text-model.js';

describe('embeddingRows', () => {
  it('splits finite rows into copies', () => {
    const flat = new Float32Array([1, 0, 0, 1]);
    const rows = embeddingRows(flat, 2, 2, 'm');
    expect(rows.map((r) => Array.from(r))).toEqual([
      [1, 0],
      [0, 1],
    ]);
    flat[0] = 9;
    expect(rows[0][0]).toBe(1);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses a row holding %d with EMBEDDING_NOT_FINITE naming the input and dimension',
    (bad) => {
      const flat = new Float32Array([1, 0, 0, bad]);
      expect(() => embeddingRows(flat, 2, 2, 'm', 4)).toThrow(
        expect.objectContaining({
          code: 'EMBEDDING_NOT_FINITE',
          message: expect.stringMatching(
            new RegExp(`model m .* input 5.*received "${bad} at dimension 1"`),
          ),
        }),
      );
    },
  );
});

describe('a served model whose forward pass gives NaN', () => {
  it('answers EMBEDDING_NOT_FINITE instead of a vector of NaN', async () => {
    await selectBackend('wasm');
    const config: TextBagEncoderConfig = {
      type: 'text-bag',
      inputSize: 16,
      tableDim: 4,
      hidden: [],
      embeddingDim: 4,
      projection: [4],
    };
    const encoder = new TextBagEncoder(config, undefined, 1);
    const weights = encoder.weights().map((w) => ({ ...w, values: w.values.slice().fill(NaN) }));
    encoder.dispose();
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-nan-model-'));
    await saveModelDir(
      dir,
      testManifest({
        name: 'nan',
        domain: 'text',
        inputShape: [16],
        preprocess: { buckets: 16 },
        embeddingDim: 4,
        encoder: config,
      }),
      weights,
    );

    const served = await loadServedTextModel(dir);
    await expect(served.embed([{ kind: 'text', text: 'a cat' }])).rejects.toMatchObject({
      code: 'EMBEDDING_NOT_FINITE',
    });
    served.dispose();
  });
});
