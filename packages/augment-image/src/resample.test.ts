import { describe, expect, it } from 'vitest';
import { toGray } from './gray.js';
import { createImage, fromUint8, type RawImage, toTensorData, toUint8 } from './raw-image.js';
import { resampleBox, resizeImage } from './resample.js';

describe('resizeImage', () => {
  it('is the identity at the same size and averages neighbours when halving', () => {
    const img = fromUint8(Uint8Array.from([0, 255, 0, 255, 255, 0, 255, 0]), 4, 2, 1);
    expect(resizeImage(img, 4, 2).data).toEqual(img.data);
    const half = resizeImage(img, 2, 1).data;
    expect(Array.from(half)).toEqual([0.5, 0.5]);
  });

  it('keeps the corners when enlarging and stays within the source range', () => {
    const img = fromUint8(Uint8Array.from([0, 0, 0, 255, 255, 255]), 2, 1, 3);
    const out = resizeImage(img, 5, 3);
    expect([out.width, out.height, out.channels]).toEqual([5, 3, 3]);
    expect(out.data[0]).toBe(0);
    expect(out.data[out.data.length - 1]).toBe(1);
    expect(Math.min(...out.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out.data)).toBeLessThanOrEqual(1);
    expect(() => resizeImage(img, 0, 3)).toThrow(/resizeImage: width/);
  });

  it('samples only inside the box', () => {
    const img = fromUint8(Uint8Array.from([0, 255, 255, 0]), 4, 1, 1);
    expect(Array.from(resampleBox(img, { x: 1, y: 0, w: 2, h: 1 }, 3, 1).data)).toEqual([1, 1, 1]);
  });
});

describe('RawImage helpers', () => {
  it('converts to gray with ITU-R 601 luma and back to bytes', () => {
    const rgb = fromUint8(Uint8Array.from([255, 0, 0, 0, 0, 255]), 2, 1, 3);
    const gray = toGray(rgb);
    expect(gray.channels).toBe(1);
    expect(gray.data[0]).toBeCloseTo(0.2989, 5);
    expect(gray.data[1]).toBeCloseTo(0.114, 5);
    expect(toGray(gray)).toBe(gray);
    expect(Array.from(toUint8(gray))).toEqual([76, 29]);
  });

  it('hands tensor data over without a copy and checks shapes', () => {
    const img = createImage(3, 2, 3);
    expect(toTensorData(img)).toBe(img.data);
    const bad: RawImage = { width: 3, height: 2, channels: 3, data: new Float32Array(5) };
    expect(() => toTensorData(bad)).toThrow(/IMAGE_SHAPE_MISMATCH|fit/);
    expect(() => fromUint8(new Uint8Array(3), 2, 1, 1)).toThrow(/fromUint8/);
    expect(() => createImage(0, 2, 1)).toThrow(/no pixels/);
  });
});
