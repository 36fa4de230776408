import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx, parseIdx } from './idx.js';

describe('parseIdx', () => {
  const data = Uint8Array.from([1, 2, 3, 4, 5, 6]);

  it('reads plain and gzipped files alike', () => {
    const plain = encodeIdx([2, 3], data);
    for (const bytes of [plain, gzipSync(plain)]) {
      const parsed = parseIdx(bytes);
      expect(parsed.shape).toEqual([2, 3]);
      expect(Array.from(parsed.data)).toEqual(Array.from(data));
    }
  });

  it('refuses files that are not IDX, of another type, or truncated', () => {
    const good = encodeIdx([2, 3], data);
    expect(() => parseIdx(Uint8Array.from([1, 2, 3, 4]))).toThrow(/not an IDX file/);
    const float = good.slice();
    float[2] = 0x0d;
    expect(() => parseIdx(float)).toThrow(/unsupported IDX type.*0xd/);
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow(
      /expected 6 data bytes.*received "5 bytes"/,
    );
    expect(() => parseIdx(gzipSync(good).subarray(0, 12))).toThrow(/gzip/);
    expect(() => parseIdx(good.subarray(0, 6))).toThrow(/truncated IDX header/);
  });
});
