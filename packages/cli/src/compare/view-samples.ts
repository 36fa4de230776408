import type { Recipe } from '@manyviews/augment-core';
import { contactSheet, encodePng, fromUint8, type RawImage } from '@manyviews/augment-image';
import { createImageViewMaker } from '@manyviews/contrastive';
import { normalizationOf } from '../domains/fashion-mnist.js';

/** What an image split offers for previews: 8-bit grayscale images. */
interface GraySplit {
  count: number;
  width: number;
  height: number;
  images: Uint8Array;
}

/**
 * A contact sheet of a recipe's views: `inputs` test images, each beside `views` views drawn
 * with the comparison's seed, undoing the recipe's normalisation so a person sees pixels.
 *
 * @returns PNG bytes
 */
export async function grayViewSheet(
  split: GraySplit,
  recipe: Recipe,
  seed: number,
  inputs = 6,
  views = 8,
): Promise<Uint8Array> {
  const { width, height } = split;
  const pixels = width * height;
  const make = createImageViewMaker({ width, height, recipe, seed });
  const indices = Array.from({ length: Math.min(inputs, split.count) }, (_, i) => i);
  const drawn = make(split.images, 0, indices, views);
  const { mean, std } = normalizationOf(recipe);

  const rows: RawImage[][] = indices.map((index, r) => {
    const original = fromUint8(
      split.images.subarray(index * pixels, (index + 1) * pixels),
      width,
      height,
      1,
    );
    const row = [original];
    for (let v = 0; v < views; v++) {
      const offset = (v * indices.length + r) * pixels;
      const data = new Float32Array(pixels);
      for (let p = 0; p < pixels; p++)
        data[p] = Math.min(1, Math.max(0, drawn[offset + p] * std + mean));
      row.push({ width, height, channels: 1, data });
    }
    return row;
  });
  return encodePng(contactSheet(rows, { cell: 56, gap: 4, background: 1 }));
}
