import { ManyViewsError } from '@manyviews/augment-core';
import type { ModelInput, SearchIndex, ServedModel } from '../model-port.js';

/**
 * Fake models for the tests: no tensors, and vectors a test can work out by hand.
 *
 * The image model reads a "file" as the marker `IMG` followed by int8 coordinates, so
 * `imageBytes(3, 4, 0, 0)` embeds to (0.6, 0.8, 0, 0). Anything without the marker fails the way a
 * real decoder does, with IMAGE_DECODE_FAILED.
 */

/** Dimension of the fake image model. */
export const IMAGE_DIM = 4;

const MARKER = [0x49, 0x4d, 0x47]; // "IMG"

/** A fake image file whose embedding is the given coordinates, normalised. */
export function imageBytes(...coords: number[]): Uint8Array {
  return Uint8Array.from([...MARKER, ...coords.map((c) => c & 0xff)]);
}

/** Base64 of bytes, the way a client sends them in JSON. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** The unit vector of `coords`, as the image model computes it. */
export function unit(...coords: number[]): Float32Array {
  const norm = Math.hypot(...coords);
  return Float32Array.from(coords.map((c) => c / norm));
}

/** Inputs each call of a fake model received, for tests that check what reached the model. */
export type EmbedCalls = ModelInput[][];

/**
 * @param options.index rows of coordinates (normalised here) with ids `r0`, `r1`, ... and labels
 *   `label(i)`; no index when absent
 */
export function fakeImageModel(
  options: {
    name?: string;
    index?: number[][];
    label?: (i: number) => string | number | null;
    calls?: EmbedCalls;
  } = {},
): ServedModel {
  const { name = 'fake-image', calls } = options;
  return {
    name,
    manifest: {
      domain: 'image',
      embeddingDim: IMAGE_DIM,
      inputShape: [28, 28, 1],
      objective: { name: 'rbm-nce', tau: 0.2 },
      evaluation: { knnTop1: 0.5 },
      createdAt: '2026-01-01T00:00:00Z',
    },
    index: options.index && buildIndex(options.index, options.label ?? ((i) => `class-${i % 2}`)),
    async embed(inputs) {
      calls?.push(inputs);
      return inputs.map((input, i) => embedImage(input, i));
    },
  };
}

function embedImage(input: ModelInput, i: number): Float32Array {
  if (input.kind !== 'bytes') throw new Error(`fake-image got a ${input.kind} input`);
  const { data } = input;
  if (data.length < MARKER.length + 1 || MARKER.some((b, j) => data[j] !== b)) {
    throw new ManyViewsError('IMAGE_DECODE_FAILED', `input ${i} is not an image`, {
      expected: 'PNG, JPEG or WebP bytes',
      received: data,
    });
  }
  const coords = new Array<number>(IMAGE_DIM).fill(0);
  for (let j = MARKER.length; j < data.length; j++) {
    coords[(j - MARKER.length) % IMAGE_DIM] += (data[j] << 24) >> 24; // as int8
  }
  if (coords.every((c) => c === 0)) {
    throw new ManyViewsError('IMAGE_DECODE_FAILED', `input ${i} is a blank image`);
  }
  return unit(...coords);
}

function buildIndex(rows: number[][], label: (i: number) => string | number | null): SearchIndex {
  const vectors = new Float32Array(rows.length * IMAGE_DIM);
  for (const [i, row] of rows.entries()) vectors.set(unit(...row), i * IMAGE_DIM);
  return {
    ids: rows.map((_, i) => `r${i}`),
    labels: rows.map((_, i) => label(i)),
    vectors,
    dim: IMAGE_DIM,
  };
}

/**
 * A fake text model of dimension 4: counts of `a`, `b`, `c` and of every other character,
 * normalised; `"aab"` embeds to (2, 1, 0, 0) / sqrt(5).
 */
export function fakeTextModel(options: { name?: string; calls?: EmbedCalls } = {}): ServedModel {
  return {
    name: options.name ?? 'fake-text',
    manifest: { domain: 'text', embeddingDim: 4, objective: 'nt-xent' },
    async embed(inputs) {
      options.calls?.push(inputs);
      return inputs.map((input) => {
        if (input.kind !== 'text') throw new Error(`fake-text got a ${input.kind} input`);
        const counts = [0, 0, 0, 0];
        for (const ch of input.text) counts[ch === 'a' ? 0 : ch === 'b' ? 1 : ch === 'c' ? 2 : 3]++;
        return unit(...counts);
      });
    },
  };
}

/** A model whose `embed` fails with a plain Error, as a bug in a real model would. */
export function throwingModel(name = 'fake-broken'): ServedModel {
  return {
    name,
    manifest: { domain: 'image', embeddingDim: IMAGE_DIM },
    async embed() {
      throw new Error('tensor shape mismatch in layer conv2d_1 (/secret/path/model.json)');
    },
  };
}

/** A model whose `embed` returns vectors of the wrong size. */
export function wrongDimModel(name = 'fake-wrong-dim'): ServedModel {
  return {
    name,
    manifest: { domain: 'image', embeddingDim: IMAGE_DIM },
    async embed(inputs) {
      return inputs.map(() => new Float32Array(IMAGE_DIM + 1));
    },
  };
}

/**
 * An image model whose `embed` waits until `release()` is called, for tests of in-flight requests.
 * `started` resolves when the first call arrives.
 */
export function gatedModel(name = 'fake-gated'): {
  model: ServedModel;
  started: Promise<void>;
  release: () => void;
} {
  let release!: () => void;
  let markStarted!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const started = new Promise<void>((r) => {
    markStarted = r;
  });
  const inner = fakeImageModel({ name });
  return {
    model: {
      ...inner,
      async embed(inputs) {
        markStarted();
        await gate;
        return inner.embed(inputs);
      },
    },
    started,
    release,
  };
}
