import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/http.js';
import { isDatabaseUrl, openStore } from './open-store.js';

describe('openStore', () => {
  it.each([
    ['postgres://u:p@db:5432/x', true],
    ['POSTGRESQL://db/x', true],
    ['store', false],
    ['./postgres', false],
    ['/var/lib/postgres://x', false],
  ])('%s is a database URL: %s', (location, expected) => {
    expect(isDatabaseUrl(location)).toBe(expected);
  });

  it('opens the local store for a directory and says so', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-open-'));
    const logger = recordingLogger();
    const store = await openStore(path.join(dir, 'store'), { logger });
    await store.create({ name: 'c', model: 'm', modelVersion: 'v', dim: 2 });
    await store.close();
    expect(await readdir(path.join(dir, 'store'))).toContain('wal-00000001.log');
    expect(logger.lines.map((l) => l.msg)).toContain(
      `collections in the local store at ${path.join(dir, 'store')}`,
    );
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the PostgreSQL store for a URL, without logging its password', async () => {
    const logger = recordingLogger();
    // Nothing listens on port 1: the open fails, after the choice was made and logged.
    await expect(openStore('postgres://u:pw@127.0.0.1:1/x', { logger })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    expect(logger.lines.map((l) => l.msg)).toContain(
      'collections in PostgreSQL at postgres://u:***@127.0.0.1:1/x',
    );
  });

  it('reads max_connections off a database URL and refuses a bad one', async () => {
    const logger = recordingLogger();
    const url =
      'postgres://u:pw@127.0.0.1:1/x?sslmode=disable&max_connections=1&application_name=a';
    await expect(openStore(url, { logger })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(logger.lines.map((l) => l.msg)).toContain(
      'collections in PostgreSQL at postgres://u:***@127.0.0.1:1/x?sslmode=disable&application_name=a',
    );

    for (const bad of ['0', '-1', '1.5', 'many', '']) {
      await expect(
        openStore(`postgres://db/x?max_connections=${bad}`, { logger }),
      ).rejects.toMatchObject({
        code: 'INVALID_STORE_URL',
        expected: expect.stringContaining('>= 1'),
      });
    }
  });
});
