import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import { allocPixels } from './pixel-arena.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link rotation}. */
export interface RotationOptions {
  /** The angle is uniform in `[-degrees, degrees]`; default 10. */
  degrees?: number;
  /** Value (every channel) of pixels that come from outside the source, in [0, 1]; default 0. */
  fill?: number;
}

/** What {@link rotation} records: the angle in degrees, counter-clockwise. */
export interface RotationParams {
  angle: number;
}

/** Option specs of {@link rotation}. */
export const rotationSpecs: ParamSpecs = {
  degrees: { kind: 'number', min: 0, max: 180, default: 10, doc: 'angle uniform in [-d, d]' },
  fill: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value outside the source' },
};

/**
 * Rotates by an angle uniform in `[-degrees, degrees]` (counter-clockwise for positive angles, as
 * torchvision) about the image centre, keeping the size; bilinear, with `fill` outside the
 * source. Angle 0 returns the input object itself.
 *
 * @param options see {@link RotationOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * rotation({ degrees: 10 }).run(img, rng).record.params; // { angle: -3.7 }
 */
export function rotation(options?: RotationOptions): Transform<RawImage, RotationParams> {
  const o = resolveOptions('rotation', rotationSpecs, options);
  const degrees = o.degrees as number;
  const fill = o.fill as number;
  return defineImageTransform<RotationParams>({
    name: 'rotation',
    options: o,
    sample: (_img, rng) => ({ angle: rng.uniform(-degrees, degrees) }),
    apply(img, params) {
      if (typeof params?.angle !== 'number' || !Number.isFinite(params.angle)) {
        throw badRecord('rotation', 'an angle in degrees', params);
      }
      return params.angle === 0 ? img : rotate(img, params.angle, fill);
    },
  });
}

/**
 * Rotates `img` by `angle` degrees counter-clockwise about its centre (`((W-1)/2, (H-1)/2)` in
 * pixel indices), same size, bilinear, `fill` outside. Returns a new image.
 */
export function rotate(img: RawImage, angle: number, fill: number): RawImage {
  const { width: w, height: h, channels: c } = img;
  const src = img.data;
  const out = allocPixels(src.length);
  const rad = (angle * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const stride = w * c;
  const maxX = w - 1;
  const maxY = h - 1;

  let o = 0;
  for (let y = 0; y < h; y++) {
    const oy = y - cy;
    // Inverse map: the source point that lands on (x, y); a CCW turn in y-down coordinates.
    let sx = cx - sin * oy - cos * cx;
    let sy = cy + cos * oy - sin * cx;
    for (let x = 0; x < w; x++, sx += cos, sy += sin, o += c) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      if (x0 >= 0 && y0 >= 0 && x0 < maxX && y0 < maxY) {
        const a = y0 * stride + x0 * c;
        const b = a + stride;
        for (let k = 0; k < c; k++) {
          const top = src[a + k] + (src[a + c + k] - src[a + k]) * fx;
          const bot = src[b + k] + (src[b + c + k] - src[b + k]) * fx;
          out[o + k] = top + (bot - top) * fy;
        }
        continue;
      }
      if (x0 < -1 || y0 < -1 || x0 > maxX || y0 > maxY) {
        for (let k = 0; k < c; k++) out[o + k] = fill;
        continue;
      }
      // On the border: each of the four neighbours is a source pixel or the fill value.
      const in00 = x0 >= 0 && y0 >= 0 && x0 <= maxX && y0 <= maxY;
      const in10 = x0 + 1 <= maxX && x0 + 1 >= 0 && y0 >= 0 && y0 <= maxY;
      const in01 = x0 >= 0 && x0 <= maxX && y0 + 1 <= maxY && y0 + 1 >= 0;
      const in11 = x0 + 1 <= maxX && x0 + 1 >= 0 && y0 + 1 <= maxY && y0 + 1 >= 0;
      const a = y0 * stride + x0 * c;
      for (let k = 0; k < c; k++) {
        const v00 = in00 ? src[a + k] : fill;
        const v10 = in10 ? src[a + c + k] : fill;
        const v01 = in01 ? src[a + stride + k] : fill;
        const v11 = in11 ? src[a + stride + c + k] : fill;
        const top = v00 + (v10 - v00) * fx;
        const bot = v01 + (v11 - v01) * fx;
        out[o + k] = top + (bot - top) * fy;
      }
    }
  }
  return { width: w, height: h, channels: img.channels, data: out };
}
