import { describe, expect, it } from 'vitest';
import { TextFeaturizer } from '../text-featurizer.js';
import { checkInputs, refuseFeatureless } from './served-text-model.js';

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
