import * as tf from '@tensorflow/tfjs-core';
import { conv2dFilterGradient, conv2dInputGradient } from './wasm-conv-gradient.js';
import { windowArgmax } from './wasm-maxpool-gradient.js';

/** Options of {@link convBiasRelu}. */
export interface ConvBiasReluOptions {
  /** Step of the convolution in both directions, 1 or 2; default 1. Padding is always `same`. */
  stride?: number;
  /**
   * Follow the block with a 2x2, stride-2 max-pool; default false. The output of the
   * convolution must then have an even height and width.
   */
  pool?: boolean;
  /**
   * Whether `dL/dx` is wanted; default true. The first layer of an encoder reads the input
   * images, whose gradient nobody uses: false returns zeros for it instead of a convolution.
   */
  inputGradient?: boolean;
}

/**
 * `relu(conv2d(x, filter, stride, 'same') + bias)`, optionally max-pooled 2x2, as one fused
 * kernel forward and a backward pass that costs little beyond the convolution's own gradients.
 *
 * Written as separate ops, a conv block stores the convolution, the sum, the activation and the
 * pool, and its backward pass runs a max-pool gradient, a ReLU mask, a copy for the addition and a
 * `Sum` over `[batch, h, w]` for the bias. On wasm that reduction transposes its input first
 * (180 ms for a `[512, 28, 28, 32]` gradient here, over a tenth of a training step). This op
 * runs tfjs's `FusedConv2D` (XNNPACK applies bias and ReLU in the convolution's own pass), keeps
 * only its output, and gets the gradient at the convolution's output, `g`, and the bias gradient
 * in one pass over that output in JavaScript: each pooled gradient goes to the first largest
 * entry of its window (row-major, as tfjs's MaxPoolGrad), and only where that entry is positive
 * (ReLU's gradient is 0 at 0, as tfjs's). The filter and input gradients are those of
 * `wasm-conv-gradient.ts`, built from ordinary ops, so the result is the same on every backend.
 *
 * @param x `[batch, h, w, inC]` (NHWC)
 * @param filter `[kh, kw, inC, outC]`, odd kh and kw
 * @param bias `[outC]`
 * @returns `[batch, ceil(h / stride), ceil(w / stride), outC]`, halved again when pooled
 * @throws {Error} when `pool` is set and the convolution's output has an odd side
 */
export function convBiasRelu(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  options: ConvBiasReluOptions = {},
): tf.Tensor4D {
  const stride = options.stride ?? 1;
  const pool = options.pool ?? false;
  const wantInput = options.inputGradient ?? true;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, weights, offsets] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    // The kernel itself: tf.fused.conv2d unfuses bias and activation whenever a gradient is
    // being recorded, which here this op's own gradient makes needless.
    const y = tf.engine().runKernel(
      'FusedConv2D',
      { x: input, filter: weights, bias: offsets },
      {
        strides: [stride, stride],
        pad: 'same',
        dataFormat: 'NHWC',
        dilations: [1, 1],
        activation: 'relu',
      },
    ) as tf.Tensor4D;
    if (pool && (y.shape[1] % 2 !== 0 || y.shape[2] % 2 !== 0)) {
      throw new Error(`convBiasRelu: pool needs an even output side, got ${y.shape.join('x')}`);
    }
    save([input, weights, y]);

    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xs, w, out] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      if (!wantInput && stride === 1 && xs.shape[3] * w.shape[0] * w.shape[1] <= FEW_TAPS) {
        const { g, dBias } = activationGradient(out, dy as tf.Tensor4D, pool, true);
        return [tf.zerosLike(xs), patchFilterGradient(xs, g as tf.Tensor2D, w.shape), dBias];
      }
      const { g, dBias } = activationGradient(out, dy as tf.Tensor4D, pool);
      const dFilter = conv2dFilterGradient(xs, g as tf.Tensor4D, w.shape, {
        strides: stride,
        pad: 'same',
      });
      return [inputGradientOf(xs, g as tf.Tensor4D, w, stride, wantInput), dFilter, dBias];
    };
    return { value: pool ? tf.maxPool(y, 2, 2, 'valid') : y, gradFunc };
  });
  return op(x, filter, bias) as tf.Tensor4D;
}

/**
 * The gradient at the convolution's output (before bias and ReLU) and the bias gradient, from
 * the block's ReLU output `y` and the gradient `dy` of the block's result (pooled or not).
 *
 * On wasm the pass reads `y` and `dy` where they lie in the module's heap and writes `g` into a
 * tensor allocated there, sparing three copies of up to 51 MB (a `[512, 28, 28, 32]` map) that
 * `dataSync` and `tf.tensor` would make.
 *
 * @param y `[batch, h, w, c]`, ReLU output
 * @param dy `[batch, h / 2, w / 2, c]` when pooled, else `[batch, h, w, c]`
 * @param channelsFirst give `g` as `[c, batch * h * w]` instead of `[batch, h, w, c]`
 */
export function activationGradient(
  y: tf.Tensor4D,
  dy: tf.Tensor4D,
  pooled: boolean,
  channelsFirst = false,
): { g: tf.Tensor; dBias: tf.Tensor1D } {
  const c = y.shape[3];
  const sums = new Float64Array(c);
  const shape = channelsFirst ? [c, y.size / c] : y.shape;
  const heap = wasmHeap();
  let g: tf.Tensor;
  if (heap) {
    const info = heap.makeOutput(shape, 'float32');
    g = tf.engine().makeTensorFromTensorInfo(info);
    // Views are taken after the allocation, which may grow (and so detach) the heap.
    const out = heap.typedArrayFromHeap(info) as Float32Array;
    out.fill(0);
    const yv = heap.typedArrayFromHeap(y) as Float32Array;
    const gv = heap.typedArrayFromHeap(dy) as Float32Array;
    routeGradient(y.shape, yv, gv, out, sums, pooled, channelsFirst);
  } else {
    const out = new Float32Array(y.size);
    routeGradient(
      y.shape,
      y.dataSync() as Float32Array,
      dy.dataSync() as Float32Array,
      out,
      sums,
      pooled,
      channelsFirst,
    );
    g = tf.tensor(out, shape);
  }
  return { g, dBias: tf.tensor1d(Float32Array.from(sums)) };
}

/** The wasm backend's heap access, when it is the active backend. */
function wasmHeap():
  | {
      makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
      typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
    }
  | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as Record<string, unknown>;
  if (typeof backend.makeOutput !== 'function' || typeof backend.typedArrayFromHeap !== 'function')
    return undefined;
  return backend as never;
}

/**
 * Writes into `out` (zeros) each gradient of `gv` where it flows: through the ReLU where `yv`
 * is positive, and, when pooled, to the first largest entry of each 2x2 window; in NHWC order,
 * or channels-first (`[c, batch * h * w]`). Adds each written value to its channel's `sums`.
 */
function routeGradient(
  [batch, h, w, c]: number[],
  yv: Float32Array,
  gv: Float32Array,
  out: Float32Array,
  sums: Float64Array,
  pooled: boolean,
  channelsFirst: boolean,
): void {
  // Where the value for NHWC offset p (channel k) goes: p itself, or row k, column p / c.
  const rows = yv.length / c;
  const at = channelsFirst ? (p: number, k: number) => k * rows + (p - k) / c : (p: number) => p;
  if (!pooled) {
    for (let p = 0, k = 0; p < yv.length; p++) {
      if (yv[p] > 0) {
        out[at(p, k)] = gv[p];
        sums[k] += gv[p];
      }
      if (++k === c) k = 0;
    }
    return;
  }

  const row = w * c;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < h / 2; i++) {
      const top = (b * h + 2 * i) * row;
      for (let j = 0; j < w / 2; j++) {
        const corner = top + 2 * j * c;
        for (let k = 0; k < c; k++, o++) {
          const best = windowArgmax(yv, corner + k, c, row);
          if (yv[best]! > 0) {
            out[at(best, k)] = gv[o];
            sums[k] += gv[o];
          }
        }
      }
    }
  }
}

/** `dL/dx` of the convolution from `g = dL/d(conv + bias)`; zeros when it is not wanted. */
function inputGradientOf(
  x: tf.Tensor4D,
  g: tf.Tensor4D,
  filter: tf.Tensor4D,
  stride: number,
  wanted: boolean,
): tf.Tensor {
  if (!wanted) return tf.zerosLike(x);
  if (stride === 1) return conv2dInputGradient(g, filter);
  // Other strides: the transposed convolution, tfjs's Conv2DBackpropInput.
  return tf.conv2dTranspose(g, filter, x.shape, stride, 'same');
}

/**
 * Up to this many filter taps (`kh * kw * inC`), a first layer's filter gradient is one matrix
 * product with the input's patches (27 for RGB and 3x3): the batch-as-channels convolution of
 * `conv2dFilterGradient` spends its time packing a `dy` of `batch * h * w * outC` values for a
 * product of only `kh * kw * inC` rows (144 ms for a `[512, 28, 28, 1] -> 32` layer here).
 */
const FEW_TAPS = 32;

/**
 * `dL/dfilter` of a stride-1 `same` convolution as `gᵀ · patches`: the patches matrix
 * (`[batch * h * w, kh * kw * inC]`, built in one pass) is small when the input has few channels.
 *
 * @param x `[batch, h, w, inC]`
 * @param gT the gradient at the convolution's output, channels first: `[outC, batch * h * w]`
 * @param filterShape `[kh, kw, inC, outC]`, odd kh and kw
 * @returns `[kh, kw, inC, outC]`
 */
export function patchFilterGradient(
  x: tf.Tensor4D,
  gT: tf.Tensor2D,
  filterShape: number[],
): tf.Tensor4D {
  const [batch, h, w, inC] = x.shape;
  const [kh, kw, , outC] = filterShape;
  const taps = kh * kw * inC;
  const xv = x.dataSync() as Float32Array;
  const cols = new Float32Array(batch * h * w * taps);
  const top = (kh - 1) / 2;
  const left = (kw - 1) / 2;

  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        for (let a = 0; a < kh; a++) {
          const r = i + a - top;
          for (let e = 0; e < kw; e++, o += inC) {
            const s = j + e - left;
            if (r < 0 || r >= h || s < 0 || s >= w) continue;
            const from = ((b * h + r) * w + s) * inC;
            for (let k = 0; k < inC; k++) cols[o + k] = xv[from + k];
          }
        }
      }
    }
  }
  return tf.tidy(() => {
    const patches = tf.tensor2d(cols, [batch * h * w, taps]);
    return tf.reshape(tf.transpose(tf.matMul(gT, patches)), [kh, kw, inC, outC]) as tf.Tensor4D;
  });
}
