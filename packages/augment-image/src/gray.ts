import { allocPixels } from './pixel-arena.js';
import { assertImage, type RawImage } from './raw-image.js';

// ITU-R 601-2 luma weights, the ones torchvision's rgb_to_grayscale and PIL's convert('L') use.
const WR = 0.2989;
const WG = 0.587;
const WB = 0.114;

/**
 * Converts to one gray channel with ITU-R 601-2 luma (`0.2989 R + 0.587 G + 0.114 B`, as
 * torchvision); alpha is dropped. A gray image is returned as it is (the same object).
 *
 * @returns a `width` x `height` x 1 image
 */
export function toGray(img: RawImage): RawImage {
  assertImage(img, 'toGray');
  if (img.channels === 1) return img;
  const out = new Float32Array(img.width * img.height);
  lumaInto(img, out, 1);
  return { width: img.width, height: img.height, channels: 1, data: out };
}

/**
 * Replaces R, G and B by their luma, keeping the channel count (and alpha): torchvision's
 * `Grayscale(num_output_channels=3)`. A gray image is returned as it is.
 */
export function grayKeepChannels(img: RawImage): RawImage {
  if (img.channels === 1) return img;
  const c = img.channels;
  const src = img.data;
  const out = allocPixels(src.length);
  for (let i = 0; i < src.length; i += c) {
    const y = WR * src[i] + WG * src[i + 1] + WB * src[i + 2];
    out[i] = y;
    out[i + 1] = y;
    out[i + 2] = y;
    if (c === 4) out[i + 3] = src[i + 3];
  }
  return { width: img.width, height: img.height, channels: img.channels, data: out };
}

/**
 * Writes the luma of every pixel of an RGB(A) image to `out[p * step]`; for a gray image copies
 * the channel. Shared by {@link toGray} and the saturation and contrast blends.
 */
export function lumaInto(img: RawImage, out: Float32Array, step: number): void {
  const c = img.channels;
  const src = img.data;
  const n = img.width * img.height;
  if (c === 1) {
    for (let p = 0; p < n; p++) out[p * step] = src[p];
    return;
  }
  for (let p = 0, i = 0; p < n; p++, i += c) {
    out[p * step] = WR * src[i] + WG * src[i + 1] + WB * src[i + 2];
  }
}

/** The mean luma of an image (the mean of its one channel when gray), in float64. */
export function meanLuma(img: RawImage): number {
  const c = img.channels;
  const src = img.data;
  const n = img.width * img.height;
  let sum = 0;
  if (c === 1) {
    for (let p = 0; p < n; p++) sum += src[p];
  } else {
    for (let i = 0; i < src.length; i += c) sum += WR * src[i] + WG * src[i + 1] + WB * src[i + 2];
  }
  return sum / n;
}
