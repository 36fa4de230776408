import { describe, expect, it } from 'vitest';
import { resizeBicubic } from './bicubic-resize.js';

describe('resizeBicubic', () => {
  it('keeps the corners and reproduces a linear ramp exactly', () => {
    const rows = 4;
    const cols = 5;
    const src = Float32Array.from(
      { length: rows * cols },
      (_, i) => 2 * Math.floor(i / cols) + 3 * (i % cols),
    );
    const out = resizeBicubic(src, rows, cols, 7, 9);
    expect(out.length).toBe(63);
    for (let r = 0; r < 7; r++) {
      for (let c = 0; c < 9; c++) {
        const y = (r * (rows - 1)) / 6;
        const x = (c * (cols - 1)) / 8;
        // Keys' kernel reproduces linear functions away from the clamped borders.
        if (y >= 1 && y <= rows - 2 && x >= 1 && x <= cols - 2)
          expect(out[r * 9 + c]).toBeCloseTo(2 * y + 3 * x, 4);
      }
    }
    expect(out[0]).toBeCloseTo(src[0], 6);
    expect(out[62]).toBeCloseTo(src[19], 6);
  });

  it('is the identity at the same size', () => {
    const src = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i));
    const out = resizeBicubic(src, 3, 4, 3, 4);
    for (let i = 0; i < 12; i++) expect(out[i]).toBeCloseTo(src[i], 6);
  });
});
