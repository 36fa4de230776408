import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { parseApiKeys } from './auth.js';
import { createModelRegistry } from './model-registry.js';
import { fakeTextModel } from './testing/fake-models.js';
import { expectError } from './testing/http.js';

const READ = 'read-key-0123456789';
const WRITE = 'write-key-0123456789';
const app = createApp({
  registry: createModelRegistry([fakeTextModel()]),
  apiKeys: parseApiKeys(`read:${READ}, write:${WRITE}`),
});

function call(path: string, key?: string, method = 'GET', body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  return Promise.resolve(
    app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

describe('API keys', () => {
  it('leaves health and docs open', async () => {
    expect((await call('/healthz')).status).toBe(200);
    expect((await call('/openapi.json')).status).toBe(200);
    expect((await call('/docs')).status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate for a missing or wrong key', async () => {
    const missing = await call('/v1/models');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await expectError(missing, 401, 'UNAUTHORIZED')).message).toMatch(/required/);
    await expectError(await call('/v1/models', `${READ}x`), 401, 'UNAUTHORIZED');
  });

  it('lets a read key read and embed, and refuses it writes with 403', async () => {
    expect((await call('/v1/models', READ)).status).toBe(200);
    const embed = await call('/v1/embeddings', READ, 'POST', { model: 'fake-text', input: 'a' });
    expect(embed.status).toBe(200);
    const create = await call('/v1/collections', READ, 'POST', { name: 'c', model: 'fake-text' });
    await expectError(create, 403, 'FORBIDDEN');
    const created = await call('/v1/collections', WRITE, 'POST', { name: 'c', model: 'fake-text' });
    expect(created.status).toBe(201);
  });

  it('parses keys and refuses short ones', () => {
    expect(parseApiKeys(`# comment\nread:${READ}\n${WRITE}\n`)).toEqual([
      { key: READ, access: 'read' },
      { key: WRITE, access: 'write' },
    ]);
    expect(() => parseApiKeys('short')).toThrow(
      expect.objectContaining({ code: 'INVALID_API_KEY' }),
    );
  });

  it('refuses a misspelt scope instead of granting read-write', () => {
    for (const entry of [`Read:${READ}`, `admin:${READ}`, `reader:${READ}`]) {
      expect(() => parseApiKeys(entry)).toThrow(
        expect.objectContaining({
          code: 'INVALID_API_KEY',
          message: expect.stringMatching(/unknown API key scope/),
        }),
      );
    }
  });

  it('drops # comments after a key and blank lines, and keeps a # inside a key', () => {
    const text = `\n  # the deploy bot\nwrite:${WRITE} # deploy bot\n\nread:${READ}#x, read:${READ}\t# two\n`;
    expect(parseApiKeys(text)).toEqual([
      { key: WRITE, access: 'write' },
      { key: `${READ}#x`, access: 'read' },
      { key: READ, access: 'read' },
    ]);
  });

  it('refuses a key holding whitespace, naming its line', () => {
    expect(() => parseApiKeys(`read:${READ}\nwrite:${WRITE} note`)).toThrow(
      expect.objectContaining({
        code: 'INVALID_API_KEY',
        message: expect.stringMatching(/^line 2: an API key holds whitespace/),
      }),
    );
  });

  it('names the line of a short key', () => {
    expect(() => parseApiKeys(`read:${READ}\n\nshort`)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^line 3: an API key is too short/),
      }),
    );
  });
});
