/**
 * A seeded, splittable pseudo-random generator.
 *
 * Streams are xoshiro128** (Blackman and Vigna, 2018) seeded through SplitMix32. `fork(...keys)`
 * derives an independent child from this generator's *seed* and the keys, never from how many
 * numbers were drawn so far: `root.fork(epoch, sample, view)` names the same stream on every
 * machine, in every worker and in any order, which is what makes a recipe plus a seed reproduce
 * the same views anywhere.
 *
 * @example
 * const rng = new Rng(42);
 * const view = rng.fork(0, 17, 1); // epoch 0, sample 17, view 1
 * view.uniform(0.08, 1);
 */
export class Rng {
  /** The 32-bit seed this generator was built from. */
  readonly seed: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  /**
   * @param seed an integer, or a string hashed to one; the same seed gives the same stream
   */
  constructor(seed: number | string = 0) {
    this.seed = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
    let x = this.seed;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      return mix32(x);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A child generator keyed by `keys`; independent of this generator's draws. */
  fork(...keys: Array<number | string>): Rng {
    let h = this.seed ^ 0x5bd1e995;
    for (const key of keys) {
      const k = typeof key === 'string' ? hashString(key) : key >>> 0;
      h = mix32((h ^ k) + 0x6a09e667 + (h << 6) + (h >>> 2));
    }
    return new Rng(h);
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [lo, hi] (both ends included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** `true` with probability `p`. */
  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  /** A standard normal draw (Marsaglia's polar method). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + std * z;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + std * u * f;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of `0 .. n-1`. */
  permutation(n: number): Uint32Array {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The SplitMix32 / murmur3 finaliser: a bijective 32-bit avalanche. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised with `mix32`. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}
