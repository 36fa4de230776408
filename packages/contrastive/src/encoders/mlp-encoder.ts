import { Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { type Encoder, type EncoderConfig, type NamedWeight, registerEncoder } from './encoder.js';
import { byName, copyWeights, heNormal, weightVariable } from './encoder-weights.js';

/**
 * Shape of an MLP encoder: `input -> hidden... -> embedding` (the backbone, whose output is the
 * representation that is served and evaluated) and `embedding -> projection...` (the head the
 * objective sees; SimCLR, Chen et al. 2020, shows the loss is best taken after such a head).
 */
export interface MlpEncoderConfig extends EncoderConfig {
  type: 'mlp';
  /** Flattened input length, e.g. 784 for 28x28x1. */
  inputSize: number;
  /** Hidden widths of the backbone, each followed by ReLU; default `[1024]`. */
  hidden: number[];
  /** Width of the representation; default 512. */
  embeddingDim: number;
  /** Widths of the projection head; the last one is the objective's space; default `[512, 128]`. */
  projection: number[];
}

/**
 * A multilayer perceptron encoder held as tfjs variables. Only dense products, ReLU and adds: on
 * the wasm backend these map onto its fastest kernel (matMul), which convolutions cannot while
 * wasm lacks a filter-gradient kernel.
 *
 * The owner calls {@link MlpEncoder.dispose}.
 */
export class MlpEncoder implements Encoder<MlpEncoderConfig> {
  readonly config: MlpEncoderConfig;
  readonly inputShape: number[];
  /** Trainable variables in a fixed order: `backbone.0.w`, `backbone.0.b`, ..., `head.N.b`. */
  readonly variables: tf.Variable[];
  private readonly backbone: Array<{ w: tf.Variable; b: tf.Variable }>;
  private readonly head: Array<{ w: tf.Variable; b: tf.Variable }>;

  /**
   * @param config the architecture
   * @param init weights to load (from {@link MlpEncoder.weights}); default He-normal from `seed`
   * @param seed seed of the initial weights (default 0)
   * @throws {ManyViewsError} `MODEL_WEIGHTS_MISMATCH` when `init` does not fit `config`
   */
  constructor(config: MlpEncoderConfig, init?: NamedWeight[], seed = 0) {
    this.config = config;
    this.inputShape = [config.inputSize];
    const given = byName(init);
    const rng = new Rng(seed).fork('init');
    const layer = (prefix: string, i: number, fanIn: number, fanOut: number) => ({
      w: weightVariable(`${prefix}.${i}.w`, [fanIn, fanOut], given, () =>
        heNormal(rng.fork(prefix, i), fanIn * fanOut, fanIn),
      ),
      b: weightVariable(`${prefix}.${i}.b`, [fanOut], given, () => new Float32Array(fanOut)),
    });

    const backboneSizes = [config.inputSize, ...config.hidden, config.embeddingDim];
    this.backbone = backboneSizes
      .slice(1)
      .map((out, i) => layer('backbone', i, backboneSizes[i], out));
    const headSizes = [config.embeddingDim, ...config.projection];
    this.head = headSizes.slice(1).map((out, i) => layer('head', i, headSizes[i], out));
    this.variables = [...this.backbone, ...this.head].flatMap((l) => [l.w, l.b]);
  }

  /**
   * The representation: `[batch, inputSize] -> [batch, embeddingDim]`, not normalised.
   */
  embed(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      let h = tf.reshape(x, [-1, this.config.inputSize]) as tf.Tensor2D;
      for (const { w, b } of this.backbone)
        h = tf.relu(tf.add(tf.matMul(h, w as tf.Tensor2D), b)) as tf.Tensor2D;
      return h;
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

  /** The current weights, copied out, in {@link MlpEncoder.variables} order. */
  weights(): NamedWeight[] {
    return copyWeights(this.variables);
  }

  /** Frees the variables. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

registerEncoder(
  'mlp',
  (config, init, seed) => new MlpEncoder(config as MlpEncoderConfig, init, seed),
);
