import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLog, WriteAheadLog } from './write-ahead-log.js';

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

  it('cuts a torn last line and keeps what came before', async () => {
    const file = path.join(dir, 'b.log');
    const log = await WriteAheadLog.open(file);
    await log.append({ n: 1 });
    await log.close();
    const whole = await readFile(file, 'utf8');
    await appendFile(file, whole.slice(0, 12));

    expect(await readLog(file)).toEqual([{ n: 1 }]);
    expect(await readFile(file, 'utf8')).toBe(whole);
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
