import { allocPixels } from './pixel-arena.js';
import type { RawImage } from './raw-image.js';

/**
 * An inverse affine map, output pixel to source point: `sx = a x + b y + c`, `sy = d x + e y + f`,
 * in pixel indices (pixel `(0, 0)` is the top-left pixel's centre).
 */
export type AffineMatrix = readonly [number, number, number, number, number, number];

/**
 * An inverse homography, row-major 3x3 with the last entry free:
 * `sx = (h0 x + h1 y + h2) / (h6 x + h7 y + h8)`, `sy = (h3 x + h4 y + h5) / (h6 x + h7 y + h8)`.
 */
export type Homography = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/**
 * Warps `img` through an inverse affine map in one bilinear pass (each output pixel reads the
 * source point `matrix` sends it to); points outside the source read `fill` in every channel, and
 * border pixels blend the source with `fill`, as torchvision's `F.affine` on tensors does.
 *
 * @param img source, any channel count
 * @param matrix the inverse map, see {@link AffineMatrix}
 * @param fill value in [0, 1] outside the source
 * @param width output width; default the source's
 * @param height output height; default the source's
 * @returns a new image
 */
export function warpAffine(
  img: RawImage,
  matrix: AffineMatrix,
  fill: number,
  width = img.width,
  height = img.height,
): RawImage {
  const [a, b, c, d, e, f] = matrix;
  const out = allocPixels(width * height * img.channels);
  let o = 0;
  for (let y = 0; y < height; y++) {
    // Incremental along the row: one add per coordinate instead of two multiplies.
    let sx = b * y + c;
    let sy = e * y + f;
    for (let x = 0; x < width; x++, sx += a, sy += d, o += img.channels) {
      sampleBilinear(img, sx, sy, fill, out, o);
    }
  }
  return { width, height, channels: img.channels, data: out };
}

/**
 * Warps `img` through an inverse homography in one bilinear pass; see {@link warpAffine} for the
 * border rule. Points where the denominator is not positive read `fill`.
 *
 * @param img source, any channel count
 * @param h the inverse map, see {@link Homography}
 * @param fill value in [0, 1] outside the source
 * @returns a new image of the source's size
 */
export function warpPerspective(img: RawImage, h: Homography, fill: number): RawImage {
  const { width, height, channels } = img;
  const out = allocPixels(width * height * channels);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += channels) {
      const den = h[6] * x + h[7] * y + h[8];
      if (!(den > 0)) {
        for (let k = 0; k < channels; k++) out[o + k] = fill;
        continue;
      }
      const sx = (h[0] * x + h[1] * y + h[2]) / den;
      const sy = (h[3] * x + h[4] * y + h[5]) / den;
      sampleBilinear(img, sx, sy, fill, out, o);
    }
  }
  return { width, height, channels, data: out };
}

/**
 * Writes the bilinear sample of `img` at `(sx, sy)` to `out[o .. o + C)`. Neighbours outside the
 * image count as `fill`, so an edge fades into the fill over one pixel instead of stepping.
 */
export function sampleBilinear(
  img: RawImage,
  sx: number,
  sy: number,
  fill: number,
  out: Float32Array,
  o: number,
): void {
  const { width: w, height: h, channels: c } = img;
  const src = img.data;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  if (x0 >= 0 && y0 >= 0 && x0 < w - 1 && y0 < h - 1) {
    const i = (y0 * w + x0) * c;
    const j = i + w * c;
    for (let k = 0; k < c; k++) {
      const top = src[i + k] + (src[i + c + k] - src[i + k]) * fx;
      const bot = src[j + k] + (src[j + c + k] - src[j + k]) * fx;
      out[o + k] = top + (bot - top) * fy;
    }
    return;
  }
  if (!(x0 >= -1 && y0 >= -1 && x0 < w && y0 < h)) {
    for (let k = 0; k < c; k++) out[o + k] = fill;
    return;
  }
  const inX0 = x0 >= 0;
  const inX1 = x0 + 1 < w;
  const inY0 = y0 >= 0;
  const inY1 = y0 + 1 < h;
  const i = (y0 * w + x0) * c;
  for (let k = 0; k < c; k++) {
    const v00 = inX0 && inY0 ? src[i + k] : fill;
    const v10 = inX1 && inY0 ? src[i + c + k] : fill;
    const v01 = inX0 && inY1 ? src[i + w * c + k] : fill;
    const v11 = inX1 && inY1 ? src[i + w * c + c + k] : fill;
    const top = v00 + (v10 - v00) * fx;
    const bot = v01 + (v11 - v01) * fx;
    out[o + k] = top + (bot - top) * fy;
  }
}

/**
 * torchvision's `_get_inverse_affine_matrix`: the inverse of "rotate by `angle` degrees
 * counter-clockwise (as `F.rotate`), shear by `shearX` / `shearY` degrees, scale by `scale`,
 * translate by `(tx, ty)` pixels", all about `(cx, cy)`.
 *
 * @returns the map from output pixel to source point, see {@link AffineMatrix}
 */
export function inverseAffine(
  cx: number,
  cy: number,
  angle: number,
  tx: number,
  ty: number,
  scale: number,
  shearX: number,
  shearY: number,
): AffineMatrix {
  // torchvision's matrix takes a clockwise angle; F.rotate passes -angle, and so do we.
  const rot = (-angle * Math.PI) / 180;
  const sx = (shearX * Math.PI) / 180;
  const sy = (shearY * Math.PI) / 180;
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  const m0 = d / scale;
  const m1 = -b / scale;
  const m3 = -c / scale;
  const m4 = a / scale;
  const m2 = m0 * (-cx - tx) + m1 * (-cy - ty) + cx;
  const m5 = m3 * (-cx - tx) + m4 * (-cy - ty) + cy;
  return [m0, m1, m2, m3, m4, m5];
}

/**
 * The homography sending each of the four points `from[i]` to `to[i]` (torchvision's
 * `_get_perspective_coeffs`, solved exactly by Gaussian elimination with partial pivoting).
 *
 * @param from four `[x, y]` points
 * @param to four `[x, y]` points
 * @returns `h` with `h[8] = 1`; `null` when the points are degenerate (three in a line)
 */
export function homographyFromPoints(
  from: ReadonlyArray<readonly [number, number]>,
  to: ReadonlyArray<readonly [number, number]>,
): Homography | null {
  const m: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i];
    const [u, v] = to[i];
    m.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    m.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const k = m[r][col] / m[col][col];
      for (let j = col; j < 9; j++) m[r][j] -= k * m[col][j];
    }
  }
  const h = m.map((row, i) => row[8] / row[i]);
  return [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1];
}
