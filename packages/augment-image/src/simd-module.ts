// The project's TypeScript libs carry no WebAssembly types (no DOM lib); these are the few used.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

/** What every embedded SIMD module exports besides its functions: its linear memory. */
export interface SimdMemory {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/**
 * A getter for one of the package's embedded WebAssembly SIMD modules (`wasm/*.wat`, assembled
 * into `*-bytes.ts` by `scripts/build-wasm.mjs`), instantiated on its first call and shared
 * after. The getter returns `null` where the engine cannot instantiate it (no WebAssembly
 * SIMD), and its callers then keep to their JavaScript path.
 *
 * @param base64 the module's bytes, base64-encoded
 * @example
 * const tapsModule = lazySimdModule<TapsModule>(BLUR_WASM_BASE64);
 * const m = tapsModule(); // TapsModule, or null without SIMD
 */
export function lazySimdModule<T extends SimdMemory>(base64: string): () => T | null {
  let exports: T | null | undefined;

  return function simdModule(): T | null {
    if (exports !== undefined) return exports;
    try {
      const bytes = Buffer.from(base64, 'base64');
      exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as T;
    } catch {
      exports = null;
    }
    return exports;
  };
}
