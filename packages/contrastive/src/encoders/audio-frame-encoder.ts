import { dctBasis } from '@manyviews/augment-audio';
import { ManyViewsError, Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { type Encoder, type EncoderConfig, type NamedWeight, registerEncoder } from './encoder.js';
import { byName, copyWeights, heNormal, weightVariable } from './encoder-weights.js';

/** One temporal layer: a 1-D convolution over frames, `width` frames wide, every `stride`. */
export interface TemporalLayer {
  /** Frames each output sees, an integer >= 1. */
  width: number;
  /** Frames between outputs, an integer >= 1 (2 halves the frame rate). */
  stride: number;
  /** Output features per frame. */
  channels: number;
}

/**
 * Shape of an audio frame encoder over a log-mel spectrogram `[frames, bins]`: optionally a
 * cepstral front end (`cepstra`), temporal layers
 * (1-D convolutions over time, each followed by ReLU), mean and max pooling over the remaining
 * frames, a backbone MLP to the representation, and a projection head for the objective.
 */
export interface AudioFrameEncoderConfig extends EncoderConfig {
  type: 'audio-frames';
  /** Frames of one input (101 for 1 s at a 10 ms hop). */
  frames: number;
  /** Features per frame (64 mel bands by default). */
  bins: number;
  /** Temporal layers, in order; the audio datasets use `[{5, 2, 128}, {3, 2, 128}]` (90 ms). */
  temporal: TemporalLayer[];
  /** Hidden widths of the MLP after pooling, each followed by ReLU (the datasets: `[512]`). */
  hidden: number[];
  /** Width of the representation (the datasets: 256). */
  embeddingDim: number;
  /** Widths of the projection head; the last is the objective's space (the datasets: `[256, 128]`). */
  projection: number[];
  /**
   * When set, each frame's bins are first replaced by their first `cepstra` coefficients of the
   * orthonormal DCT-II (an MFCC front end on the normalised log-mel, an integer in [1, bins]);
   * default unset, the bins as they are (models saved before the option). Dropping the higher
   * coefficients smooths the spectrum along frequency, which removes the voice's pitch harmonics
   * but keeps its envelope (the formants that tell words apart): the same reason MFCCs keep 13.
   */
  cepstra?: number;
}

/**
 * An encoder for log-mel frames built only from dense products, slices and pooling, so that it
 * trains fast on the wasm backend, which has no filter-gradient kernel for real convolutions:
 * each temporal layer unfolds `width` frames (taken every `stride`) into one row and multiplies
 * by a `[width * channelsIn, channels]` matrix, which is exactly a valid 1-D convolution. Pooling
 * the last layer over time by mean and by max (concatenated) makes the representation invariant
 * to where in the window the sound sits, while the temporal layers keep the local order of
 * sounds within a word.
 *
 * The owner calls {@link AudioFrameEncoder.dispose}.
 */
export class AudioFrameEncoder implements Encoder<AudioFrameEncoderConfig> {
  readonly config: AudioFrameEncoderConfig;
  /** `[frames, bins]`. */
  readonly inputShape: number[];
  /** In order: `temporal.0.w`, `temporal.0.b`, ..., `backbone.0.w`, ..., `head.N.b`. */
  readonly variables: tf.Variable[];
  private readonly temporal: Array<{ w: tf.Variable; b: tf.Variable; layer: TemporalLayer }>;
  private readonly backbone: Array<{ w: tf.Variable; b: tf.Variable }>;
  private readonly head: Array<{ w: tf.Variable; b: tf.Variable }>;
  /** `[bins, cepstra]`, the transposed DCT basis, when `config.cepstra` is set. */
  private readonly dct?: tf.Tensor2D;

  /**
   * @param config the architecture
   * @param init weights to load (from {@link AudioFrameEncoder.weights}); default He-normal
   * @param seed seed of the initial weights (default 0)
   * @throws {ManyViewsError} `MODEL_INVALID` for a bad config (a layer wider than its input);
   *   `MODEL_WEIGHTS_MISMATCH` when `init` does not fit `config`
   */
  constructor(config: AudioFrameEncoderConfig, init?: NamedWeight[], seed = 0) {
    checkConfig(config);
    this.config = config;
    this.inputShape = [config.frames, config.bins];
    const given = byName(init);
    const rng = new Rng(seed).fork('init');
    const layer = (prefix: string, i: number, fanIn: number, fanOut: number) => ({
      w: weightVariable(`${prefix}.${i}.w`, [fanIn, fanOut], given, () =>
        heNormal(rng.fork(prefix, i), fanIn * fanOut, fanIn),
      ),
      b: weightVariable(`${prefix}.${i}.b`, [fanOut], given, () => new Float32Array(fanOut)),
    });

    let channels = config.cepstra ?? config.bins;
    if (config.cepstra !== undefined) this.dct = dctColumns(config.bins, config.cepstra);
    this.temporal = config.temporal.map((t, i) => {
      const made = { ...layer('temporal', i, t.width * channels, t.channels), layer: t };
      channels = t.channels;
      return made;
    });
    const sizes = [2 * channels, ...config.hidden, config.embeddingDim];
    this.backbone = sizes.slice(1).map((out, i) => layer('backbone', i, sizes[i], out));
    const headSizes = [config.embeddingDim, ...config.projection];
    this.head = headSizes.slice(1).map((out, i) => layer('head', i, headSizes[i], out));
    this.variables = [
      ...this.temporal.flatMap((l) => [l.w, l.b]),
      ...[...this.backbone, ...this.head].flatMap((l) => [l.w, l.b]),
    ];
  }

  /** The representation: `[batch, frames, bins] -> [batch, embeddingDim]`, not normalised. */
  embed(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      let h = tf.reshape(x, [-1, this.config.frames, this.config.bins]) as tf.Tensor3D;
      if (this.dct) {
        const [batch, frames, bins] = h.shape;
        const rows = tf.matMul(tf.reshape(h, [batch * frames, bins]) as tf.Tensor2D, this.dct);
        h = tf.reshape(rows, [batch, frames, this.dct.shape[1]]) as tf.Tensor3D;
      }
      for (const { w, b, layer } of this.temporal) h = temporalLayer(h, w, b, layer);

      let z = tf.concat([tf.mean(h, 1), tf.max(h, 1)], 1) as tf.Tensor2D;
      for (const { w, b } of this.backbone)
        z = tf.relu(tf.add(tf.matMul(z, w as tf.Tensor2D), b)) as tf.Tensor2D;
      return z;
    });
  }

  /** The projection head: `[batch, embeddingDim] -> [batch, projection.at(-1)]`. */
  project(h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let z: tf.Tensor2D = h;
      this.head.forEach(({ w, b }, i) => {
        z = tf.add(tf.matMul(z, w as tf.Tensor2D), b) as tf.Tensor2D;
        if (i < this.head.length - 1) z = tf.relu(z);
      });
      return z;
    });
  }

  /** The current weights, copied out, in {@link AudioFrameEncoder.variables} order. */
  weights(): NamedWeight[] {
    return copyWeights(this.variables);
  }

  /** Frees the variables (and the DCT basis). */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.dct?.dispose();
  }
}

/** The DCT basis as `[bins, count]` (one coefficient a column), so a frame times it is its cepstrum. */
function dctColumns(bins: number, count: number): tf.Tensor2D {
  const basis = dctBasis(bins, count);
  const columns = new Float32Array(bins * count);
  for (let k = 0; k < count; k++)
    for (let i = 0; i < bins; i++) columns[i * count + k] = basis[k * bins + i];
  return tf.tensor2d(columns, [bins, count]);
}

/** Frames left after temporal layers: each keeps `floor((T - width) / stride) + 1`. */
export function framesAfter(frames: number, layers: readonly TemporalLayer[]): number {
  return layers.reduce((t, l) => Math.floor((t - l.width) / l.stride) + 1, frames);
}

/**
 * A valid 1-D convolution with ReLU as one matMul: `[B, T, C] -> [B, T', channels]`. Tap `j`
 * of output `t` is input frame `stride * t + j`; the strided picks are made by reshaping a
 * contiguous slice to `[B, T', stride, C]` and keeping its first phase, since every op used
 * (slice, reshape, pad, concat, matMul) has a gradient kernel on wasm.
 */
function temporalLayer(
  h: tf.Tensor3D,
  w: tf.Variable,
  b: tf.Variable,
  layer: TemporalLayer,
): tf.Tensor3D {
  const [batch, frames, channels] = h.shape;
  const { width, stride } = layer;
  const out = Math.floor((frames - width) / stride) + 1;
  // The last tap's slice may run up to stride - 1 frames past the end; those rows are dropped.
  const padded =
    stride > 1
      ? tf.pad(h, [
          [0, 0],
          [0, stride - 1],
          [0, 0],
        ])
      : h;
  const taps: tf.Tensor3D[] = [];
  for (let j = 0; j < width; j++) {
    const run = tf.slice(padded, [0, j, 0], [batch, out * stride, channels]);
    if (stride === 1) {
      taps.push(run);
      continue;
    }
    const phases = tf.reshape(run, [batch, out, stride, channels]);
    taps.push(
      tf.reshape(tf.slice(phases, [0, 0, 0, 0], [batch, out, 1, channels]), [batch, out, channels]),
    );
  }
  const unfolded = taps.length === 1 ? taps[0] : tf.concat(taps, 2);
  const rows = tf.reshape(unfolded, [batch * out, width * channels]) as tf.Tensor2D;
  const y = tf.relu(tf.add(tf.matMul(rows, w as tf.Tensor2D), b));
  return tf.reshape(y, [batch, out, layer.channels]) as tf.Tensor3D;
}

function checkConfig(config: AudioFrameEncoderConfig): void {
  const positive = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
  const layersOk =
    Array.isArray(config.temporal) &&
    config.temporal.every(
      (l) => positive(l?.width) && positive(l?.stride) && positive(l?.channels),
    );
  const widthsOk = [config.hidden, config.projection].every(
    (list) => Array.isArray(list) && list.every(positive),
  );
  if (
    !positive(config.frames) ||
    !positive(config.bins) ||
    !positive(config.embeddingDim) ||
    !layersOk ||
    !widthsOk ||
    config.projection.length === 0 ||
    !(
      config.cepstra === undefined ||
      (positive(config.cepstra) && (config.cepstra as number) <= config.bins)
    )
  ) {
    throw new ManyViewsError('MODEL_INVALID', 'audio-frames encoder: malformed config', {
      expected:
        'positive integers frames, bins, embeddingDim; temporal [{ width, stride, channels }]; hidden and a non-empty projection of positive widths; cepstra an integer in [1, bins] when set',
      received: config,
    });
  }
  if (framesAfter(config.frames, config.temporal) < 1) {
    throw new ManyViewsError('MODEL_INVALID', 'audio-frames encoder: temporal layers too wide', {
      expected: `layers that leave at least one of ${config.frames} frames`,
      received: config.temporal,
    });
  }
}

registerEncoder(
  'audio-frames',
  (config, init, seed) => new AudioFrameEncoder(config as AudioFrameEncoderConfig, init, seed),
);
