import type { Channels, RawImage } from './raw-image.js';

/**
 * A smooth synthetic scene for tests and benchmarks: a vertical sky gradient, a bright disc and
 * a darker band of "hills", so crops, flips and colour changes all have something to change.
 * Deterministic; values in [0, 1].
 *
 * @param width pixels
 * @param height pixels
 * @param channels 1 (luma of the scene), 3, or 4 (alpha falling off towards the corners)
 */
export function syntheticScene(width: number, height: number, channels: Channels): RawImage {
  const data = new Float32Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / Math.max(1, width - 1);
      const v = y / Math.max(1, height - 1);
      let r = 0.35 + 0.4 * v;
      let g = 0.55 + 0.3 * v;
      let b = 0.9 - 0.2 * v;
      const d = Math.hypot(u - 0.7, v - 0.25);
      if (d < 0.15) [r, g, b] = [1, 0.85 - d, 0.3];
      if (v > 0.65 + 0.08 * Math.sin(u * 9)) [r, g, b] = [0.2 + 0.1 * u, 0.45 - 0.2 * v, 0.15];
      const i = (y * width + x) * channels;
      if (channels === 1) {
        data[i] = 0.2989 * r + 0.587 * g + 0.114 * b;
        continue;
      }
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      if (channels === 4) data[i + 3] = 1 - 0.5 * Math.hypot(u - 0.5, v - 0.5);
    }
  }
  return { width, height, channels, data };
}
