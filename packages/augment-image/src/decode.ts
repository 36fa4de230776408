import { ManyViewsError } from '@manyviews/augment-core';
import sharp from 'sharp';
import { type Channels, fromUint8, type RawImage, toUint8 } from './raw-image.js';

/** Options of {@link decodeImage}. */
export interface DecodeOptions {
  /**
   * Channels of the result: 1 (luma), 3 (sRGB) or 4 (sRGB + alpha). Default: the file's own, with
   * alpha kept (4; a gray file with alpha gives its gray in R, G and B), gray without alpha kept
   * gray (1) and everything else sRGB (3).
   */
  channels?: Channels;
  /** Largest `width * height` accepted, checked before decoding; default 40e6. */
  maxPixels?: number;
  /**
   * When alpha is dropped (1 or 3 channels from a file with alpha), composite onto this gray level
   * in [0, 1]. Default: none, alpha is discarded and the colour under it kept, as PIL's
   * `convert('RGB')` does.
   */
  background?: number;
  /**
   * Resize to exactly this size (aspect ratio not kept) inside the decode, with sharp's default
   * Lanczos-3 kernel: JPEG and WebP then shrink on load, and no full-resolution float copy is
   * ever made. Default: the file's own size.
   */
  size?: { width: number; height: number };
}

// The formats sharp's prebuilt libvips reads, for messages.
const FORMATS = 'PNG, JPEG, WebP, GIF, TIFF, AVIF or SVG';

/** The default of {@link DecodeOptions.maxPixels}: 40 megapixels. */
export const DEFAULT_MAX_PIXELS = 40e6;

/**
 * Reads an image's size from its header only (sharp's `metadata()`, no pixel is decoded), so a
 * caller can bound the pixels of several images before decoding any.
 *
 * @param bytes the encoded file
 * @returns `width * height` of the first frame
 * @throws {ManyViewsError} `IMAGE_DECODE_FAILED` for bytes sharp cannot read, `IMAGE_EMPTY` for
 *   no bytes
 */
export async function readImagePixels(bytes: Uint8Array): Promise<number> {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new ManyViewsError('IMAGE_EMPTY', 'readImagePixels: no bytes to read', {
      expected: `the bytes of an image file (${FORMATS})`,
      received: bytes,
    });
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((cause: unknown) => {
      throw decodeFailed(cause);
    });
  return (meta.width ?? 0) * (meta.height ?? 0);
}

/**
 * Decodes a PNG, JPEG, WebP, GIF, TIFF, AVIF or SVG (anything sharp reads) into a float HWC
 * image, upright: the EXIF orientation is applied (sharp's `rotate()`), so a phone photo comes
 * out as it is shown. Only the first frame of an animation is read; 16-bit files keep their
 * 16 bits (each level `v / 65535`).
 *
 * @param bytes the encoded file
 * @param options see {@link DecodeOptions}
 * @returns an image with values in [0, 1]
 * @throws {ManyViewsError} `IMAGE_DECODE_FAILED` (not an image, corrupt or truncated),
 *   `IMAGE_EMPTY` (no bytes, or zero width or height), `IMAGE_TOO_LARGE` (over `maxPixels`; the
 *   header is read first and sharp's `limitInputPixels` guards the decode, so a decompression
 *   bomb fails fast instead of hanging), `IMAGE_INVALID` (bad options)
 * @example
 * const img = await decodeImage(await readFile('shirt.png'), { channels: 1 });
 */
export async function decodeImage(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Promise<RawImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  checkOptions(options, maxPixels);
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new ManyViewsError('IMAGE_EMPTY', 'decodeImage: no bytes to decode', {
      expected: `the bytes of an image file (${FORMATS})`,
      received: bytes,
    });
  }

  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limit = Math.max(1, Math.floor(maxPixels));
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((cause: unknown) => {
      throw decodeFailed(cause);
    });
  const { width = 0, height = 0 } = meta;
  if (width === 0 || height === 0) {
    throw new ManyViewsError('IMAGE_EMPTY', 'decodeImage: the image has no pixels', {
      expected: 'width and height >= 1',
      received: `${width}x${height}`,
    });
  }
  if (width * height > limit) throw tooLarge(width * height, limit);

  const channels = options.channels ?? nativeChannels(meta.channels ?? 3, meta.hasAlpha === true);
  // 16-bit PNGs (and TIFFs) decode through libvips' 16-bit colourspaces, so no precision is lost
  // on the way to float32 (which holds 16-bit levels exactly).
  const deep = meta.depth === 'ushort' || meta.depth === 'short';
  let pipeline = sharp(input, { limitInputPixels: limit, failOn: 'truncated' }).rotate();
  if (channels !== 4 && meta.hasAlpha && options.background !== undefined) {
    const level = Math.round(options.background * 255);
    pipeline = pipeline.flatten({ background: { r: level, g: level, b: level } });
  }
  const space = channels === 1 ? (deep ? 'grey16' : 'b-w') : deep ? 'rgb16' : 'srgb';
  if (channels === 4) pipeline = pipeline.toColourspace(space).ensureAlpha();
  else pipeline = pipeline.removeAlpha().toColourspace(space);
  if (options.size)
    pipeline = pipeline.resize(options.size.width, options.size.height, { fit: 'fill' });

  const { data, info } = await pipeline
    .raw({ depth: deep ? 'ushort' : 'uchar' })
    .toBuffer({ resolveWithObject: true })
    .catch((cause: unknown) => {
      throw /pixel limit/i.test(String(cause))
        ? tooLarge(width * height, limit)
        : decodeFailed(cause);
    });
  if (info.channels !== channels) {
    throw decodeFailed(`sharp returned ${info.channels} channels where ${channels} were asked for`);
  }
  if (!deep) return fromUint8(data, info.width, info.height, channels);
  const levels = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  const out = new Float32Array(levels.length);
  for (let i = 0; i < levels.length; i++) out[i] = levels[i] / 65535;
  return { width: info.width, height: info.height, channels, data: out };
}

/**
 * Wraps a raw 8-bit grayscale buffer (row-major, no header), such as an IDX image of
 * Fashion-MNIST, as a float image.
 *
 * @param bytes exactly `width * height` bytes
 * @returns a `width` x `height` x 1 image in [0, 1]
 * @throws {ManyViewsError} `IMAGE_EMPTY` for a zero side, `IMAGE_DECODE_FAILED` for a length
 *   that is not `width * height`
 * @example
 * const img = decodeRawGray(idx.subarray(16 + i * 784, 16 + (i + 1) * 784), 28, 28);
 */
export function decodeRawGray(bytes: Uint8Array, width: number, height: number): RawImage {
  if (width === 0 || height === 0 || bytes.length === 0) {
    throw new ManyViewsError('IMAGE_EMPTY', 'decodeRawGray: the image has no pixels', {
      expected: 'width, height and length >= 1',
      received: `${width}x${height}, ${bytes.length} bytes`,
    });
  }
  if (bytes.length !== width * height) {
    throw new ManyViewsError('IMAGE_DECODE_FAILED', 'decodeRawGray: the length does not fit', {
      expected: `${width * height} bytes (${width}x${height})`,
      received: bytes.length,
    });
  }
  return fromUint8(bytes, width, height, 1);
}

/**
 * Encodes an image as PNG, for previews: values are clamped to [0, 1] and rounded to 8 bits, so a
 * normalised view (values outside [0, 1]) should be mapped back first.
 *
 * @returns the PNG file's bytes
 */
export async function encodePng(img: RawImage): Promise<Buffer> {
  const bytes = toUint8(img);
  return (
    sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      raw: { width: img.width, height: img.height, channels: img.channels },
    })
      // sharp writes one raw channel as RGB unless told the pixels are gray.
      .toColourspace(img.channels === 1 ? 'b-w' : 'srgb')
      .png()
      .toBuffer()
  );
}

// A RawImage has no gray + alpha layout, so a gray file with alpha (2 channels) comes out as
// RGBA with the gray in R, G and B: its alpha is kept, as for colour files.
function nativeChannels(fileChannels: number, hasAlpha: boolean): Channels {
  if (hasAlpha) return 4;
  return fileChannels <= 2 ? 1 : 3;
}

function checkOptions(options: DecodeOptions, maxPixels: number): void {
  if (typeof maxPixels !== 'number' || !(maxPixels >= 1)) {
    throw new ManyViewsError('IMAGE_INVALID', 'decodeImage: maxPixels must be >= 1', {
      expected: 'a number >= 1',
      received: maxPixels,
    });
  }
  const c = options.channels;
  if (c !== undefined && c !== 1 && c !== 3 && c !== 4) {
    throw new ManyViewsError('IMAGE_INVALID', 'decodeImage: unsupported channel count', {
      expected: '1, 3 or 4',
      received: c,
    });
  }
  const size = options.size;
  if (
    size !== undefined &&
    !(
      Number.isInteger(size.width) &&
      size.width >= 1 &&
      Number.isInteger(size.height) &&
      size.height >= 1
    )
  ) {
    throw new ManyViewsError('IMAGE_INVALID', 'decodeImage: size must be two positive integers', {
      expected: '{ width, height }, integers >= 1',
      received: size,
    });
  }
  const b = options.background;
  if (b !== undefined && !(b >= 0 && b <= 1)) {
    throw new ManyViewsError('IMAGE_INVALID', 'decodeImage: background must be in [0, 1]', {
      expected: 'a number in [0, 1]',
      received: b,
    });
  }
}

function decodeFailed(cause: unknown): ManyViewsError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ManyViewsError('IMAGE_DECODE_FAILED', `decodeImage: ${reason}`, {
    expected: `a complete image file (${FORMATS})`,
    cause,
  });
}

function tooLarge(pixels: number, limit: number): ManyViewsError {
  return new ManyViewsError('IMAGE_TOO_LARGE', 'decodeImage: the image has too many pixels', {
    expected: `at most ${limit} pixels (maxPixels)`,
    received: pixels,
  });
}
