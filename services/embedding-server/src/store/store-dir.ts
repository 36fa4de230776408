import { mkdir, stat } from 'node:fs/promises';
import { ManyViewsError } from '@manyviews/augment-core';

/**
 * Makes sure a local store's location is a directory, creating it (and its parents) if absent.
 *
 * @throws {ManyViewsError} `STORE_INVALID` when the path (or a parent) is a file, or cannot be
 *   created (no permission, read-only file system)
 */
export async function ensureStoreDir(dir: string): Promise<void> {
  const existing = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw invalid(dir, reason(e), e);
  });
  if (existing !== undefined) {
    if (!existing.isDirectory()) throw invalid(dir, 'a file, not a directory');
    return;
  }

  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw invalid(dir, reason(e as NodeJS.ErrnoException), e);
  }
}

function reason(e: NodeJS.ErrnoException): string {
  return e.code === 'ENOTDIR' ? 'a path through a file' : e.message;
}

function invalid(dir: string, received: unknown, cause?: unknown): ManyViewsError {
  return new ManyViewsError('STORE_INVALID', `cannot use ${dir} as a store directory`, {
    expected: 'a directory, or a path where one can be created',
    received,
    cause,
  });
}
