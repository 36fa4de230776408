import { ManyViewsError } from '@manyviews/augment-core';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { mapError, statusForCode } from './error-mapping.js';

describe('statusForCode', () => {
  it.each([
    ['MODEL_NOT_FOUND', 404],
    ['IMAGE_DECODE_FAILED', 400],
    ['AUDIO_DECODE_FAILED', 400],
    ['INVALID_BASE64', 400],
    ['BAD_REQUEST', 400],
    ['IMAGE_EMPTY', 400],
    ['INPUT_KIND_MISMATCH', 400],
    ['IMAGE_TOO_LARGE', 413],
    ['IMAGE_INVALID', 500],
    ['MISSING_FIELD', 400],
    ['BODY_TOO_LARGE', 413],
    ['TOO_MANY_INPUTS', 413],
    ['INDEX_MISSING', 409],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['AUDIO_UNSUPPORTED_ENCODING', 415],
    ['AUDIO_TOO_LONG', 413],
    ['TEXT_REQUEST_TOO_LARGE', 413],
    ['MODEL_OUTPUT_MISMATCH', 500],
    ['SOMETHING_ELSE', 500],
  ])('%s -> %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });
});

describe('mapError', () => {
  it('keeps a client error\u2019s code and its message', () => {
    const err = new ManyViewsError('INVALID_FIELD', 'k has the wrong type or value', {
      expected: 'an integer in [1, 1000]',
      received: 0,
    });
    expect(mapError(err)).toEqual({
      status: 400,
      internal: false,
      body: {
        error: {
          code: 'INVALID_FIELD',
          message: 'k has the wrong type or value (expected an integer in [1, 1000], received 0)',
        },
      },
    });
  });

  it('hides the details of server errors', () => {
    for (const err of [
      new Error('/srv/models/x: ENOENT'),
      new ManyViewsError('WEIGHTS_CORRUPT', 'x'),
    ]) {
      const mapped = mapError(err);
      expect(mapped.status).toBe(500);
      expect(mapped.internal).toBe(true);
      expect(mapped.body.error.code).toBe('INTERNAL_ERROR');
      expect(mapped.body.error.message).not.toMatch(/ENOENT|x$/);
    }
  });

  it('sends overload and timeout codes as they are, with Retry-After where a retry helps', () => {
    const cases: Array<[string, number, string | undefined]> = [
      ['QUEUE_FULL', 429, '1'],
      ['SHUTTING_DOWN', 503, '1'],
      ['MODEL_RETIRED', 503, '1'],
      ['STORE_UNAVAILABLE', 503, undefined],
      ['REQUEST_TIMEOUT', 504, undefined],
    ];
    for (const [code, status, retryAfter] of cases) {
      const mapped = mapError(new ManyViewsError(code, `${code} happened`));
      expect(mapped).toMatchObject({ status, internal: false, body: { error: { code } } });
      expect(mapped.body.error.message).toBe(`${code} happened`);
      expect(mapped.headers?.['Retry-After']).toBe(retryAfter);
    }
  });

  it('gives Hono\u2019s HTTP exceptions the same body shape', () => {
    expect(mapError(new HTTPException(413, { message: 'too big' })).body).toEqual({
      error: { code: 'BODY_TOO_LARGE', message: 'too big' },
    });
  });
});
