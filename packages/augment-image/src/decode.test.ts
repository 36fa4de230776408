import { ManyViewsError } from '@manyviews/augment-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, decodeRawGray, encodePng, readImagePixels } from './decode.js';
import type { RawImage } from './raw-image.js';

// A 4x2 RGB image with distinct, exactly known bytes.
const W = 4;
const H = 2;
const RGB = Uint8Array.from({ length: W * H * 3 }, (_, i) => (i * 10) % 256);

function encode(format: 'png' | 'jpeg' | 'webp'): Promise<Buffer> {
  const s = sharp(Buffer.from(RGB), { raw: { width: W, height: H, channels: 3 } });
  if (format === 'png') return s.png().toBuffer();
  if (format === 'jpeg') return s.jpeg({ quality: 100 }).toBuffer();
  return s.webp({ lossless: true }).toBuffer();
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (e) {
    return e instanceof ManyViewsError ? e.code : String(e);
  }
  return undefined;
}

describe('decodeImage', () => {
  it('decodes PNG and lossless WebP to the exact pixels', async () => {
    for (const format of ['png', 'webp'] as const) {
      const img = await decodeImage(await encode(format));
      expect([img.width, img.height, img.channels]).toEqual([W, H, 3]);
      expect(Array.from(img.data, (v) => Math.round(v * 255))).toEqual(Array.from(RGB));
    }
  });

  it('decodes JPEG close to the source', async () => {
    const img = await decodeImage(await encode('jpeg'));
    expect([img.width, img.height, img.channels]).toEqual([W, H, 3]);
    const err = Array.from(img.data).reduce(
      (m, v, i) => Math.max(m, Math.abs(v * 255 - RGB[i])),
      0,
    );
    expect(err).toBeLessThan(40);
  });

  it('converts channels on request, keeps gray gray and alpha as alpha', async () => {
    const png = await encode('png');
    const gray = await decodeImage(png, { channels: 1 });
    expect(gray.channels).toBe(1);
    expect(gray.data.length).toBe(W * H);
    const rgba = await decodeImage(png, { channels: 4 });
    expect(rgba.channels).toBe(4);
    expect(rgba.data[3]).toBe(1);

    const grayPng = await sharp(Buffer.alloc(6, 128), { raw: { width: 3, height: 2, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    const native = await decodeImage(grayPng);
    expect(native.channels).toBe(1);
    expect(native.data[0]).toBeCloseTo(128 / 255, 6);
    expect((await decodeImage(grayPng, { channels: 3 })).channels).toBe(3);

    const alphaPng = await sharp(Buffer.from([255, 0, 0, 51]), {
      raw: { width: 1, height: 1, channels: 4 },
    })
      .png()
      .toBuffer();
    expect(Array.from((await decodeImage(alphaPng)).data, (v) => Math.round(v * 255))).toEqual([
      255, 0, 0, 51,
    ]);
  });

  it('reads what the README lists: GIF, TIFF, AVIF and SVG besides PNG, JPEG and WebP', async () => {
    const base = () => sharp({ create: { width: 4, height: 3, channels: 3, background: '#c00' } });
    const files = {
      gif: await base().gif().toBuffer(),
      tiff: await base().tiff().toBuffer(),
      avif: await base().avif().toBuffer(),
      svg: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3" fill="#c00"/></svg>',
      ),
    };
    for (const [format, bytes] of Object.entries(files)) {
      const img = await decodeImage(bytes);
      expect([format, img.width, img.height]).toEqual([format, 4, 3]);
      expect(img.data[0], format).toBeGreaterThan(0.7);
      expect(img.data[1], format).toBeLessThan(0.1);
    }
  });

  it('keeps the alpha of a gray + alpha PNG: RGBA with the gray in R, G and B', async () => {
    const grayAlpha = await sharp(Buffer.from([200, 51, 40, 255]), {
      raw: { width: 2, height: 1, channels: 2 },
    })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    expect((await sharp(grayAlpha).metadata()).channels).toBe(2);
    const img = await decodeImage(grayAlpha);
    expect(img.channels).toBe(4);
    expect(Array.from(img.data, (v) => Math.round(v * 255))).toEqual([
      200, 200, 200, 51, 40, 40, 40, 255,
    ]);
    const gray = await decodeImage(grayAlpha, { channels: 1, background: 0 });
    expect(gray.channels).toBe(1);
    expect(Math.round(gray.data[0] * 255)).toBe(40);
  });

  it('applies the EXIF orientation', async () => {
    // Orientation 6 means "rotate 90 degrees clockwise to display": a 4x2 file shows as 2x4.
    const jpeg = await sharp(Buffer.from(RGB), { raw: { width: W, height: H, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const img = await decodeImage(jpeg);
    expect([img.width, img.height]).toEqual([H, W]);
  });

  it('fails with typed errors on garbage, truncation, no bytes and too many pixels', async () => {
    expect(await codeOf(decodeImage(new TextEncoder().encode('not an image at all')))).toBe(
      'IMAGE_DECODE_FAILED',
    );
    const big = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 10, g: 200, b: 30 } },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(await codeOf(decodeImage(big.subarray(0, Math.floor(big.length / 2))))).toBe(
      'IMAGE_DECODE_FAILED',
    );
    expect(await codeOf(decodeImage(new Uint8Array(0)))).toBe('IMAGE_EMPTY');
    expect(await codeOf(decodeImage(big, { maxPixels: 1000 }))).toBe('IMAGE_TOO_LARGE');
    expect(await codeOf(decodeImage(big, { maxPixels: 4096 }))).toBeUndefined();
  });
});

describe('decodeImage at 16 bits and against bombs', () => {
  it('keeps every level of a 16-bit PNG, in gray, RGB and RGBA', async () => {
    const levels = Uint16Array.from({ length: 5 * 3 * 3 }, (_, i) => (i * 1499 + 7) % 65536);
    const png16 = await sharp(levels, { raw: { width: 5, height: 3, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const rgb = await decodeImage(png16);
    expect(Array.from(rgb.data, (v) => Math.round(v * 65535))).toEqual(Array.from(levels));
    const rgba = await decodeImage(png16, { channels: 4 });
    expect(rgba.data[3]).toBe(1);
    expect(Math.round(rgba.data[4] * 65535)).toBe(levels[3]);
    const gray16 = await sharp(Uint16Array.from([0, 1, 65534, 65535]), {
      raw: { width: 2, height: 2, channels: 1 },
    })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    const gray = await decodeImage(gray16);
    expect(gray.channels).toBe(1);
    expect(Array.from(gray.data, (v) => Math.round(v * 65535))).toEqual([0, 1, 65534, 65535]);
  });

  it('refuses a PNG whose header claims 100000 x 100000 without decoding it', async () => {
    const png = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    // Rewrite the IHDR size fields (bytes 16..23) and its CRC: a header-only decompression bomb.
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const started = performance.now();
    expect(await codeOf(decodeImage(bomb))).toBe('IMAGE_TOO_LARGE');
    expect(await codeOf(decodeImage(bomb, { maxPixels: 1e12 }))).toBe('IMAGE_DECODE_FAILED');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('decodeRawGray', () => {
  it('wraps bytes as a gray image and rejects empty or misfit buffers', () => {
    const img = decodeRawGray(Uint8Array.from([0, 51, 255, 102, 0, 0]), 3, 2);
    expect([img.width, img.height, img.channels]).toEqual([3, 2, 1]);
    expect(img.data[1]).toBeCloseTo(0.2, 6);
    expect(img.data[2]).toBe(1);
    expect(() => decodeRawGray(new Uint8Array(5), 3, 2)).toThrow(/IMAGE_DECODE_FAILED|length/);
    try {
      decodeRawGray(new Uint8Array(0), 0, 0);
    } catch (e) {
      expect((e as ManyViewsError).code).toBe('IMAGE_EMPTY');
    }
    expect(() => decodeRawGray(new Uint8Array(0), 0, 0)).toThrow(ManyViewsError);
  });
});

describe('encodePng', () => {
  it('round-trips through decodeImage, clamping values outside [0, 1]', async () => {
    const img: RawImage = {
      width: 2,
      height: 1,
      channels: 1,
      data: new Float32Array([-0.5, 0.2]),
    };
    const png = await encodePng(img);
    expect((await sharp(png).metadata()).channels).toBe(1);
    const back = await decodeImage(png);
    expect(Array.from(back.data, (v) => Math.round(v * 255))).toEqual([0, 51]);
  });
});

describe('readImagePixels and decodeImage size', () => {
  it('reads the pixel count from the header alone, and resizes inside the decode', async () => {
    const png = await sharp({
      create: { width: 300, height: 200, channels: 3, background: { r: 255, g: 255, b: 255 } },
    })
      .png()
      .toBuffer();
    expect(await readImagePixels(png)).toBe(60_000);

    const small = await decodeImage(png, { channels: 1, size: { width: 28, height: 14 } });
    expect([small.width, small.height, small.channels]).toEqual([28, 14, 1]);
    expect(small.data.every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
  });

  it('names every format sharp reads when the bytes are no image', async () => {
    await expect(readImagePixels(new TextEncoder().encode('not an image'))).rejects.toMatchObject({
      code: 'IMAGE_DECODE_FAILED',
      message: expect.stringMatching(/PNG, JPEG, WebP, GIF, TIFF, AVIF or SVG/),
    });
  });
});
