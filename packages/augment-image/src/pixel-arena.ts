/**
 * Buffer reuse for pipeline runs.
 *
 * A fresh 224x224x3 Float32Array costs about as much as a pass over it (the allocator returns the
 * memory to the system on GC and every page faults in again), and a SimCLR view makes five of
 * them. Inside {@link withArena}, {@link allocPixels} hands out buffers from a per-pipeline arena
 * instead, and all of them are free again when the run ends: an intermediate image of a pipeline
 * is seen only by the next step (records hold parameters, never pixels), so reusing it is safe.
 * The one buffer holding the pipeline's output is detached from the arena and belongs to the
 * caller. Outside an arena, `allocPixels` is `new Float32Array(n)`.
 *
 * That output is the one fresh allocation left per run (its pages fault in, about 0.1 to 0.3 ms
 * for a 224x224 RGB view). A caller done with an output (copied into a batch, say) can hand it
 * back with {@link PixelArena.give}, and a later run reuses it; an output never handed back is
 * the caller's for good. Only outputs this arena handed out are taken back, each once.
 */
export class PixelArena {
  private readonly free = new Map<number, Float32Array[]>();
  private readonly lent: Float32Array[] = [];
  private readonly handedOut = new WeakSet<Float32Array>();

  /** A buffer of `n` floats; its contents are arbitrary (callers write every element). */
  take(n: number): Float32Array {
    const buf = this.free.get(n)?.pop() ?? new Float32Array(n);
    this.lent.push(buf);
    return buf;
  }

  /** Makes every lent buffer free again except `keep` (the run's output), which leaves. */
  reset(keep: Float32Array | undefined): void {
    this.resetKeeping(keep ? [keep] : []);
  }

  /** As {@link PixelArena.reset}, keeping several buffers (the views of a multi-view run). */
  resetKeeping(keep: readonly Float32Array[]): void {
    for (const buf of this.lent) {
      if (keep.includes(buf)) this.handedOut.add(buf);
      else this.release(buf);
    }
    this.lent.length = 0;
  }

  /**
   * Takes back an output this arena handed out, for a later run to overwrite. Anything else (an
   * input a run passed through, a buffer from elsewhere, one already given back) is ignored.
   *
   * @returns whether the buffer was taken back
   */
  give(buf: Float32Array): boolean {
    if (!this.handedOut.delete(buf)) return false;
    this.release(buf);
    return true;
  }

  private release(buf: Float32Array): void {
    const list = this.free.get(buf.length);
    if (list) list.push(buf);
    else this.free.set(buf.length, [buf]);
  }
}

let active: PixelArena | undefined;

/**
 * A pixel buffer of `n` floats: from the active arena inside {@link withArena} (contents
 * arbitrary), else a new zeroed `Float32Array`. Callers must write every element.
 */
export function allocPixels(n: number): Float32Array {
  return active ? active.take(n) : new Float32Array(n);
}

/**
 * Runs `work` with `arena` active, then frees the arena's buffers except the one `output` returns
 * (the pipeline's result, which the caller now owns). Nested calls run inside the outer arena.
 *
 * @param arena the pipeline's arena
 * @param work the run
 * @param output picks the pixel buffer the caller keeps from the result
 */
export function withArena<R>(
  arena: PixelArena,
  work: () => R,
  output: (result: R) => Float32Array | readonly Float32Array[] | undefined,
): R {
  if (active) return work();
  active = arena;
  let result: R | undefined;
  try {
    result = work();
    return result;
  } finally {
    active = undefined;
    const kept = result === undefined ? undefined : output(result);
    if (Array.isArray(kept)) arena.resetKeeping(kept);
    else arena.reset(kept as Float32Array | undefined);
  }
}
