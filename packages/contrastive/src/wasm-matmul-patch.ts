import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

const patched = new Set<string>();

/**
 * Makes the wasm backend's transposed matrix products run at its plain matMul speed.
 *
 * tfjs-backend-wasm 4.22 computes `matMul(a, b, transposeA, transposeB)` with strided loads that
 * are 10 to 40 times slower than its untransposed kernel (measured here: 1.24 s against 30 ms for
 * a 784x512 by 512x1024 product). Every backward pass of a dense layer and every similarity
 * matrix `z zᵀ` hits that path, so the wrapper below transposes the operand explicitly (a fast
 * copy) and calls the untransposed kernel. It replaces the kernels `BatchMatMul` and
 * `_FusedMatMul` for the wasm backend only, once per process.
 */
export function patchWasmMatMul(): void {
  for (const kernelName of ['BatchMatMul', '_FusedMatMul']) {
    if (patched.has(kernelName)) continue;
    const original = tf.getKernel(kernelName, 'wasm');
    if (!original) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel(withExplicitTranspose(original));
    patched.add(kernelName);
  }
}

function withExplicitTranspose(original: KernelConfig): KernelConfig {
  const transpose = tf.getKernel('Transpose', 'wasm')!.kernelFunc;
  const run = original.kernelFunc;

  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return run({ inputs, backend, attrs });

    const temporaries: TensorInfo[] = [];
    const flip = (x: TensorInfo): TensorInfo => {
      const rank = x.shape.length;
      const perm = [...Array(rank).keys()];
      [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
      const out = transpose({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
      temporaries.push(out);
      return out;
    };

    const a = transposeA ? flip(inputs.a as TensorInfo) : inputs.a;
    const b = transposeB ? flip(inputs.b as TensorInfo) : inputs.b;
    try {
      return run({
        inputs: { ...inputs, a, b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of temporaries) (backend as KernelBackend).disposeData(t.dataId);
    }
  };

  return { ...original, kernelFunc };
}
