import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '@manyviews/augment-core';
import { type CommandRunner, type EspeakInfo, renderUtterance } from './espeak.js';

// The render cache of the spoken-word dataset: one WAV per (word, voice, speed, pitch) and a
// manifest listing each with its size, so a rerun can tell what is already there.

/** One line of the manifest: what was rendered, where, and its size. */
export interface ManifestEntry {
  word: string;
  voice: string;
  speed: number;
  pitch: number;
  file: string;
  bytes: number;
}

/** The cache index: the espeak-ng version and an entry per rendered clip. */
export interface Manifest {
  format: 1;
  espeakVersion: string;
  entries: Record<string, ManifestEntry>;
}

/** The manifest key of a clip: `word|voice|speed|pitch`. */
export function keyOf(e: { word: string; voice: string; speed: number; pitch: number }): string {
  return `${e.word}|${e.voice}|${e.speed}|${e.pitch}`;
}

/**
 * Reads `manifest.json` of `directory`; an absent, unreadable or other-version manifest gives an
 * empty one (with a warning when it existed but could not be used).
 */
export async function readManifest(
  directory: string,
  version: string,
  logger: Logger,
): Promise<Manifest> {
  const empty: Manifest = { format: 1, espeakVersion: version, entries: {} };
  let text: string;
  try {
    text = await readFile(join(directory, 'manifest.json'), 'utf8');
  } catch {
    return empty;
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (
      parsed.format === 1 &&
      parsed.espeakVersion === version &&
      typeof parsed.entries === 'object'
    )
      return parsed;
  } catch {
    // Fall through: a manifest that cannot be read is rebuilt from fresh renders.
  }
  logger.warn('espeak words: the cache manifest is unreadable; rendering again', { directory });
  return empty;
}

/** Writes `manifest.json` atomically (a temporary file, then a rename). */
export async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  const path = join(directory, 'manifest.json');
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 1)}\n`);
  await rename(temporary, path);
}

/**
 * Renders `missing` into `directory`, `concurrency` at a time, each to a temporary file renamed
 * into place, filling in `bytes` and adding each to `manifest`; the manifest is written at the
 * end even when a render fails, and the first failure is then thrown.
 */
export async function renderAll(
  espeak: EspeakInfo,
  directory: string,
  missing: ManifestEntry[],
  concurrency: number,
  runner: CommandRunner,
  onProgress: ((done: number, total: number) => void) | undefined,
  manifest: Manifest,
): Promise<void> {
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async () => {
    // After a failure no worker starts another render; those in flight finish.
    while (failure === undefined && next < missing.length) {
      const entry = missing[next++];
      const path = join(directory, entry.file);
      const temporary = `${path}.${process.pid}.tmp.wav`;
      try {
        await mkdir(dirname(path), { recursive: true });
        const utterance = {
          text: entry.word,
          voice: entry.voice,
          speed: entry.speed,
          pitch: entry.pitch,
        };
        await renderUtterance(espeak, utterance, temporary, runner);
        await rename(temporary, path);
        entry.bytes = (await sizeOf(path)) ?? 0;
        manifest.entries[keyOf(entry)] = { ...entry };
        onProgress?.(++done, missing.length);
      } catch (error) {
        await rm(temporary, { force: true });
        failure ??= error;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, missing.length) }, worker));
  // Whatever finished is recorded, so an interrupted or failed run resumes where it stopped.
  await writeManifest(directory, manifest);
  if (failure !== undefined) throw failure;
}

/** The size of a file in bytes, or undefined when there is none. */
export async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
