import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syntheticImages, testRecipe } from '../test-fixtures.js';
import { ImageViewPool } from './image-view-pool.js';

const size = 12;

async function collect(pool: ImageViewPool, epochs: number, from = 0) {
  const out = [];
  for await (const batch of pool.batches(epochs, from)) out.push(batch);
  return out;
}

describe('ImageViewPool', () => {
  const { images } = syntheticImages(40, size);
  const options = {
    images,
    count: 40,
    width: size,
    height: size,
    recipe: testRecipe(size),
    seed: 5,
    batchSize: 16,
  };

  it('yields full batches in a seeded order, and resumes where asked', async () => {
    const pool = new ImageViewPool({ ...options, workers: 0 });
    expect(pool.stepsPerEpoch).toBe(2);
    const all = await collect(pool, 2);
    expect(all.map((b) => [b.epoch, b.step])).toEqual([
      [0, 0],
      [0, 1],
      [1, 2],
      [1, 3],
    ]);
    expect(all[0].data.length).toBe(2 * 16 * size * size);
    expect(all[2].data).not.toEqual(all[0].data);

    const again = await collect(new ImageViewPool({ ...options, workers: 0 }), 2, 2);
    expect(again.map((b) => b.step)).toEqual([2, 3]);
    expect(again[0].data).toEqual(all[2].data);
  });

  it('makes RGB views of RGB images, with colour kept per channel', async () => {
    const rgb = new Uint8Array(40 * size * size * 3);
    // Red images: a crop and a flip move pixels but never mix channels.
    for (let p = 0; p < rgb.length; p += 3) rgb[p] = 255;
    const pool = new ImageViewPool({ ...options, images: rgb, channels: 3, workers: 0 });
    const [first] = await collect(pool, 1);
    expect(first.inputShape).toEqual([size * size * 3]);
    expect(first.data.length).toBe(2 * 16 * size * size * 3);
    expect([first.data[0], first.data[1], first.data[2]]).toEqual([1, -1, -1]);
  });

  it('makes the same views on worker threads as on the calling thread', async (ctx) => {
    const built = new URL('../../dist/views/view-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(built))) ctx.skip();
    const local = await collect(new ImageViewPool({ ...options, workers: 0 }), 1);
    const pool = new ImageViewPool({ ...options, workers: 2 });
    const threaded = await collect(pool, 1);
    await pool.close();
    expect(threaded.map((b) => b.data)).toEqual(local.map((b) => b.data));
  });

  it('reports a worker’s failure once, without unhandled rejections from batches in flight', async (ctx) => {
    const built = new URL('../../dist/views/view-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(built))) ctx.skip();
    const pool = new ImageViewPool({
      ...options,
      workers: 1,
      prefetch: 3,
      recipe: { ...testRecipe(size), pipeline: [{ type: 'randomResizedCrop', size: 8 }] },
    });
    await expect(collect(pool, 2)).rejects.toMatchObject({ code: 'VIEW_SHAPE_MISMATCH' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
  });

  it('validates its options where it is built', async () => {
    expect(() => new ImageViewPool({ ...options, batchSize: 41 })).toThrow(/batchSize/);
    expect(() => new ImageViewPool({ ...options, views: 1 })).toThrow(/at least 2/);
    expect(
      () =>
        new ImageViewPool({
          ...options,
          recipe: { ...testRecipe(size), pipeline: [{ type: 'nope' }] },
        }),
    ).toThrow(/pipeline\[0\]\.type/);
    await expect(
      new ImageViewPool({
        ...options,
        workers: 0,
        recipe: { ...testRecipe(size), pipeline: [{ type: 'randomResizedCrop', size: 8 }] },
      })
        .batches(1)
        .next(),
    ).rejects.toMatchObject({ code: 'VIEW_SHAPE_MISMATCH' });
  });
});
