import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

let patched = false;

/**
 * Replaces the gradient of the 2x2, stride-2 max-pool (the one the CNN encoder uses) on the wasm
 * backend with a single pass over the input in JavaScript.
 *
 * wasm's `MaxPoolGrad` kernel takes 0.7–1.6 s for a `[512, 28, 28, 32]` input here, a third of a
 * convolutional training step; the loop below, which routes each output's gradient to the first
 * largest of its four inputs, takes a third to a half of that, copies included. Other pool shapes,
 * and every backend but wasm, keep tfjs's own rule.
 */
export function patchWasmMaxPoolGradient(): void {
  if (patched) return;
  const original = tf.getGradient('MaxPool');
  if (!original) return;

  const config: GradConfig = {
    kernelName: 'MaxPool',
    inputsToSave: original.inputsToSave,
    outputsToSave: original.outputsToSave,
    gradFunc: (dy, saved, attrs) => {
      const grads = original.gradFunc(dy, saved, attrs);
      const [x] = saved as [tf.Tensor4D];
      if (tf.getBackend() !== 'wasm' || !isPairPool(x.shape, attrs)) return grads;
      return { x: () => maxPool2x2Gradient(x, dy as tf.Tensor4D) };
    },
  };
  tf.registerGradient(config);
  patched = true;
}

/** A 2x2 window, stride 2, no padding in effect (even height and width), float32 NHWC. */
function isPairPool(shape: number[], attrs: NamedAttrMap): boolean {
  const two = (v: unknown) =>
    v === 2 || (Array.isArray(v) && v.length === 2 && v.every((d) => d === 2));
  const { filterSize, strides, pad, dimRoundingMode } = attrs as Record<string, unknown>;
  return (
    two(filterSize) &&
    two(strides) &&
    (pad === 'same' || pad === 'valid') &&
    dimRoundingMode == null &&
    shape.length === 4 &&
    shape[1] % 2 === 0 &&
    shape[2] % 2 === 0
  );
}

/**
 * `dL/dx` of `maxPool(x, 2, 2)` for even height and width: each output's gradient goes to the
 * first largest of its window (row-major order), the rest of the window gets 0.
 *
 * @param x the pool's input, `[batch, h, w, c]`, h and w even
 * @param dy gradient of the output, `[batch, h / 2, w / 2, c]`
 * @returns `[batch, h, w, c]`
 */
export function maxPool2x2Gradient(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const [batch, h, w, c] = x.shape;
  const xv = x.dataSync() as Float32Array;
  const gv = dy.dataSync() as Float32Array;
  const out = new Float32Array(xv.length);
  const row = w * c;
  const outH = h / 2;
  const outW = w / 2;

  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < outH; i++) {
      const top = (b * h + 2 * i) * row;
      for (let j = 0; j < outW; j++) {
        const corner = top + 2 * j * c;
        for (let k = 0; k < c; k++, o++) out[windowArgmax(xv, corner + k, c, row)] = gv[o];
      }
    }
  }
  return tf.tensor4d(out, [batch, h, w, c]);
}

/**
 * Index of the first largest value (row-major) of the 2x2 window whose top-left sample is `p0`,
 * in channels-last samples: `c` apart along a row, `row` apart down a column. Ties go to the
 * earlier sample, as tfjs's max-pool gradient routes them. Small enough for V8 to inline into
 * the pooling loops that call it once per output.
 */
export function windowArgmax(v: Float32Array, p0: number, c: number, row: number): number {
  const p1 = p0 + c;
  const p2 = p0 + row;
  const p3 = p2 + c;
  let best = p0;
  if (v[p1]! > v[best]!) best = p1;
  if (v[p2]! > v[best]!) best = p2;
  if (v[p3]! > v[best]!) best = p3;
  return best;
}
