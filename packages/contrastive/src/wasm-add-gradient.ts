import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

let patched = false;

/**
 * Makes the gradient of a broadcast `add` (every bias of every layer) cheap on the wasm backend.
 *
 * tfjs reduces the incoming gradient over the broadcast axes with `sum`, and wasm's `Sum` over
 * leading axes transposes first: 220 ms for a `[512, 14, 14, 64]` gradient here, a tenth of a
 * convolution layer's whole step. When the smaller operand only lacks leading axes (a bias of
 * shape `[C]` against `[..., C]`, the case every layer has), the same reduction is one product
 * `ones[1, rows] · dy[rows, C]`, which runs on wasm's matMul in about 4 ms. Any other broadcast
 * keeps tfjs's rule, as does every backend but wasm.
 */
export function patchWasmAddGradient(): void {
  if (patched) return;
  const original = tf.getGradient('Add');
  if (!original) return;

  const config: GradConfig = {
    kernelName: 'Add',
    inputsToSave: original.inputsToSave,
    gradFunc: (dy, saved, attrs) => {
      const grads = original.gradFunc(dy, saved, attrs);
      if (tf.getBackend() !== 'wasm') return grads;
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const g = dy as tf.Tensor;
      return {
        a: leadingBroadcast(a.shape, g.shape) ? () => sumLeadingAxes(g, a.shape) : grads.a,
        b: leadingBroadcast(b.shape, g.shape) ? () => sumLeadingAxes(g, b.shape) : grads.b,
      };
    },
  };
  tf.registerGradient(config);
  patched = true;
}

/**
 * Whether `shape`, broadcast to `out`, only gains leading axes: its own axes (after any leading
 * 1s) equal the trailing axes of `out`, and at least one leading axis is reduced.
 */
function leadingBroadcast(shape: number[], out: number[]): boolean {
  let first = 0;
  while (first < shape.length && shape[first] === 1) first++;
  const kept = shape.slice(first);
  if (kept.length >= out.length) return false;
  const tail = out.slice(out.length - kept.length);
  return kept.every((d, i) => d === tail[i]);
}

/**
 * `dy` summed over the axes that broadcasting added in front of `shape`, as a matrix product.
 *
 * @param dy gradient of the sum, shape `[...lead, ...tail]`
 * @param shape the operand's shape (`tail`, possibly with leading 1s)
 */
export function sumLeadingAxes(dy: tf.Tensor, shape: number[]): tf.Tensor {
  return tf.tidy(() => {
    const cols = shape.reduce((p, d) => p * d, 1);
    const rows = dy.size / cols;
    const flat = tf.reshape(dy, [rows, cols]) as tf.Tensor2D;
    return tf.reshape(tf.matMul(tf.ones([1, rows]), flat), shape);
  });
}
