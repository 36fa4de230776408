import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import type { NamedWeight } from './encoders/encoder.js';
import {
  packTensors,
  readIfExists,
  type TensorEntry,
  unpackTensors,
  writeAtomic,
} from './tensor-file.js';

/** What a checkpoint holds: where the run was, and every tensor needed to go on from there. */
export interface Checkpoint {
  /** Steps completed; the run resumes at this global step. */
  step: number;
  encoder: NamedWeight[];
  optimizer: NamedWeight[];
  /** Rows of the memory bank, when one is used. */
  bank?: NamedWeight[];
  /** The run's configuration, checked on resume so a checkpoint is not continued by another run. */
  config: Record<string, unknown>;
}

interface CheckpointIndex {
  step: number;
  config: Record<string, unknown>;
  groups: Record<'encoder' | 'optimizer' | 'bank', TensorEntry[]>;
}

/**
 * Writes `<dir>/step-<n>/` (tensors.bin + checkpoint.json, each written atomically) and points
 * `<dir>/latest.json` at it last, so a crash mid-write leaves the previous checkpoint current.
 * Keeps the newest `keep` checkpoints.
 */
export async function saveCheckpoint(
  dir: string,
  checkpoint: Checkpoint,
  keep = 2,
): Promise<string> {
  const name = `step-${String(checkpoint.step).padStart(8, '0')}`;
  const where = path.join(dir, name);
  const groups = {
    encoder: checkpoint.encoder,
    optimizer: checkpoint.optimizer,
    bank: checkpoint.bank ?? [],
  };
  const all = [...groups.encoder, ...groups.optimizer, ...groups.bank];
  const { bytes, tensors } = packTensors(all);
  const index: CheckpointIndex = {
    step: checkpoint.step,
    config: checkpoint.config,
    groups: {
      encoder: tensors.slice(0, groups.encoder.length),
      optimizer: tensors.slice(
        groups.encoder.length,
        groups.encoder.length + groups.optimizer.length,
      ),
      bank: tensors.slice(groups.encoder.length + groups.optimizer.length),
    },
  };
  await writeAtomic(path.join(where, 'tensors.bin'), bytes);
  await writeAtomic(path.join(where, 'checkpoint.json'), JSON.stringify(index));
  await writeAtomic(
    path.join(dir, 'latest.json'),
    JSON.stringify({ checkpoint: name, step: checkpoint.step }),
  );

  const old = (await readdir(dir))
    .filter((d) => d.startsWith('step-'))
    .sort()
    .slice(0, -keep);
  await Promise.all(old.map((d) => rm(path.join(dir, d), { recursive: true, force: true })));
  return where;
}

/**
 * Reads the latest checkpoint of a run folder's `checkpoints/`, or `undefined` when there is none.
 *
 * @throws {ManyViewsError} `CHECKPOINT_INVALID` for files that do not parse or agree
 */
export async function loadLatestCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  const latest = await readIfExists(path.join(dir, 'latest.json'));
  if (!latest) return undefined;
  try {
    const { checkpoint } = JSON.parse(latest.toString('utf8')) as { checkpoint: string };
    const where = path.join(dir, checkpoint);
    const index = JSON.parse(
      (await readIfExists(path.join(where, 'checkpoint.json')))!.toString('utf8'),
    ) as CheckpointIndex;
    const bytes = (await readIfExists(path.join(where, 'tensors.bin')))!;
    const read = (group: keyof CheckpointIndex['groups']) =>
      unpackTensors(bytes, index.groups[group], `${where}/tensors.bin`);
    return {
      step: index.step,
      config: index.config,
      encoder: read('encoder'),
      optimizer: read('optimizer'),
      bank: read('bank'),
    };
  } catch (cause) {
    throw new ManyViewsError('CHECKPOINT_INVALID', `the checkpoint in ${dir} cannot be read`, {
      cause,
    });
  }
}
