import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The folder one run writes: config, metrics as JSON lines, and its model. */
export interface RunDir {
  dir: string;
  metricsPath: string;
  writeConfig(config: Record<string, unknown>): Promise<void>;
}

/**
 * Creates `runs/<name>` (or the given folder) for a run.
 *
 * @param dir the folder; default `runs/<ISO time>`
 */
export async function createRunDir(dir?: string): Promise<RunDir> {
  const where = dir ?? path.join('runs', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(where, { recursive: true });
  return {
    dir: where,
    metricsPath: path.join(where, 'metrics.jsonl'),
    writeConfig: (config) =>
      writeFile(path.join(where, 'config.json'), `${JSON.stringify(config, null, 2)}\n`),
  };
}
