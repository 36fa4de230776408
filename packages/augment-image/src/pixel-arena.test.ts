import { describe, expect, it } from 'vitest';
import { allocPixels, PixelArena, withArena } from './pixel-arena.js';

describe('PixelArena', () => {
  it('reuses intermediates across runs and hands the output to the caller', () => {
    const arena = new PixelArena();
    let firstTemp: Float32Array | undefined;
    const run = () =>
      withArena(
        arena,
        () => {
          const temp = allocPixels(8);
          firstTemp ??= temp;
          const out = allocPixels(8);
          out.fill(1);
          return { temp, out };
        },
        (r) => r.out,
      );
    const a = run();
    const b = run();
    expect(b.temp).toBe(firstTemp);
    expect(b.out).not.toBe(a.out);
    expect(a.out.every((v) => v === 1)).toBe(true);
  });

  it('allocates fresh zeroed buffers outside an arena and frees everything on a throw', () => {
    const plain = allocPixels(4);
    expect(Array.from(plain)).toEqual([0, 0, 0, 0]);
    const arena = new PixelArena();
    let lost: Float32Array | undefined;
    expect(() =>
      withArena(
        arena,
        () => {
          lost = allocPixels(4);
          throw new Error('boom');
        },
        () => undefined,
      ),
    ).toThrow('boom');
    expect(
      withArena(
        arena,
        () => allocPixels(4),
        (r) => r,
      ),
    ).toBe(lost);
  });
});
