import { ManyViewsError, type Recipe, Rng } from '@manyviews/augment-core';
import { buildImagePipeline, fromUint8 } from '@manyviews/augment-image';

/** What it takes to turn stored 8-bit images into training views, all plain data. */
export interface ImageViewSpec {
  /** Stored image size; views must come out at the same size (the encoder's input). */
  width: number;
  height: number;
  /** Channels of each stored pixel, HWC interleaved: 1 (gray) or 3 (RGB); default 1. */
  channels?: 1 | 3;
  /** An image recipe (see `@manyviews/augment-image`). */
  recipe: Recipe;
  /** Seed of the run; view `v` of example `i` in epoch `e` draws from `fork(e, i, v)`. */
  seed: number;
}

/**
 * Writes views of a batch into one buffer laid out view-major: view `v` of batch row `r` starts
 * at `(v * batch + r) * width * height * channels`.
 */
export type ImageViewMaker = (
  images: Uint8Array,
  epoch: number,
  indices: ArrayLike<number>,
  views: number,
) => Float32Array;

/**
 * Builds the view maker for a spec. The recipe is validated here, once, not inside the loop.
 *
 * @throws {ManyViewsError} recipe errors; `VIEW_SHAPE_MISMATCH` when the recipe's output size is
 *   not the stored size
 */
export function createImageViewMaker(spec: ImageViewSpec): ImageViewMaker {
  const { transform } = buildImagePipeline(spec.recipe);
  const channels = spec.channels ?? 1;
  const pixels = spec.width * spec.height * channels;
  const root = new Rng(spec.seed).fork('views');

  return function makeImageViews(images, epoch, indices, views) {
    const batch = indices.length;
    const out = new Float32Array(views * batch * pixels);
    for (let r = 0; r < batch; r++) {
      const index = indices[r];
      const source = fromUint8(
        images.subarray(index * pixels, (index + 1) * pixels),
        spec.width,
        spec.height,
        channels,
      );
      for (let v = 0; v < views; v++) {
        const view = transform.run(source, root.fork(epoch, index, v)).output;
        if (view.data.length !== pixels) {
          throw new ManyViewsError('VIEW_SHAPE_MISMATCH', 'the recipe changes the image size', {
            expected: `${spec.width}x${spec.height}x${channels} views`,
            received: `${view.width}x${view.height}x${view.channels}`,
          });
        }
        out.set(view.data, (v * batch + r) * pixels);
        transform.recycle(view);
      }
    }
    return out;
  };
}
