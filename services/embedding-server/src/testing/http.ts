import type { Logger } from '@manyviews/augment-core';
import type { Hono } from 'hono';
import { expect } from 'vitest';

/** POSTs a JSON body (any value, or a raw string sent as it is). */
export function postJson(app: Hono, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** POSTs multipart/form-data built from [name, value] pairs; a Uint8Array becomes a file. */
export function postForm(
  app: Hono,
  path: string,
  fields: Array<[string, string | Uint8Array]>,
): Promise<Response> {
  const form = new FormData();
  fields.forEach(([name, value], i) => {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value]), `file-${i}.png`);
  });
  return Promise.resolve(app.request(path, { method: 'POST', body: form }));
}

/** Asserts an error response: its status, its code, and the JSON shape every error shares. */
export async function expectError(
  res: Response,
  status: number,
  code: string,
): Promise<{ code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

/** A logger that keeps every line, for assertions on what was logged. */
export function recordingLogger(): Logger & {
  lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }>;
} {
  const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
