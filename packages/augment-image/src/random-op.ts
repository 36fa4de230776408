import { badRecord, type Rng, type Transform } from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';

/** What a probability-gated op records: whether it ran and, if so, what it drew. */
export interface RandomOpParams<D> {
  applied: boolean;
  drawn?: D;
}

/**
 * Builds a transform that applies `op` with probability `p`, torchvision's `RandomSolarize`,
 * `RandomInvert`, ... pattern. The roll comes first, then the op's own draws, so a record replays
 * the roll and the draw together. When the roll fails, the output is the input object itself.
 *
 * @param name the recipe name
 * @param options the validated options, kept on the transform
 * @param p probability in [0, 1], already validated
 * @param draw the op's own parameters (return `null` when it draws nothing)
 * @param op applies the drawn parameters; must not use randomness
 */
export function randomOp<D>(
  name: string,
  options: Record<string, unknown>,
  p: number,
  draw: (img: RawImage, rng: Rng) => D,
  op: (img: RawImage, drawn: D) => RawImage,
): Transform<RawImage, RandomOpParams<D>> {
  return defineImageTransform<RandomOpParams<D>>({
    name,
    options,
    sample(img, rng) {
      if (!rng.bool(p)) return { applied: false };
      return { applied: true, drawn: draw(img, rng) };
    },
    apply(img, params) {
      if (typeof params?.applied !== 'boolean') throw badRecord(name, '{applied, drawn?}', params);
      if (!params.applied) return img;
      return op(img, params.drawn as D);
    },
  });
}
