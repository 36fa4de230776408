import { describe, expect, it } from 'vitest';
import { captionedContactSheet, escapeXml, layoutCaption } from './captioned-sheet.js';
import { contactSheet } from './contact-sheet.js';
import type { RawImage } from './raw-image.js';
import { syntheticScene } from './synthetic-scene.js';

function cellPixels(sheet: RawImage, x0: number, y0: number, side: number): number[] {
  const out: number[] = [];
  for (let y = y0; y < y0 + side; y++) {
    const row = sheet.data.subarray((y * sheet.width + x0) * 3, (y * sheet.width + x0 + side) * 3);
    out.push(...row);
  }
  return out;
}

describe('captionedContactSheet', () => {
  it('adds a strip under each row, keeps the cells pixel for pixel, and inks only the strips', async () => {
    const a = syntheticScene(60, 40, 3);
    const b = syntheticScene(30, 30, 1);
    const rows = [[a, b], [b]];
    const plain = contactSheet(rows, { cell: 64, gap: 4 });
    const sheet = await captionedContactSheet(
      rows,
      [[['a.png', 'input 0'], ['view 0']], [['b.png']]],
      { cell: 64, gap: 4 },
    );
    // cell 64: a 9-pixel font, 11-pixel lines; two lines at most and 3 pixels above and below.
    const strip = 2 * 11 + 6;
    expect([plain.width, plain.height]).toEqual([4 + 2 * 68, 4 + 2 * 68]);
    expect([sheet.width, sheet.height]).toEqual([plain.width, 4 + 2 * (64 + strip + 4)]);

    expect(cellPixels(sheet, 4, 4, 64)).toEqual(cellPixels(plain, 4, 4, 64));
    expect(cellPixels(sheet, 72, 4, 64)).toEqual(cellPixels(plain, 72, 4, 64));
    expect(cellPixels(sheet, 4, 4 + 64 + strip + 4, 64)).toEqual(cellPixels(plain, 4, 72, 64));

    // Some ink under the first cell, none under the blank cell of the second row.
    const under = (x0: number, y0: number) =>
      Math.min(...cellPixels(sheet, x0, y0, strip).slice(0, strip * 64 * 3));
    expect(under(4, 68)).toBeLessThan(0.5);
    expect(under(72, 4 + 64 + strip + 4 + 64)).toBe(1);
  });

  it('is contactSheet when no caption has a line', async () => {
    const rows = [[syntheticScene(20, 20, 3)]];
    const sheet = await captionedContactSheet(rows, [[[]]], { cell: 32 });
    expect(Array.from(sheet.data)).toEqual(Array.from(contactSheet(rows, { cell: 32 }).data));
    await expect(captionedContactSheet(rows, [], { maxLines: 0 })).rejects.toMatchObject({
      code: 'IMAGE_INVALID',
    });
  });

  it('renders a file name with XML specials', async () => {
    const rows = [[syntheticScene(20, 20, 3)]];
    const sheet = await captionedContactSheet(rows, [[['a<b>&"c".png']]], { cell: 128 });
    expect(sheet.height).toBeGreaterThan(4 + 128 + 4);
  });
});

describe('escapeXml', () => {
  it('escapes the five specials and replaces what XML cannot hold', () => {
    expect(escapeXml('a<b>&"c".png')).toBe('a&lt;b&gt;&amp;&quot;c&quot;.png');
    expect(escapeXml("it's\u0001\ud800.png")).toBe('it&apos;s??.png');
    expect(escapeXml('ok 😀 é')).toBe('ok 😀 é');
  });
});

describe('layoutCaption', () => {
  it('wraps after ", " first, then at spaces, and cuts past maxLines with an ellipsis', () => {
    expect(layoutCaption(['view 3', 'crop 45%, flip, blur σ0.45'], 16, 4)).toEqual([
      'view 3',
      'crop 45%, flip,',
      'blur σ0.45',
    ]);
    expect(layoutCaption(['abcdefghij'], 4, 2)).toEqual(['abcd', 'efg…']);
  });
});
