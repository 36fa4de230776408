import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { TextBagEncoder, type TextBagEncoderConfig } from '../encoders/text-bag-encoder.js';
import { embedFloats } from '../eval/embed-batches.js';
import { saveModelDir } from '../model-dir.js';
import { testManifest } from '../test-fixtures.js';
import { TextFeaturizer } from '../text-featurizer.js';
import { fitSlotIdf } from '../text-slot-idf.js';
import { checkInputs, loadServedTextModel, refuseFeatureless } from './served-text-model.js';

const text = (t: string) => ({ kind: 'text' as const, text: t });

describe('checkInputs (a text model’s limits)', () => {
  it('passes texts within both limits through, in order', () => {
    expect(checkInputs([text('ab'), text('cde')], 'm', 3, 5)).toEqual(['ab', 'cde']);
  });

  it('refuses one text past maxChars with TEXT_TOO_LONG naming the input', () => {
    expect(() => checkInputs([text('ok'), text('abcd')], 'm', 3, 100)).toThrow(
      expect.objectContaining({ code: 'TEXT_TOO_LONG', message: expect.stringMatching(/input 1/) }),
    );
  });

  it('refuses a request past maxRequestChars with TEXT_REQUEST_TOO_LARGE', () => {
    expect(() => checkInputs([text('abc'), text('abc')], 'm', 3, 5)).toThrow(
      expect.objectContaining({ code: 'TEXT_REQUEST_TOO_LARGE' }),
    );
  });

  it('refuses bytes with INPUT_KIND_MISMATCH', () => {
    expect(() => checkInputs([{ kind: 'bytes', data: new Uint8Array(3) }], 'm', 3, 5)).toThrow(
      expect.objectContaining({ code: 'INPUT_KIND_MISMATCH' }),
    );
  });
});

describe('refuseFeatureless', () => {
  it('refuses texts without a word or number, naming the input, and passes the rest', () => {
    const featurizer = new TextFeaturizer();
    expect(() => refuseFeatureless(['a cat', '1990'], featurizer)).not.toThrow();
    for (const empty of ['   ', '\u0000\u0000', '🙂🙂', '?!']) {
      expect(() => refuseFeatureless(['a cat', empty], featurizer)).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/input 1/),
        }),
      );
    }
  });
});

describe('loadServedTextModel with fitted slot weights', () => {
  it('embeds a request exactly as training embedded it, from the stored weights', async () => {
    await selectBackend('wasm');
    const preprocess = fitSlotIdf(['a small cat', 'a big dog', 'a tall oak tree'], {
      buckets: 64,
    });
    const config: TextBagEncoderConfig = {
      type: 'text-bag',
      inputSize: 64,
      tableDim: 8,
      hidden: [],
      embeddingDim: 4,
      projection: [4],
    };
    const encoder = new TextBagEncoder(config, undefined, 3);
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-served-text-'));
    await saveModelDir(
      dir,
      testManifest({
        name: 'idf',
        domain: 'text',
        inputShape: [64],
        preprocess: { ...preprocess },
        embeddingDim: 4,
        encoder: config,
        seed: 3,
      }),
      encoder.weights(),
    );

    const served = await loadServedTextModel(dir);
    const [got] = await served.embed([text('a small oak')]);
    const bag = new TextFeaturizer(preprocess).dense(['a small oak']);
    const unweighted = new TextFeaturizer({ buckets: 64 }).dense(['a small oak']);
    expect(Array.from(got)).toEqual(Array.from(embedFloats(encoder, bag, 1)));
    expect(Array.from(got)).not.toEqual(Array.from(embedFloats(encoder, unweighted, 1)));
    served.dispose();
    encoder.dispose();
  });
});
