import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

let patched = false;

/**
 * Lets convolutions train on the wasm backend, whose tfjs 4.22 build has no
 * `Conv2DBackpropFilter` kernel: without it every `conv2d` gradient throws.
 *
 * The filter gradient of an NHWC convolution is, for each filter tap `(i, j)`, the product
 * `patch(i, j)ᵀ · dy`, where `patch(i, j)` is the padded input shifted by the tap and sampled at
 * the stride: `kh * kw` matrix products of `[batch * outH * outW, inC]ᵀ` by
 * `[batch * outH * outW, outC]`, which run on wasm's fast matMul (see wasm-matmul-patch.ts).
 * Unit-stride convolutions use faster forms that run on wasm's XNNPACK convolution instead:
 * the filter gradient as a convolution of the input (batch as channels) by `dy`, and the input
 * gradient of a `same` convolution as a convolution of `dy` by the flipped filter. wasm's own
 * `Conv2DBackpropInput` is a plain loop, about ten times slower (1.47 s against 0.11 s for a
 * 512 x 14 x 14 x 32 -> 64 layer here). Other strides keep tfjs's input rule and the tap form.
 *
 * Gradients are registered per kernel for every backend, so the replacement defers to the
 * original rule whenever the active backend is not wasm.
 */
export function patchWasmConvGradient(): void {
  if (patched) return;
  const original = tf.getGradient('Conv2D');
  if (!original) return;

  const config: GradConfig = {
    kernelName: 'Conv2D',
    inputsToSave: original.inputsToSave,
    gradFunc: (dy, saved, attrs) => {
      const grads = original.gradFunc(dy, saved, attrs);
      if (tf.getBackend() !== 'wasm') return grads;
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const fast = isUnitStrideSame(attrs, filter.shape);
      return {
        x: fast ? () => conv2dInputGradient(dy as tf.Tensor4D, filter) : grads.x,
        filter: () => conv2dFilterGradient(x, dy as tf.Tensor4D, filter.shape, attrs),
      };
    },
  };
  tf.registerGradient(config);
  patched = true;
}

/** Stride 1, no dilation, `same` padding with an odd kernel: the case the fast forms cover. */
function isUnitStrideSame(attrs: NamedAttrMap, filterShape: number[]): boolean {
  const one = (v: unknown) =>
    v === undefined || v === 1 || (Array.isArray(v) && v.every((d) => d === 1));
  const { strides, dilations, pad, dataFormat } = attrs as Record<string, unknown>;
  return (
    one(strides) &&
    one(dilations) &&
    pad === 'same' &&
    (dataFormat ?? 'NHWC') === 'NHWC' &&
    filterShape[0] % 2 === 1 &&
    filterShape[1] % 2 === 1
  );
}

/**
 * `dL/dx` of a stride-1 `same` convolution: `dy` convolved (`same`) with the filter flipped in
 * space and with its channel axes swapped.
 *
 * @param dy `[batch, h, w, outC]`
 * @param filter `[kh, kw, inC, outC]`, odd kh and kw
 * @returns `[batch, h, w, inC]`
 */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() =>
    tf.conv2d(dy, tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same'),
  );
}

/**
 * `dL/dfilter` of `conv2d(x, filter)` from `dy = dL/dy` (see above).
 *
 * @param x input, `[batch, inH, inW, inC]` (NHWC)
 * @param dy gradient of the output, `[batch, outH, outW, outC]`
 * @param filterShape `[kh, kw, inC, outC]`
 * @param attrs the Conv2D attributes (strides, pad, dilations, dimRoundingMode)
 * @returns `[kh, kw, inC, outC]`
 */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: number[],
  attrs: NamedAttrMap,
): tf.Tensor4D {
  return tf.tidy(() => {
    const { strides, pad, dilations, dimRoundingMode, dataFormat } = attrs as {
      strides: number | [number, number];
      pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
      dilations?: number | [number, number];
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      dataFormat?: string;
    };
    if (dataFormat && dataFormat !== 'NHWC')
      throw new Error(`conv2dFilterGradient: ${dataFormat} is not supported`);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape,
      filterShape as [number, number, number, number],
      strides,
      dilations ?? 1,
      pad,
      dimRoundingMode,
    );
    const { top, bottom, left, right } = info.padInfo;
    const padded =
      top || bottom || left || right
        ? tf.pad(x, [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ])
        : x;
    const [kh, kw, inC, outC] = filterShape;
    const unit =
      info.strideHeight === 1 &&
      info.strideWidth === 1 &&
      info.dilationHeight === 1 &&
      info.dilationWidth === 1;
    if (unit) {
      // Batch as channels: [inC, H, W, batch] convolved (valid) by [outH, outW, batch, outC]
      // gives [inC, kh, kw, outC], one XNNPACK call instead of kh * kw products.
      const input = tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D;
      const kernel = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
      const out = tf.conv2d(input, kernel, 1, 'valid');
      return tf.transpose(
        tf.slice(out, [0, 0, 0, 0], [inC, kh, kw, outC]),
        [1, 2, 0, 3],
      ) as tf.Tensor4D;
    }
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const dy2 = tf.reshape(dy, [rows, outC]) as tf.Tensor2D;

    const taps: tf.Tensor2D[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const r0 = i * info.dilationHeight;
        const c0 = j * info.dilationWidth;
        const patch =
          info.strideHeight === 1 && info.strideWidth === 1
            ? tf.slice(padded, [0, r0, c0, 0], [info.batchSize, info.outHeight, info.outWidth, inC])
            : tf.stridedSlice(
                padded,
                [0, r0, c0, 0],
                [
                  info.batchSize,
                  r0 + (info.outHeight - 1) * info.strideHeight + 1,
                  c0 + (info.outWidth - 1) * info.strideWidth + 1,
                  inC,
                ],
                [1, info.strideHeight, info.strideWidth, 1],
              );
        taps.push(tf.matMul(tf.reshape(patch, [rows, inC]) as tf.Tensor2D, dy2, true, false));
      }
    }
    return tf.reshape(tf.stack(taps), [kh, kw, inC, outC]) as tf.Tensor4D;
  });
}
