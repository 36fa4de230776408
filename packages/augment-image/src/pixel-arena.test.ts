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

  it('takes back only outputs it handed out, each once, and reuses them in a later run', () => {
    const arena = new PixelArena();
    const input = new Float32Array(8);
    const run = (passThrough: boolean) =>
      withArena(
        arena,
        () => (passThrough ? input : allocPixels(8).fill(2)),
        (r) => r,
      );
    const a = run(false);
    expect(arena.give(new Float32Array(8))).toBe(false);
    expect(arena.give(run(true))).toBe(false);
    expect(arena.give(a)).toBe(true);
    expect(arena.give(a)).toBe(false);
    const b = run(false);
    expect(b).toBe(a);
    const c = run(false);
    expect(c).not.toBe(b);
    expect(b.every((v) => v === 2)).toBe(true);
  });
});
