import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadModelsDir } from './load-models-dir.js';
import type { ModelLoader, ServedModel } from './model-port.js';
import { recordingLogger } from './testing/http.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'embedding-server-models-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function modelDir(name: string, manifest: unknown): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const disposed: string[] = [];

/** Reads the manifest like a real loader would; a manifest that says `broken` fails to load. */
const loader: ModelLoader = async (dir) => {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  if (manifest.broken) {
    throw new ManyViewsError('MODEL_LOAD_FAILED', `weights missing in ${basename(dir)}`);
  }
  const model: ServedModel = {
    name: manifest.name ?? basename(dir),
    manifest,
    indexStale: manifest.staleIndex,
    embed: async (inputs) => inputs.map(() => new Float32Array(manifest.embeddingDim)),
    dispose: () => disposed.push(basename(dir)),
  };
  return model;
};

describe('loadModelsDir', () => {
  it('loads the good models, logs and skips the broken ones', async () => {
    await modelDir('good', { domain: 'image', embeddingDim: 8 });
    await modelDir('broken', { domain: 'image', embeddingDim: 8, broken: true });
    await modelDir('bad-dim', { domain: 'text', embeddingDim: 0 });
    await mkdir(join(root, 'no-manifest'));
    await writeFile(join(root, 'stray.txt'), 'not a model');
    const logger = recordingLogger();

    const registry = await loadModelsDir(root, loader, logger);

    expect(registry.names()).toEqual(['good']);
    expect(registry.get('good').manifest.embeddingDim).toBe(8);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors.map((l) => basename(String(l.fields?.dir)))).toEqual(['bad-dim', 'broken']);
    expect(errors[1].fields).toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    expect(registry.skipped.map((m) => [basename(m.dir), m.code])).toEqual([
      ['bad-dim', 'MODEL_INVALID'],
      ['broken', 'MODEL_LOAD_FAILED'],
    ]);
    expect(registry.skipped[1].message).toBe('weights missing in broken');
    expect(String(errors[0].fields?.error)).toMatch(/embeddingDim/);
    // The model that loaded but broke the port was released.
    expect(disposed).toContain('bad-dim');
    expect(logger.lines.find((l) => l.level === 'info')?.fields).toMatchObject({
      name: 'good',
      embeddingDim: 8,
    });
  });

  it('loads root itself when it holds a manifest, beside its subdirectories', async () => {
    await writeFile(
      join(root, 'manifest.json'),
      JSON.stringify({ domain: 'text', embeddingDim: 2 }),
    );
    await modelDir('child', { domain: 'image', embeddingDim: 4 });

    const registry = await loadModelsDir(root, loader);
    expect(registry.names()).toEqual([basename(root), 'child'].sort());
  });

  it('skips a second model with a name already taken', async () => {
    await modelDir('a', { domain: 'text', embeddingDim: 2, name: 'same' });
    await modelDir('b', { domain: 'text', embeddingDim: 2, name: 'same' });
    const logger = recordingLogger();

    const registry = await loadModelsDir(root, loader, logger);
    expect(registry.size).toBe(1);
    expect(logger.lines.some((l) => l.level === 'error' && /already taken/.test(l.msg))).toBe(true);
    expect(registry.skipped).toEqual([
      {
        dir: join(root, 'b'),
        code: 'MODEL_DUPLICATE',
        message: 'another directory already serves a model named "same"',
      },
    ]);
  });

  it('warns when nothing loads and fails when root is not a directory', async () => {
    const logger = recordingLogger();
    expect((await loadModelsDir(root, loader, logger)).size).toBe(0);
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);

    await expect(loadModelsDir(join(root, 'missing'), loader)).rejects.toMatchObject({
      code: 'MODELS_DIR_NOT_FOUND',
    });
  });

  it('warns about a model served without its stale index', async () => {
    const reason = 'the search index in m was built with other weights';
    await modelDir('m', { domain: 'image', embeddingDim: 8, staleIndex: reason });
    const logger = recordingLogger();

    const registry = await loadModelsDir(root, loader, logger);

    expect(registry.get('m').index).toBeUndefined();
    const warned = logger.lines.filter((l) => l.level === 'warn');
    expect(warned).toEqual([
      expect.objectContaining({
        msg: 'model served without its stale search index',
        fields: expect.objectContaining({ name: 'm', reason }),
      }),
    ]);
  });

  it('reloads a model whose index was rebuilt, though its weights are the same', async () => {
    const dir = await modelDir('m', { domain: 'image', embeddingDim: 8 });
    const first = await loadModelsDir(root, loader);
    const unchanged = await loadModelsDir(root, loader, undefined, first);
    expect(unchanged.get('m')).toBe(first.get('m'));

    await writeFile(join(dir, 'index.json'), '{}');
    const reindexed = await loadModelsDir(root, loader, undefined, unchanged);
    expect(reindexed.get('m')).not.toBe(first.get('m'));
  });
});
