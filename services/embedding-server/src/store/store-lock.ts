import { readFileSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';

/** The lock file's name inside a store directory. */
export const LOCK_FILE = 'store.lock';

// Tells apart the temporary files of several opens in one process within one millisecond.
let opens = 0;

/** A held lock on a store directory; {@link StoreLock.release} gives it up. */
export interface StoreLock {
  /** The lock file. */
  readonly file: string;
  /** Removes the lock file, if it is still this process's; safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes the lock of a store directory, so that a second server (or a second open in this
 * process) cannot compact and delete the logs the first one is writing.
 *
 * The lock is a file holding the holder's pid, created exclusively: the pid is written to a
 * private temporary file first, then hard-linked to the lock's name, since link(2) fails with
 * EEXIST when the name exists, so a lock file is never seen half written. A lock whose pid is no
 * longer alive (a holder killed with SIGKILL) is stale and taken over: it is renamed away first,
 * which only one of several racing openers can do, and its content checked again after the
 * rename, so that a lock another opener has just taken is put back, not deleted.
 *
 * A pid reused by an unrelated live process looks like a holder: the error names the lock file,
 * to be removed by hand once no server uses the directory. The lock guards processes on one
 * machine; a directory shared over a network file system by two machines is not supported.
 *
 * @param dir an existing store directory
 * @throws {ManyViewsError} `STORE_LOCKED` naming the directory and the holder's pid
 */
export async function lockStore(dir: string, logger: Logger = silentLogger): Promise<StoreLock> {
  const file = path.join(dir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  const tmp = path.join(dir, `${LOCK_FILE}.${process.pid}.${++opens}.tmp`);
  await writeFile(tmp, mine);

  try {
    // Bounded: each turn either takes the lock, refuses, or removed one stale lock.
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await tryLink(tmp, file)) return heldLock(file, mine);

      const holder = await readPid(file);
      if (holder === undefined) continue;
      if (isAlive(holder)) throw storeLocked(dir, file, holder);
      if (await takeOverStale(file, holder)) {
        logger.warn('took over a stale store lock', { dir, deadPid: holder });
      }
    }
    throw storeLocked(dir, file, await readPid(file));
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** The pid a lock file holds; undefined when it is gone, 0 when it holds no pid. */
async function readPid(file: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

/**
 * Whether a process runs with this pid (EPERM: it runs, as another user). A zombie, a process
 * killed but not yet reaped by its parent, still answers signal 0 for a moment after `kill -9`;
 * on Linux its state in `/proc/<pid>/stat` says so, and it holds nothing, so it counts as dead.
 */
export function isAlive(pid: number): boolean {
  if (pid === 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // The state follows the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock held by `dead`. Renaming is atomic, so of several openers racing for one
 * stale lock only one moves it; one that finds it moved a live holder's lock instead links it
 * back (failing harmlessly if yet another lock was taken meanwhile).
 *
 * @returns whether this call removed the stale lock
 */
async function takeOverStale(file: string, dead: number): Promise<boolean> {
  const aside = `${file}.stale.${process.pid}.${++opens}`;
  try {
    await rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }

  const moved = await readPid(aside);
  if (moved !== dead && moved !== undefined && isAlive(moved)) await tryLink(aside, file);
  await unlink(aside).catch(() => {});
  return moved === dead;
}

function heldLock(file: string, mine: string): StoreLock {
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      // Only this process's own lock: one taken over after a pid check gone wrong stays.
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === mine) await unlink(file).catch(() => {});
    },
  };
}

function storeLocked(dir: string, file: string, pid: number | undefined): ManyViewsError {
  const holder = pid === undefined || pid === 0 ? 'another opener' : `process ${pid}`;
  return new ManyViewsError('STORE_LOCKED', `the store ${dir} is in use by ${holder}`, {
    expected:
      'a store directory no other server has open; stop that server (a holder killed a moment ' +
      `ago is taken over on a retry), or remove ${file} if no process uses the directory`,
    received: pid,
  });
}
