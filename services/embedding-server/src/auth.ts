import { createHash, timingSafeEqual } from 'node:crypto';
import { ManyViewsError } from '@manyviews/augment-core';
import type { MiddlewareHandler } from 'hono';
import type { RouteAccess } from './route-def.js';

/** One API key and what it may do: `read` calls every route that changes nothing. */
export interface ApiKey {
  key: string;
  access: 'read' | 'write';
}

/**
 * Parses keys as the CLI takes them (flag, `MANYVIEWS_API_KEYS`, or a file): entries separated
 * by commas or new lines, each `read:KEY`, `write:KEY`, or a bare `KEY` (read-write). Blank
 * entries are skipped; `#` starts a comment to the end of the line, at the line's start or after
 * whitespace (`write:KEY # deploy bot`), so a `#` inside a key is kept.
 *
 * @param text the keys, as one source holds them
 * @param source where `text` came from (`--api-key`, `MANYVIEWS_API_KEYS`, a file's path), named
 *   in errors before the line; parse each source on its own so that the line is that source's
 * @throws {ManyViewsError} `INVALID_API_KEY`, naming the source and line, for a key shorter than
 *   16 characters, a key holding whitespace (an unquoted note after it, say: a Bearer token never
 *   holds one, so such a key could never be used), or a scope other than `read:` or `write:` (a
 *   misspelt `Read:` must not become a read-write key)
 * @example
 * parseApiKeys('read:0123456789abcdef01, write:fedcba98765432100123', '--api-key');
 */
export function parseApiKeys(text: string, source?: string): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const content = line.replace(/(^|\s)#.*$/, '');
    const where = source === undefined ? `line ${i + 1}` : `${source} line ${i + 1}`;
    for (const raw of content.split(',')) {
      const entry = raw.trim();
      if (entry !== '') keys.push(parseKey(entry, where));
    }
  }
  return keys;
}

function parseKey(entry: string, where: string): ApiKey {
  const match = /^(read|write):(.*)$/.exec(entry);
  const scope = /^([A-Za-z]+):/.exec(entry);
  if (!match && scope) {
    throw new ManyViewsError('INVALID_API_KEY', `${where}: unknown API key scope "${scope[1]}"`, {
      expected: '"read:KEY", "write:KEY" or a bare KEY (read-write)',
      received: `${scope[1]}:...`,
    });
  }

  const key = match ? match[2] : entry;
  if (/\s/.test(key)) {
    throw new ManyViewsError('INVALID_API_KEY', `${where}: an API key holds whitespace`, {
      expected: 'a key without spaces; a note goes after " #" (write:KEY # note)',
      received: `${key.length} characters with whitespace at ${key.search(/\s/)}`,
    });
  }
  if (key.length < 16) {
    throw new ManyViewsError('INVALID_API_KEY', `${where}: an API key is too short to be safe`, {
      expected: 'at least 16 characters (e.g. openssl rand -hex 24)',
      received: `${key.length} characters`,
    });
  }
  return { key, access: match ? (match[1] as ApiKey['access']) : 'write' };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Builds the middleware that checks `Authorization: Bearer KEY` (RFC 6750, section 2.1) for a
 * route. Tokens are compared by their SHA-256 with `crypto.timingSafeEqual`, against every
 * configured key without stopping at a match, so neither the comparison nor the loop leaks how
 * much of a key was right. With no keys configured every route is open.
 *
 * @param keys the configured keys
 * @param access what the route needs
 * @returns a middleware that throws `UNAUTHORIZED` (401, with `WWW-Authenticate: Bearer`) for a
 *   missing or unknown key and `FORBIDDEN` (403) for a read-only key on a write route
 */
export function requireKey(keys: ApiKey[], access: RouteAccess): MiddlewareHandler | undefined {
  if (keys.length === 0 || access === 'public') return undefined;
  const hashed = keys.map((k) => ({ hash: digest(k.key), access: k.access }));

  return async function apiKey(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    let granted: ApiKey['access'] | undefined;
    if (match) {
      const token = digest(match[1]);
      for (const key of hashed) {
        if (timingSafeEqual(token, key.hash) && granted !== 'write') granted = key.access;
      }
    }

    if (granted === undefined) {
      c.header('WWW-Authenticate', 'Bearer realm="manyviews"');
      throw new ManyViewsError(
        'UNAUTHORIZED',
        match ? 'the API key is not valid' : 'an API key is required',
        {
          expected: 'an Authorization: Bearer <key> header with a configured key',
        },
      );
    }
    if (access === 'write' && granted !== 'write') {
      throw new ManyViewsError(
        'FORBIDDEN',
        `${c.req.method} ${c.req.path} needs a read-write key`,
        {
          expected: 'a write: key',
          received: 'a read: key',
        },
      );
    }
    await next();
  };
}
