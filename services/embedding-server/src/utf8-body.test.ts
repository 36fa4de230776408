import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createModelRegistry } from './model-registry.js';
import { fakeTextModel } from './testing/fake-models.js';
import { expectError } from './testing/http.js';
import { checkFormText, decodeUtf8 } from './utf8-body.js';

const BAD = Uint8Array.from([0xff, 0xfe]);

function concat(...chunks: Array<string | Uint8Array>): Uint8Array {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
}

function form(boundary: string, parts: Array<[string, Uint8Array, string?]>): Uint8Array {
  const chunks: Array<string | Uint8Array> = [];
  for (const [name, value, filename] of parts) {
    const file = filename ? `; filename="${filename}"` : '';
    chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\n\r\n`);
    chunks.push(value, '\r\n');
  }
  chunks.push(`--${boundary}--\r\n`);
  return concat(...chunks);
}

function post(body: Uint8Array, contentType: string): Promise<Response> {
  const app = createApp({ registry: createModelRegistry([fakeTextModel()]) });
  return Promise.resolve(
    app.request('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }),
  );
}

describe('decodeUtf8', () => {
  it('decodes UTF-8, including a real U+FFFD', () => {
    expect(decodeUtf8(Buffer.from('é \uFFFD'), 'x')).toBe('é \uFFFD');
  });

  it('refuses malformed bytes with TEXT_DECODE_FAILED, naming where they start', () => {
    const bytes = concat('{"a":"', BAD, '"}');
    expect(() => decodeUtf8(bytes, 'the JSON body')).toThrow(
      expect.objectContaining({
        code: 'TEXT_DECODE_FAILED',
        message: expect.stringMatching(/the JSON body is not valid UTF-8.*near byte 6/),
      }),
    );
  });
});

describe('checkFormText', () => {
  it('refuses a plain field that is not UTF-8 and names it', () => {
    const body = form('xyz', [
      ['model', Buffer.from('fake-text')],
      ['note', concat(BAD, ' bad')],
    ]);
    expect(() => checkFormText(body, 'multipart/form-data; boundary=xyz')).toThrow(
      expect.objectContaining({
        code: 'TEXT_DECODE_FAILED',
        message: expect.stringContaining('"note"'),
      }),
    );
  });

  it('leaves file parts alone and passes good text, with a quoted boundary', () => {
    const body = form('a b', [
      ['model', Buffer.from('fake-text')],
      ['image', BAD, 'x.png'],
      ['text', Buffer.from('naïve \uFFFD')],
    ]);
    expect(() => checkFormText(body, 'multipart/form-data; boundary="a b"')).not.toThrow();
  });
});

describe('invalid UTF-8 in a request body', () => {
  it('a JSON body gets 400 TEXT_DECODE_FAILED, not a replaced text', async () => {
    const body = concat('{"model":"fake-text","input":"', BAD, ' bad"}');
    const res = await post(body, 'application/json');
    await expectError(res, 400, 'TEXT_DECODE_FAILED');
  });

  it('a multipart text field gets 400 TEXT_DECODE_FAILED', async () => {
    const body = form('b0', [
      ['model', Buffer.from('fake-text')],
      ['input', concat(BAD, ' bad')],
    ]);
    const res = await post(body, 'multipart/form-data; boundary=b0');
    await expectError(res, 400, 'TEXT_DECODE_FAILED');
  });

  it('the same multipart body in valid UTF-8 is embedded', async () => {
    const body = form('b0', [
      ['model', Buffer.from('fake-text')],
      ['input', Buffer.from('ça va')],
    ]);
    const res = await post(body, 'multipart/form-data; boundary=b0');
    expect(res.status).toBe(200);
  });
});
