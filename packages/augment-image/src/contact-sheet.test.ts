import { describe, expect, it } from 'vitest';
import { contactSheet } from './contact-sheet.js';
import type { RawImage } from './raw-image.js';
import { syntheticScene } from './synthetic-scene.js';

describe('contactSheet', () => {
  it('lays rows out in cells with gaps, fitting each image and keeping its aspect', () => {
    const wide = syntheticScene(40, 20, 3);
    const gray: RawImage = {
      width: 10,
      height: 10,
      channels: 1,
      data: new Float32Array(100).fill(0.25),
    };
    const sheet = contactSheet([[wide, gray], [gray]], { cell: 20, gap: 2, background: 1 });
    expect([sheet.width, sheet.height, sheet.channels]).toEqual([2 + 2 * 22, 2 + 2 * 22, 3]);
    const px = (x: number, y: number) =>
      sheet.data.slice((y * sheet.width + x) * 3, (y * sheet.width + x) * 3 + 3);
    expect(Array.from(px(0, 0))).toEqual([1, 1, 1]);
    // The wide image is 20x10 in a 20x20 cell: letterboxed above and below.
    expect(Array.from(px(12, 3))).toEqual([1, 1, 1]);
    expect(px(12, 12)[2]).toBeLessThan(1);
    // The gray image spans its whole cell, spread over R, G and B.
    expect(Array.from(px(2 + 22 + 10, 2 + 10))).toEqual([0.25, 0.25, 0.25]);
    expect(Array.from(px(2 + 22 + 10, 2 + 22 + 10))).toEqual([1, 1, 1]);
  });

  it('composites alpha onto the background and refuses an empty sheet', () => {
    const clear: RawImage = { width: 2, height: 2, channels: 4, data: new Float32Array(16) };
    const sheet = contactSheet([[clear]], { cell: 2, gap: 0, background: 0.5 });
    expect(Array.from(sheet.data)).toEqual(new Array(12).fill(0.5));
    expect(() => contactSheet([[]])).toThrow(/IMAGE_INVALID|nothing to lay out/);
    expect(() => contactSheet([[clear]], { cell: 0 })).toThrow(/cell/);
  });
});
