import { describeValue, ManyViewsError } from '@manyviews/augment-core';

/** HWC, channels interleaved, values in [0, 1] as float32. */
export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Float32Array;
}

/** Channel counts a {@link RawImage} may have. */
export type Channels = 1 | 3 | 4;

/**
 * Makes a zero-filled image (all channels 0).
 *
 * @param width pixels, a positive integer
 * @param height pixels, a positive integer
 * @param channels 1 (gray), 3 (RGB) or 4 (RGBA)
 * @throws {ManyViewsError} `IMAGE_EMPTY` for a zero side, `IMAGE_INVALID` for other bad shapes
 */
export function createImage(width: number, height: number, channels: Channels): RawImage {
  checkShape(width, height, channels);
  return { width, height, channels, data: new Float32Array(width * height * channels) };
}

/**
 * Wraps 8-bit samples (HWC, interleaved) as a float image, dividing by 255.
 *
 * @param data `width * height * channels` bytes, row-major, channels interleaved
 * @param width pixels, a positive integer
 * @param height pixels, a positive integer
 * @param channels 1, 3 or 4
 * @returns a new image with values in [0, 1]
 * @throws {ManyViewsError} `IMAGE_EMPTY` for a zero side, `IMAGE_SHAPE_MISMATCH` when the length
 *   is not `width * height * channels`
 * @example
 * const img = fromUint8(new Uint8Array(28 * 28), 28, 28, 1);
 */
export function fromUint8(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: Channels,
): RawImage {
  checkShape(width, height, channels);
  const n = width * height * channels;
  if (data.length !== n) {
    throw new ManyViewsError('IMAGE_SHAPE_MISMATCH', 'fromUint8: the data does not fit the shape', {
      expected: `${n} bytes (${width}x${height}x${channels})`,
      received: data.length,
    });
  }

  const out = new Float32Array(n);
  const scale = 1 / 255;
  for (let i = 0; i < n; i++) out[i] = data[i] * scale;
  return { width, height, channels, data: out };
}

/**
 * Converts a float image to 8-bit samples: clamps to [0, 1], scales by 255 and rounds.
 *
 * @returns `width * height * channels` bytes, HWC
 */
export function toUint8(img: RawImage): Uint8Array {
  const src = img.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    // NaN fails both tests and lands on 0, like a clamp would.
    out[i] = v >= 1 ? 255 : v > 0 ? Math.round(v * 255) : 0;
  }
  return out;
}

/**
 * The pixels as they go into a tfjs tensor of shape `[height, width, channels]` (HWC, float32):
 * `tf.tensor3d(toTensorData(img), [img.height, img.width, img.channels])`. Returns `img.data`
 * itself, without a copy; stack views for a batch of shape `[N, H, W, C]`.
 *
 * @throws {ManyViewsError} `IMAGE_INVALID` for a malformed image (see {@link assertImage})
 */
export function toTensorData(img: RawImage): Float32Array {
  assertImage(img, 'toTensorData');
  return img.data;
}

/**
 * Checks that `img` is a well-formed {@link RawImage}: an object with positive integer sides, 1, 3
 * or 4 channels and a Float32Array of exactly `width * height * channels` values. O(1): the
 * values themselves are not scanned (they should lie in [0, 1]; {@link fromUint8} converts bytes).
 * Every transform, pipeline and multi-view checks its input with it, so a malformed image fails
 * here instead of giving blank or NaN views or reading stale WebAssembly memory.
 *
 * @param img what the caller handed in as an image
 * @param where the caller's name, for the message (`horizontalFlip.run`)
 * @throws {ManyViewsError} `IMAGE_INVALID`, saying what was expected and what came
 * @example
 * assertImage({ width: 2, height: 2, channels: 3, data: new Float32Array(12) }, 'mine'); // ok
 */
export function assertImage(img: RawImage, where: string): void {
  if (typeof img !== 'object' || img === null) {
    throw badImage(where, 'is not an image', 'an object {width, height, channels, data}', img);
  }
  const { width, height, channels, data } = img as Partial<RawImage>;
  if (!isSide(width) || !isSide(height)) {
    throw badImage(
      where,
      'has bad sides',
      'width and height positive integers',
      `${describeValue(width)}x${describeValue(height)}`,
    );
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw badImage(where, 'has an unsupported channel count', 'channels 1, 3 or 4', channels);
  }
  const n = width * height * channels;
  if (!(data instanceof Float32Array)) {
    throw badImage(
      where,
      'data is not a Float32Array',
      `a Float32Array of ${n} values in [0, 1] (fromUint8 converts bytes)`,
      data,
    );
  }
  if (data.length !== n) {
    throw badImage(
      where,
      'data does not fit the shape',
      `a Float32Array of ${n} values (${width}x${height}x${channels})`,
      data,
    );
  }
}

function isSide(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

function badImage(where: string, what: string, expected: string, received: unknown) {
  return new ManyViewsError('IMAGE_INVALID', `${where}: the image ${what}`, {
    expected,
    received,
  });
}

function checkShape(width: number, height: number, channels: number, where = 'image'): void {
  if (width === 0 || height === 0) {
    throw new ManyViewsError('IMAGE_EMPTY', `${where}: the image has no pixels`, {
      expected: 'width and height >= 1',
      received: `${width}x${height}`,
    });
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new ManyViewsError('IMAGE_INVALID', `${where}: sides must be positive integers`, {
      expected: 'positive integers',
      received: `${width}x${height}`,
    });
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new ManyViewsError('IMAGE_INVALID', `${where}: unsupported channel count`, {
      expected: '1, 3 or 4',
      received: channels,
    });
  }
}
