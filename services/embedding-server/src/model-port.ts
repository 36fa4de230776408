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
  | { kind: 'text'; text: string };

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
  index?: SearchIndex;
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
