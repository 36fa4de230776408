import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../testing/http.js';
import type { CollectionStore } from './collection-store.js';
import { openLocalStore } from './local-store.js';
import { compileFilter } from './metadata-filter.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mv-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const v = (...x: number[]) => Float32Array.from(x);
const spec = { name: 'c', model: 'm', modelVersion: 'v1', dim: 2 };

async function fresh(name: string, compactBytes?: number): Promise<[CollectionStore, string]> {
  const at = path.join(dir, name);
  return [await openLocalStore({ dir: at, compactBytes }), at];
}

describe('openLocalStore', () => {
  it('creates, writes, searches, deletes and refuses what it should', async () => {
    const store = await openLocalStore();
    await store.create(spec);
    await expect(store.create(spec)).rejects.toMatchObject({ code: 'COLLECTION_EXISTS' });

    expect(
      await store.write('c', [{ id: 'a', vector: v(1, 0), metadata: { t: 'x' } }], 'add'),
    ).toEqual({
      added: 1,
      updated: 0,
    });
    await expect(
      store.write('c', [{ id: 'a', vector: v(1, 0), metadata: {} }], 'add'),
    ).rejects.toMatchObject({
      code: 'ITEM_EXISTS',
    });
    const both = [
      { id: 'a', vector: v(0, 1), metadata: { t: 'y' } },
      { id: 'b', vector: v(1, 1), metadata: { t: 'x' } },
    ];
    expect(await store.write('c', both, 'upsert')).toEqual({ added: 1, updated: 1 });
    await expect(
      store.write('c', [{ id: 'z', vector: v(1, 0, 0), metadata: {} }], 'add'),
    ).rejects.toMatchObject({
      code: 'INVALID_VECTOR',
    });
    await expect(
      store.write('c', [{ id: 'z', vector: v(0, 0), metadata: {} }], 'add'),
    ).rejects.toMatchObject({
      code: 'INVALID_VECTOR',
    });

    const hits = await store.search('c', v(1, 0), { k: 5, filter: compileFilter({ t: 'x' }) });
    expect(hits.map((h) => h.id)).toEqual(['b']);
    expect(await store.remove('c', ['a', 'nope'])).toEqual({ deleted: ['a'], missing: ['nope'] });
    expect((await store.info('c')).count).toBe(1);
    await store.drop('c');
    await expect(store.info('c')).rejects.toMatchObject({ code: 'COLLECTION_NOT_FOUND' });
  });

  it('leaves one log however often it is reopened with nothing to replay', async () => {
    const [store, at] = await fresh('reopen-idle');
    await store.create(spec);
    await store.write('c', [{ id: 'a', vector: v(1, 0), metadata: {} }], 'add');
    await store.close();

    for (let i = 0; i < 3; i++) {
      const again = await openLocalStore({ dir: at });
      expect((await again.info('c')).count).toBe(1);
      await again.close();
      expect((await readdir(at)).filter((f) => f.endsWith('.log'))).toHaveLength(1);
    }
  });

  it('reopens with everything written, through the log and through snapshots', async () => {
    // A tiny compaction threshold: most writes cross it, so both paths are exercised.
    const [store, at] = await fresh('reopen', 512);
    await store.create(spec);
    for (let i = 0; i < 40; i++) {
      await store.write('c', [{ id: `i${i}`, vector: v(1, i), metadata: { i } }], 'add');
    }
    await store.remove('c', ['i3', 'i7']);
    // An empty collection in a snapshot once zeroed its checksum (see writeSnapshot).
    await store.create({ ...spec, name: 'empty' });
    await store.create({ ...spec, name: 'gone' });
    await store.drop('gone');
    await store.close();

    const again = await openLocalStore({ dir: at });
    expect((await again.list()).map((c) => [c.name, c.count])).toEqual([
      ['c', 38],
      ['empty', 0],
    ]);
    expect(await again.get('c', 'i3')).toBeUndefined();
    const item = (await again.get('c', 'i9'))!;
    expect(item.metadata).toEqual({ i: 9 });
    expect(item.modelVersion).toBe('v1');
    expect(item.vector[1] / item.vector[0]).toBeCloseTo(9, 4);
    await again.close();

    // Opening folded the log into the snapshot: one fresh log is left.
    expect((await readdir(at)).filter((f) => f.endsWith('.log'))).toHaveLength(1);
  });

  it('keeps every acknowledged write when the writer is killed with SIGKILL mid-write', async () => {
    const bundle = await writerBundle();
    const at = path.join(dir, 'crash');
    const added = new Set<string>();
    const deleted = new Set<string>();
    const deleting = new Set<string>();

    let start = 0;
    for (const round of [0, 1]) {
      const lines = await runUntilKilled(
        spawn(process.execPath, [bundle, at, String(start)]),
        400 + round * 200,
      );
      for (const line of lines) {
        const [what, op, id] = line.split(' ');
        if (what === 'ack' && op === 'add') added.add(id);
        if (what === 'start') deleting.add(id);
        if (what === 'ack' && op === 'del') deleted.add(id);
      }
      start = 100_000 * (round + 1);
    }
    expect(added.size).toBeGreaterThanOrEqual(600);

    const store = await openLocalStore({ dir: at });
    for (const id of added) {
      const item = await store.get('crash', id);
      if (deleted.has(id)) expect({ id, item }).toEqual({ id, item: undefined });
      // An unacknowledged delete may or may not have landed; an acknowledged add must be there.
      else if (!deleting.has(id))
        expect({ id, found: item !== undefined }).toEqual({ id, found: true });
    }
    const i = Number([...added].find((id) => !deleting.has(id))!.slice(5));
    const item = (await store.get('crash', `item-${i}`))!;
    expect(item.metadata).toEqual({ i });
    await store.close();
  });
});

let bundled: Promise<string> | undefined;

/** Bundles src/testing/store-writer.ts into one .mjs a child `node` runs (once per file). */
function writerBundle(): Promise<string> {
  bundled ??= (async () => {
    const bundle = path.join(dir, 'store-writer.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('../testing/store-writer.ts', import.meta.url))],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      // The aliases of vitest.config.ts do not apply here; the writer needs only augment-core.
      alias: {
        '@manyviews/augment-core': fileURLToPath(
          new URL('../../../../packages/augment-core/src/index.ts', import.meta.url),
        ),
      },
      logLevel: 'silent',
    });
    return bundle;
  })();
  return bundled;
}

describe('openLocalStore when a compaction fails', () => {
  it('logs it at error and goes on acknowledging; the next open refuses with its code', async () => {
    const at = path.join(dir, 'no-compaction');
    const logger = recordingLogger();
    const store = await openLocalStore({ dir: at, compactBytes: 256, logger });
    await store.create(spec);
    // A directory where the temporary snapshot goes: every snapshot write fails.
    await mkdir(path.join(at, 'snapshot.bin.tmp'));
    for (let i = 0; i < 20; i++) {
      await store.write('c', [{ id: `i${i}`, vector: v(1, i), metadata: { i } }], 'add');
    }
    await store.close();
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'compaction failed',
        fields: expect.objectContaining({ dir: at, code: 'STORE_COMPACTION_FAILED' }),
      }),
    );

    await expect(openLocalStore({ dir: at })).rejects.toMatchObject({
      code: 'STORE_COMPACTION_FAILED',
      message: expect.stringContaining(`cannot compact the store ${at}`),
    });
    // The failed open released the lock, and the logs kept every acknowledged write.
    await rm(path.join(at, 'snapshot.bin.tmp'), { recursive: true });
    const again = await openLocalStore({ dir: at });
    expect((await again.info('c')).count).toBe(20);
    await again.close();
  });
});

describe('openLocalStore locks its directory', () => {
  it('refuses a second open in this process until the first is closed', async () => {
    const [store, at] = await fresh('lock-here');
    await expect(openLocalStore({ dir: at })).rejects.toMatchObject({
      code: 'STORE_LOCKED',
      message: expect.stringContaining(`${at} is in use by process ${process.pid}`),
    });
    await store.create(spec);
    await store.close();

    const again = await openLocalStore({ dir: at });
    expect((await again.list()).map((c) => c.name)).toEqual(['c']);
    await again.close();
    expect(await readdir(at)).not.toContain('store.lock');
  });

  it('refuses a child process the directory this process holds', async () => {
    const [store, at] = await fresh('lock-parent');
    const child = spawn(process.execPath, [await writerBundle(), at, '0']);
    const [code, stderr] = await exited(child);
    expect(code).not.toBe(0);
    expect(stderr).toContain('STORE_LOCKED');
    expect(stderr).toContain(`in use by process ${process.pid}`);
    await store.close();
  });

  it('refuses the directory a live child holds, and takes it over once the child is killed', async () => {
    const at = path.join(dir, 'lock-child');
    const child = spawn(process.execPath, [await writerBundle(), at, '0']);
    const acked = runUntilKilled(child, 50, () =>
      expect(openLocalStore({ dir: at })).rejects.toMatchObject({
        code: 'STORE_LOCKED',
        received: String(child.pid),
      }),
    );
    const lines = await acked;

    const logger = recordingLogger();
    const store = await openLocalStore({ dir: at, logger });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'took over a stale store lock',
        fields: { dir: at, deadPid: child.pid },
      }),
    );
    const last = lines
      .filter((l) => l.startsWith('ack add'))
      .pop()!
      .split(' ')[2];
    expect(await store.get('crash', last)).toBeDefined();
    await store.close();
  });

  it('takes over a lock whose pid is dead, or that holds no pid', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await exited(dead);
    for (const content of [`${dead.pid}\n`, 'not a pid']) {
      const at = path.join(dir, `stale-${content.length}`);
      await mkdir(at);
      await writeFile(path.join(at, 'store.lock'), content);
      const store = await openLocalStore({ dir: at });
      expect(await readFile(path.join(at, 'store.lock'), 'utf8')).toBe(`${process.pid}\n`);
      await store.close();
    }
  });

  it('refuses a file as its directory with STORE_INVALID', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'x');
    for (const at of [file, path.join(file, 'below')]) {
      await expect(openLocalStore({ dir: at })).rejects.toMatchObject({
        code: 'STORE_INVALID',
        message: expect.stringContaining('expected a directory'),
      });
    }
  });
});

/** Resolves with a child's exit code and what it wrote on stderr. */
function exited(child: ChildProcess): Promise<[number | null, string]> {
  return new Promise((resolve) => {
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve([code, stderr]));
  });
}

/** Reads a writer's lines until `acks` adds were acknowledged, then SIGKILLs it mid-stream. */
function runUntilKilled(
  child: ChildProcess,
  acks: number,
  beforeKill: () => Promise<unknown> = async () => {},
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffered = '';
    let count = 0;
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('ack add') && ++count === acks) {
          beforeKill().then(
            () => child.kill('SIGKILL'),
            (e) => {
              child.kill('SIGKILL');
              reject(e);
            },
          );
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

describe('openLocalStore with an approximate index', () => {
  it('builds it in the background past minItems, logs it, and answers through it', async () => {
    const logger = recordingLogger();
    const store = await openLocalStore({ logger, approximate: { minItems: 2000, probes: 4 } });
    await store.create({ ...spec, dim: 3 });
    const items = Array.from({ length: 2500 }, (_, i) => {
      const t = (i * 2 * Math.PI) / 2500;
      return { id: `p${i}`, vector: v(Math.cos(t), Math.sin(t), (i % 10) / 10), metadata: { i } };
    });
    for (let i = 0; i < items.length; i += 500)
      await store.write('c', items.slice(i, i + 500), 'add');
    await vi.waitFor(() => {
      expect(logger.lines.map((l) => l.msg)).toContain('approximate index built');
    });

    const q = v(1, 0.01, 0.5);
    const exact = await store.search('c', q, { k: 10, exact: true });
    const approx = await store.search('c', q, { k: 10 });
    const truth = new Set(exact.map((h) => h.id));
    expect(approx.filter((h) => truth.has(h.id)).length).toBeGreaterThanOrEqual(8);
    const keep = compileFilter({ i: { $lt: 5 } });
    expect((await store.search('c', q, { k: 10, filter: keep })).map((h) => h.id).sort()).toEqual([
      'p0',
      'p1',
      'p2',
      'p3',
      'p4',
    ]);
  });

  it.each([{ minItems: 0 }, { probes: 1.5 }, { lists: -1 }])('refuses %j', async (approximate) => {
    await expect(openLocalStore({ approximate })).rejects.toMatchObject({
      code: 'INVALID_STORE_OPTION',
    });
  });
});
