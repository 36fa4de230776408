import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { perspectiveImage, randomPerspective } from './perspective.js';
import { syntheticScene } from './synthetic-scene.js';

describe('randomPerspective', () => {
  it("draws torchvision's corner ranges and replays", () => {
    const t = randomPerspective({ distortion: 0.5, p: 1 });
    const img = syntheticScene(20, 16, 3);
    for (let i = 0; i < 20; i++) {
      const { output, record } = t.run(img, new Rng(i));
      expect(record.params.corners).toHaveLength(4);
      const [tl, tr, br, bl] = record.params.corners!;
      // half sides 10 and 8, distortion 0.5: corners move by at most 5 and 4 pixels.
      expect(tl[0]).toBeLessThanOrEqual(5);
      expect(tl[1]).toBeLessThanOrEqual(4);
      expect(tr[0]).toBeGreaterThanOrEqual(14);
      expect(br[1]).toBeGreaterThanOrEqual(11);
      expect(bl[0]).toBeLessThanOrEqual(5);
      expect(t.apply(img, record.params).data).toEqual(output.data);
    }
  });

  it('keeps the image for unmoved corners and fills outside a shrunk one', () => {
    const img = syntheticScene(10, 8, 1);
    const same = perspectiveImage(
      img,
      [
        [0, 0],
        [9, 0],
        [9, 7],
        [0, 7],
      ],
      0,
    );
    for (let i = 0; i < img.data.length; i++) expect(same.data[i]).toBeCloseTo(img.data[i], 5);
    const shrunk = perspectiveImage(
      img,
      [
        [3, 2],
        [6, 2],
        [6, 5],
        [3, 5],
      ],
      0.25,
    );
    expect(shrunk.data[0]).toBe(0.25);
    expect(() => perspectiveImage(img, [[0, 0]] as never, 0)).toThrow(/INVALID_RECORD|replayed/);
  });
});
