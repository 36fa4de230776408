import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import type { NamedWeight } from './encoders/encoder.js';

/** Where one tensor sits in a weights file. */
export interface TensorEntry {
  name: string;
  shape: number[];
  /** Byte offset in the file. */
  offset: number;
  /** Number of float32 values. */
  length: number;
}

/**
 * Lays named float32 tensors back to back (little-endian, as every platform Node runs on).
 *
 * @returns the bytes and the index to store beside them
 */
export function packTensors(weights: NamedWeight[]): { bytes: Uint8Array; tensors: TensorEntry[] } {
  let offset = 0;
  const tensors = weights.map((w) => {
    const entry = { name: w.name, shape: w.shape, offset, length: w.values.length };
    offset += w.values.length * 4;
    return entry;
  });
  const bytes = new Uint8Array(offset);
  for (const [i, w] of weights.entries()) {
    bytes.set(
      new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength),
      tensors[i].offset,
    );
  }
  return { bytes, tensors };
}

/**
 * Reads tensors back from {@link packTensors}'s bytes.
 *
 * @param source the file's name, for messages
 * @throws {ManyViewsError} `MODEL_INVALID` when the bytes are shorter than the index says
 */
export function unpackTensors(
  bytes: Uint8Array,
  tensors: TensorEntry[],
  source: string,
): NamedWeight[] {
  return tensors.map((t) => {
    const end = t.offset + t.length * 4;
    if (end > bytes.byteLength) {
      throw new ManyViewsError('MODEL_INVALID', `${source} is truncated`, {
        expected: `at least ${end} bytes`,
        received: `${bytes.byteLength} bytes`,
      });
    }
    // Copied into its own aligned buffer: a Buffer's offset need not be a multiple of 4.
    const values = new Float32Array(t.length);
    new Uint8Array(values.buffer).set(bytes.subarray(t.offset, end));
    return { name: t.name, shape: t.shape, values };
  });
}

/**
 * Writes a file through a temporary name and a rename, so a crash never leaves a half-written
 * file under the real name.
 */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Reads a file written by {@link writeAtomic}; `undefined` when it does not exist. */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
