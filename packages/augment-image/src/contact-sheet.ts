import { ManyViewsError } from '@manyviews/augment-core';
import { assertImage, type RawImage } from './raw-image.js';
import { resampleBox } from './resample.js';

/** Options of {@link contactSheet}. */
export interface ContactSheetOptions {
  /** Side of the square cell each image is fitted into, in pixels; default 128. */
  cell?: number;
  /** Pixels between cells and around the sheet; default 4. */
  gap?: number;
  /** Gray level of the gaps and of letterboxing, in [0, 1]; default 1 (white). */
  background?: number;
  /**
   * Pixels of `background` left under each cell for a caption, in [0, 1024]; default 0. The
   * cells keep their pixels; only the rows below move down. See {@link captionedContactSheet}.
   */
  strip?: number;
}

/**
 * Lays images out in a grid, one row per list, for previews: each image is scaled to fit a
 * `cell` x `cell` square keeping its aspect ratio (bilinear, box-averaged first when shrinking
 * by 2x or more so a 500-pixel photo does not alias), centred; gray becomes RGB, alpha is
 * composited onto `background`, values are clamped to [0, 1]. Rows may differ in length.
 *
 * @param rows the images, row by row (at least one image in all)
 * @param options see {@link ContactSheetOptions}
 * @returns an RGB image of `gap + cols (cell + gap)` x `gap + rows (cell + strip + gap)`
 * @throws {ManyViewsError} `IMAGE_INVALID` for no images or bad options
 * @example
 * const sheet = contactSheet([[input, ...views]], { cell: 160 });
 * await writeFile('sheet.png', await encodePng(sheet));
 */
export function contactSheet(
  rows: readonly (readonly RawImage[])[],
  options: ContactSheetOptions = {},
): RawImage {
  const { cell = 128, gap = 4, background = 1, strip = 0 } = options;
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const okOptions =
    Number.isInteger(cell) &&
    cell >= 1 &&
    cell <= 4096 &&
    Number.isInteger(gap) &&
    gap >= 0 &&
    gap <= 256 &&
    background >= 0 &&
    background <= 1 &&
    Number.isInteger(strip) &&
    strip >= 0 &&
    strip <= 1024;
  if (!okOptions || cols === 0) {
    throw new ManyViewsError('IMAGE_INVALID', 'contactSheet: nothing to lay out', {
      expected:
        'at least one image, cell in [1, 4096], gap in [0, 256], background in [0, 1], ' +
        'strip in [0, 1024]',
      received: `${cols} columns, cell ${cell}, gap ${gap}, background ${background}, strip ${strip}`,
    });
  }

  const width = gap + cols * (cell + gap);
  const height = gap + rows.length * (cell + strip + gap);
  const data = new Float32Array(width * height * 3).fill(background);
  rows.forEach((row, r) => {
    row.forEach((img, c) => {
      assertImage(img, 'contactSheet');
      const fitted = fit(img, cell);
      const x0 = gap + c * (cell + gap) + ((cell - fitted.width) >> 1);
      const y0 = gap + r * (cell + strip + gap) + ((cell - fitted.height) >> 1);
      paste(fitted, data, width, x0, y0, background);
    });
  });
  return { width, height, channels: 3, data };
}

/** Scales `img` so its longer side is `cell`, box-averaging first when shrinking a lot. */
function fit(img: RawImage, cell: number): RawImage {
  let x = img;
  while (Math.max(x.width, x.height) >= 2 * cell && x.width >= 2 && x.height >= 2) x = halve(x);
  const scale = cell / Math.max(x.width, x.height);
  const w = Math.max(1, Math.round(x.width * scale));
  const h = Math.max(1, Math.round(x.height * scale));
  return resampleBox(x, { x: 0, y: 0, w: x.width, h: x.height }, w, h);
}

/** A 2x2 box average (an odd last row or column is dropped). */
function halve(img: RawImage): RawImage {
  const c = img.channels;
  const w = img.width >> 1;
  const h = img.height >> 1;
  const out = new Float32Array(w * h * c);
  const s = img.data;
  const stride = img.width * c;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * stride + 2 * x * c;
      for (let k = 0; k < c; k++) {
        out[(y * w + x) * c + k] =
          0.25 * (s[i + k] + s[i + c + k] + s[i + stride + k] + s[i + stride + c + k]);
      }
    }
  }
  return { width: w, height: h, channels: img.channels, data: out };
}

function paste(
  img: RawImage,
  dst: Float32Array,
  dstWidth: number,
  x0: number,
  y0: number,
  background: number,
): void {
  const c = img.channels;
  const s = img.data;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * c;
      const o = ((y0 + y) * dstWidth + x0 + x) * 3;
      const a = c === 4 ? clamp(s[i + 3]) : 1;
      for (let k = 0; k < 3; k++) {
        const v = clamp(c === 1 ? s[i] : s[i + k]);
        dst[o + k] = a * v + (1 - a) * background;
      }
    }
  }
}

function clamp(v: number): number {
  return v > 0 ? Math.min(v, 1) : 0;
}
