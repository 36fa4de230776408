/**
 * The port between the server and whatever runs a model. The server only ever sees these types;
 * the TensorFlow.js implementation lives elsewhere and is handed in as a `ModelLoader`, so the
 * server builds and tests without tfjs installed.
 */

/**
 * What a request gives for one input: bytes (image/audio file, from base64 or multipart) or text.
 */
export type ModelInput =
  | { kind: 'bytes'; data: Uint8Array; filename?: string }
  | { kind: 'text'; text: string }
  | PreparedInput;

/**
 * An input a model's `prepare` has already decoded into what its forward pass reads (e.g. the
 * normalised pixels of an image at the model's input size); only that model's `embed` reads it.
 */
export interface PreparedInput {
  kind: 'prepared';
  data: Float32Array;
}

/** What one request may cost a model's `prepare`, from the server's limits. */
export interface InputBudget {
  /** Most decoded pixels of all the request's images together (`limits.maxRequestPixels`). */
  maxPixels: number;
}

/** A model's stored search index: `vectors` is n x dim row-major, rows L2-normalised. */
export interface SearchIndex {
  ids: string[];
  labels: Array<string | number | null>;
  vectors: Float32Array;
  dim: number;
}

/** A loaded, ready-to-serve model. */
export interface ServedModel {
  /** Model directory name, used as `model` in requests. */
  name: string;
  /** manifest.json as-is. */
  manifest: Record<string, unknown> & { domain: string; embeddingDim: number };
  /**
   * One L2-normalised vector each; throws ManyViewsError with codes like IMAGE_DECODE_FAILED for
   * bad input.
   */
  embed(inputs: ModelInput[]): Promise<Float32Array[]>;
  /**
   * Optional: decodes one request's inputs before they wait for the model, so the decoding of
   * large files runs concurrently, outside the model's one-at-a-time forward passes, and a
   * request over `budget` is refused from the files' headers before any is decoded. What it
   * returns is what `embed` is then called with, one per input, in order.
   *
   * @throws ManyViewsError as `embed` does for bad input, and a `_TOO_LARGE` code (413) naming
   *   the budget it exceeds
   */
  prepare?(inputs: ModelInput[], budget: InputBudget): Promise<ModelInput[]>;
  index?: SearchIndex;
  /**
   * Set by a loader that found an index built with other weights (the model was retrained after
   * it): the index is left out, search answers 409 `INDEX_MISSING` with this message, and
   * `loadModelsDir` logs it as a warning. It should say how to rebuild the index.
   */
  indexStale?: string;
  /**
   * Identifies the weights: vectors stored in a collection record it, and a collection refuses
   * queries embedded by another version. `loadModelsDir` fills it in (a hash of `manifest.json`
   * and `weights.bin`) when the loader leaves it out.
   */
  version?: string;
  dispose?(): void;
}

/** Loads one model directory (one holding a manifest.json). */
export type ModelLoader = (dir: string) => Promise<ServedModel>;
