import { createRequire } from 'node:module';
import path from 'node:path';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node build ships no gradients and its ESM files cannot be loaded by Node directly;
// the umbrella package's Node bundle registers them all (and the cpu backend).
import '@tensorflow/tfjs';
import { patchWasmConvGradient } from './wasm-conv-gradient.js';
import { patchWasmMatMul } from './wasm-matmul-patch.js';
import { patchWasmMaxPoolGradient } from './wasm-maxpool-gradient.js';

/** A backend a user can ask for; `auto` takes the fastest one installed. */
export type BackendChoice = 'auto' | 'node-gpu' | 'node' | 'wasm' | 'cpu';

/** The backends `auto` tries, fastest first (DESIGN.md, "Backends"). */
export const BACKEND_ORDER = ['node-gpu', 'node', 'wasm', 'cpu'] as const;

/** What {@link selectBackend} settled on. */
export interface BackendInfo {
  /** Our name for it. */
  name: Exclude<BackendChoice, 'auto'>;
  /** The tfjs backend name (`tensorflow`, `wasm`, `cpu`). */
  tfName: string;
  /** Why others were passed over, for logs: e.g. `node-gpu: not installed`. */
  skipped: string[];
}

const require = createRequire(import.meta.url);
let selected: BackendInfo | undefined;

/**
 * Picks and initialises the TensorFlow.js backend, once per process; later calls return the
 * first choice.
 *
 * `auto` tries `@tensorflow/tfjs-node-gpu`, `@tensorflow/tfjs-node`, the wasm backend, then the
 * pure-JS cpu backend. The two native packages are optional peers: their install step downloads
 * libtensorflow, so they are absent on machines without outside network. A native package that is
 * installed but fails to load (CUDA or cuDNN libraries missing, say) is reported with a warning
 * naming the cause, never skipped in silence. The choice is logged once at `info`.
 *
 * @param choice a backend name or `auto` (default)
 * @param logger where the decision is reported
 * @throws {ManyViewsError} `BACKEND_UNKNOWN` for a name that is no backend;
 *   `BACKEND_UNAVAILABLE` when a named backend cannot be loaded, with the
 *   reason and the package to install
 */
export async function selectBackend(
  choice: BackendChoice = 'auto',
  logger: Logger = silentLogger,
): Promise<BackendInfo> {
  if (choice !== 'auto' && !(BACKEND_ORDER as readonly string[]).includes(choice)) {
    throw new ManyViewsError('BACKEND_UNKNOWN', `there is no backend named ${String(choice)}`, {
      expected: `auto or one of ${BACKEND_ORDER.join(', ')}`,
      received: choice,
    });
  }
  if (selected) {
    if (choice !== 'auto' && choice !== selected.name) {
      throw new ManyViewsError('BACKEND_UNAVAILABLE', 'the backend was already chosen', {
        expected: selected.name,
        received: choice,
      });
    }
    return selected;
  }

  const candidates = choice === 'auto' ? [...BACKEND_ORDER] : [choice];
  const skipped: string[] = [];
  for (const name of candidates) {
    const failure = await tryBackend(name);
    if (failure === undefined) {
      selected = { name, tfName: tf.getBackend(), skipped };
      logger.info(`backend: ${name} (tfjs ${tf.version_core})`, { backend: name, skipped });
      return selected;
    }
    if (choice !== 'auto') {
      throw new ManyViewsError(
        'BACKEND_UNAVAILABLE',
        `backend ${name} cannot be used: ${failure}`,
        {
          expected: `one of ${BACKEND_ORDER.join(', ')} that is installed`,
          received: name,
        },
      );
    }
    skipped.push(`${name}: ${failure}`);
    if (!failure.startsWith('not installed')) {
      logger.warn(`backend ${name} is installed but failed to load: ${failure}`, { backend: name });
    }
  }
  throw new ManyViewsError('BACKEND_UNAVAILABLE', `no TensorFlow.js backend could be loaded`, {
    expected: 'one of @tensorflow/tfjs-backend-wasm or -cpu',
    received: skipped.join('; '),
  });
}

/** The backend chosen so far, if any. */
export function currentBackend(): BackendInfo | undefined {
  return selected;
}

async function tryBackend(name: Exclude<BackendChoice, 'auto'>): Promise<string | undefined> {
  const pkg = {
    'node-gpu': '@tensorflow/tfjs-node-gpu',
    node: '@tensorflow/tfjs-node',
    wasm: '@tensorflow/tfjs-backend-wasm',
    cpu: '@tensorflow/tfjs-backend-cpu',
  }[name];

  let resolved: string;
  try {
    resolved = require.resolve(pkg);
  } catch {
    return `not installed (add ${pkg})`;
  }

  try {
    const mod = await import(pkg);
    if (name === 'wasm') {
      const dist = path.dirname(resolved);
      mod.setWasmPaths(`${dist}${path.sep}`);
    }
    const tfName = name === 'wasm' ? 'wasm' : name === 'cpu' ? 'cpu' : 'tensorflow';
    if (!(await tf.setBackend(tfName))) return 'the backend refused to initialise';
    await tf.ready();
    if (name === 'wasm') {
      patchWasmMatMul();
      patchWasmConvGradient();
      patchWasmMaxPoolGradient();
    }
    return undefined;
  } catch (error) {
    return explainLoadFailure(error);
  }
}

function explainLoadFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const missing = /lib(cudart|cudnn|cublas|cufft|curand|cusolver|cusparse)[^\s:]*/.exec(text);
  if (missing) {
    return (
      `the CUDA library ${missing[0]} is missing; tfjs-node-gpu 4.22 needs CUDA 11.8 and ` +
      `cuDNN 8.6 on the library path (${text.split('\n')[0]})`
    );
  }
  return text.split('\n')[0];
}
