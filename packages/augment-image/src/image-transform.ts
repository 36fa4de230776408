import { defineTransform, type LeafSpec, type Transform } from '@manyviews/augment-core';
import { assertImage, type RawImage } from './raw-image.js';

/**
 * `defineTransform` for images: `run` and `apply` first check their input with
 * {@link assertImage} (O(1), shape and type only), so a transform used alone refuses a malformed
 * image with `IMAGE_INVALID` instead of drawing from it or handing it to a SIMD kernel.
 *
 * @param spec the leaf's name, options, sampler and applier, as `defineTransform` takes them
 * @throws {ManyViewsError} `IMAGE_INVALID` from `run` or `apply`, naming `name.run` or `name.apply`
 */
export function defineImageTransform<P>(spec: LeafSpec<RawImage, P>): Transform<RawImage, P> {
  const inner = defineTransform<RawImage, P>(spec);
  const onRun = `${spec.name}.run`;
  const onApply = `${spec.name}.apply`;
  return {
    ...inner,
    run(input, rng) {
      assertImage(input, onRun);
      return inner.run(input, rng);
    },
    apply(input, params) {
      assertImage(input, onApply);
      return inner.apply(input, params);
    },
  };
}
