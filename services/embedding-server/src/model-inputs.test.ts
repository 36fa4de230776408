import { describe, expect, it } from 'vitest';
import { decodeBase64, partLabels } from './model-inputs.js';

const bytes = Uint8Array.of(0xfb, 0xff, 0x00, 0x41, 0x42);
const standard = Buffer.from(bytes).toString('base64'); // "+/8AQUI="

describe('decodeBase64', () => {
  it.each([
    ['padded', standard],
    ['unpadded', standard.replace(/=+$/, '')],
    ['URL-safe', standard.replace(/\+/g, '-').replace(/\//g, '_')],
    ['wrapped over lines', `${standard.slice(0, 4)}\r\n${standard.slice(4)}`],
    ['a data URL', `data:image/png;base64,${standard}`],
    ['a data URL with parameters', `data:audio/wav;name=a.wav;base64,${standard}`],
  ])('decodes %s base64', (_what, value) => {
    expect(Array.from(decodeBase64(value, 'input'))).toEqual(Array.from(bytes));
  });

  it.each([
    ['a character outside the alphabet', 'ab*d', /character '\*' at 2/],
    ['padding in the middle', 'ab=cd===', /character '=' at 2/],
    ['an impossible length', 'abcde', /whole number/],
    ['padding on a short quantum', 'abc==', /whole number/],
    ['the two alphabets mixed', 'ab+_', /one alphabet.*both mixed/],
    ['a space inside', 'iVBO Rw0K', /character ' ' at 4/],
    ['a data URL that is not base64', 'data:text/plain,hello', /;base64/],
  ])('rejects %s', (_what, value, message) => {
    expect(() => decodeBase64(value, 'input[2]')).toThrow(message);
    expect(() => decodeBase64(value, 'input[2]')).toThrow(/^input\[2\] is not valid base64/);
  });
});

describe('empty payloads', () => {
  it.each([
    ['an empty string', ''],
    ['only a line break', '\n'],
    ['an empty data URL', 'data:image/png;base64,'],
  ])('reject %s as INVALID_INPUT, as an empty upload is', (_what, value) => {
    expect(() => decodeBase64(value, 'input[0]')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^input\[0\] is empty/),
      }),
    );
  });
});

describe('partLabels', () => {
  it('numbers only the names that repeat', () => {
    const parts = ['image', 'other', 'image'].map((name) => ({ name, value: 'x' }));
    expect(partLabels(parts)).toEqual(['image[0]', 'other', 'image[1]']);
  });
});
