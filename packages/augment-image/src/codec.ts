import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ManyViewsError } from '@manyviews/augment-core';
import { assertImage, type RawImage } from './raw-image.js';

/** A lossy format {@link recompress} can round-trip through. */
export type LossyFormat = 'jpeg' | 'webp';

/** How long {@link recompress} waits for the codec thread before giving up; milliseconds. */
export const CODEC_TIMEOUT_MS = 30_000;

// The codec thread: sharp encodes and decodes asynchronously, so it runs on its own thread and
// the caller blocks on an Atomics.wait until the pixels are back. That keeps `Transform.apply`
// synchronous (compression composes with every combinator, and records replay as any other),
// at the cost of one thread hop per image. The code is inline (`eval`) and loads sharp by the
// path resolved here, so it runs the same from `dist/` and from the TypeScript sources in tests.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sharp = require(workerData.sharpPath);
parentPort.on('message', async (job) => {
  const head = new Int32Array(job.sab, 0, 2);
  const pixels = new Uint8Array(job.sab, 8, job.width * job.height * job.channels);
  try {
    const raw = { width: job.width, height: job.height, channels: job.channels };
    let encoder = sharp(Buffer.from(pixels), { raw });
    if (job.channels === 1) encoder = encoder.toColourspace('b-w');
    const file = job.format === 'jpeg'
      ? await encoder.jpeg({ quality: job.quality, chromaSubsampling: '4:2:0' }).toBuffer()
      : await encoder.webp({ quality: job.quality }).toBuffer();
    let decoder = sharp(file).removeAlpha();
    decoder = job.channels === 1 ? decoder.toColourspace('b-w') : decoder.toColourspace('srgb');
    const { data, info } = await decoder.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== job.channels || data.length !== pixels.length) throw new Error('shape');
    pixels.set(data);
    head[1] = file.length;
    Atomics.store(head, 0, 1);
  } catch (error) {
    Atomics.store(head, 0, 2);
  }
  Atomics.notify(head, 0);
});
`;

let worker: Worker | undefined;
let shared: SharedArrayBuffer | undefined;

/**
 * Encodes `img` as JPEG or WebP at `quality` with sharp (libjpeg-turbo with 4:2:0 chroma, as
 * PIL's default; libwebp lossy) and decodes it back, synchronously: the codec runs on a helper
 * thread started on first use (about 50 ms once; unref'd, so it never keeps the process alive),
 * and this thread waits for it. Colour goes through 8 bits; alpha is not compressed and is kept
 * as it was.
 *
 * @param img any image; values are clamped to [0, 1]
 * @param format `jpeg` or `webp`
 * @param quality an integer in [1, 100]
 * @returns a new image of the same shape, and the size of the compressed file in bytes
 * @throws {ManyViewsError} `IMAGE_INVALID` for a bad quality, `CODEC_FAILED` when sharp fails,
 *   `CODEC_TIMEOUT` when no answer comes within {@link CODEC_TIMEOUT_MS}
 * @example
 * const { image, bytes } = recompress(img, 'jpeg', 30);
 */
export function recompress(
  img: RawImage,
  format: LossyFormat,
  quality: number,
): { image: RawImage; bytes: number } {
  assertImage(img, 'recompress');
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new ManyViewsError('IMAGE_INVALID', 'recompress: quality must be an integer', {
      expected: 'an integer in [1, 100]',
      received: quality,
    });
  }

  const colours = img.channels === 1 ? 1 : 3;
  const n = img.width * img.height;
  const needed = 8 + n * colours;
  if (!shared || shared.byteLength < needed) shared = new SharedArrayBuffer(needed);
  const head = new Int32Array(shared, 0, 2);
  const pixels = new Uint8Array(shared, 8, n * colours);
  const src = img.data;
  const c = img.channels;
  for (let p = 0, i = 0, o = 0; p < n; p++, i += c) {
    for (let k = 0; k < colours; k++, o++) {
      const v = src[i + k];
      pixels[o] = v >= 1 ? 255 : v > 0 ? Math.round(v * 255) : 0;
    }
  }

  Atomics.store(head, 0, 0);
  codecWorker().postMessage({
    sab: shared,
    width: img.width,
    height: img.height,
    channels: colours,
    format,
    quality,
  });
  const waited = Atomics.wait(head, 0, 0, CODEC_TIMEOUT_MS);
  if (waited === 'timed-out') {
    worker?.terminate();
    worker = undefined;
    throw new ManyViewsError('CODEC_TIMEOUT', `recompress: no answer from the ${format} codec`, {
      expected: `an answer within ${CODEC_TIMEOUT_MS} ms`,
    });
  }
  if (Atomics.load(head, 0) !== 1) {
    throw new ManyViewsError('CODEC_FAILED', `recompress: sharp could not round-trip ${format}`, {
      expected: `a ${img.width}x${img.height} image sharp can encode`,
      received: `${img.width}x${img.height}x${colours}`,
    });
  }

  const out = new Float32Array(src.length);
  const scale = 1 / 255;
  for (let p = 0, i = 0, o = 0; p < n; p++, i += c) {
    for (let k = 0; k < colours; k++, o++) out[i + k] = pixels[o] * scale;
    if (c === 4) out[i + 3] = src[i + 3];
  }
  return { image: { ...img, data: out }, bytes: head[1] };
}

function codecWorker(): Worker {
  if (worker) return worker;
  const sharpPath = createRequire(import.meta.url).resolve('sharp');
  worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sharpPath } });
  worker.unref();
  worker.on('error', () => {
    worker = undefined;
  });
  return worker;
}
