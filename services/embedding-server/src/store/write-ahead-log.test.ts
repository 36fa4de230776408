import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/http.js';
import { type ReplayOptions, replayLog, WriteAheadLog } from './write-ahead-log.js';

async function readLog(file: string, options?: ReplayOptions): Promise<unknown[]> {
  const records: unknown[] = [];
  const count = await replayLog(file, (r) => records.push(r), options);
  expect(count).toBe(records.length);
  return records;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mv-wal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('WriteAheadLog', () => {
  it('appends records that read back in order, concurrent appends included', async () => {
    const file = path.join(dir, 'a.log');
    const log = await WriteAheadLog.open(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ i })));
    await log.append({ last: true });
    await log.close();

    const records = await readLog(file);
    expect(records).toHaveLength(51);
    expect(records.slice(0, 3)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(records[50]).toEqual({ last: true });
  });

  it('replays the same records whatever the read chunk, lines spanning chunks included', async () => {
    const file = path.join(dir, 'chunks.log');
    const log = await WriteAheadLog.open(file);
    const big = { text: 'x'.repeat(5000) };
    for (let i = 0; i < 20; i++) await log.append(i % 4 === 0 ? { i, ...big } : { i });
    await log.close();

    const whole = await readLog(file);
    expect(whole).toHaveLength(20);
    for (const chunkBytes of [13, 64, 4096]) {
      expect(await readLog(file, { chunkBytes })).toEqual(whole);
    }
  });

  it('cuts a torn last line and keeps what came before', async () => {
    const file = path.join(dir, 'b.log');
    const log = await WriteAheadLog.open(file);
    await log.append({ n: 1 });
    await log.close();
    const whole = await readFile(file, 'utf8');
    await appendFile(file, whole.slice(0, 12));

    const logger = recordingLogger();
    expect(await readLog(file, { logger, chunkBytes: 5 })).toEqual([{ n: 1 }]);
    expect(await readFile(file, 'utf8')).toBe(whole);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: 'dropped a half-written last log record',
        fields: { file, bytes: 12 },
      },
    ]);
  });

  it('cuts a whole last line whose CRC does not match, and says how many bytes', async () => {
    const file = path.join(dir, 'crc.log');
    const log = await WriteAheadLog.open(file);
    await log.append({ n: 1 });
    await log.append({ n: 2 });
    await log.close();
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"n":2', '"n":8'));

    const logger = recordingLogger();
    expect(await readLog(file, { logger })).toEqual([{ n: 1 }]);
    expect(logger.lines[0].fields).toEqual({ file, bytes: text.length - text.indexOf('\n') - 1 });
  });

  it('refuses a corrupt line in the middle', async () => {
    const file = path.join(dir, 'c.log');
    const log = await WriteAheadLog.open(file);
    await log.append({ n: 1 });
    await log.append({ n: 2 });
    await log.close();
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"n":1', '"n":7'));

    await expect(readLog(file)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('reads a missing file as empty', async () => {
    expect(await readLog(path.join(dir, 'none.log'))).toEqual([]);
  });
});
