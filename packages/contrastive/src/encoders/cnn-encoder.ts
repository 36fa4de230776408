import { ManyViewsError, Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { convBiasRelu } from '../conv-bias-relu.js';
import { type Encoder, type EncoderConfig, type NamedWeight, registerEncoder } from './encoder.js';
import { byName, copyWeights, heNormal, weightVariable } from './encoder-weights.js';

/**
 * Shape of a small convolutional encoder for images: a `3x3 conv + ReLU` block per entry of
 * `channels`, each but the last halving the resolution (by a 2x2 max-pool, or by a stride-2
 * convolution), then pooling to a vector, a dense layer to the representation, and a projection
 * head on top (SimCLR's design at small scale).
 */
export interface CnnEncoderConfig extends EncoderConfig {
  type: 'cnn';
  /** One image, `[height, width, channels]` (NHWC), e.g. `[28, 28, 1]`. */
  inputShape: [number, number, number];
  /** Filters of each conv block, e.g. `[32, 64, 64]` (the Fashion-MNIST default). */
  channels: number[];
  /** Width of the representation (after the dense layer); default 256. */
  embeddingDim: number;
  /** Widths of the projection head; the last is the objective's space; default `[256, 128]`. */
  projection: number[];
  /**
   * How each block but the last halves the resolution: `'maxpool'` (a 2x2 max-pool after a
   * stride-1 conv) or `'stride'` (the conv itself steps by 2, four times fewer products and no
   * pooling gradient to pay for). Default `'maxpool'`.
   */
  downsample?: 'maxpool' | 'stride';
  /**
   * How the last feature map becomes a vector: `'average'` (global average pooling, translation
   * invariant) or `'flatten'` (keeps where things are, which matters for centred, aligned images
   * such as Fashion-MNIST). Default `'average'`.
   */
  pooling?: 'average' | 'flatten';
  /**
   * What is served and evaluated: `'dense'`, the dense layer's output (`embeddingDim` wide), or
   * `'map'`, the pooled last feature map itself, with no dense layer (the head starts from the
   * map; `embeddingDim` must then equal the map's size, e.g. 7 * 7 * 64 = 3136). Default
   * `'dense'`. SimCLR evaluates the features before its MLP head; with a flattened map, that
   * head's first layer is the dense layer, and the map keeps more for nearest-neighbour search.
   */
  representation?: 'dense' | 'map';
}

const DOWNSAMPLE = ['maxpool', 'stride'] as const;
const POOLING = ['average', 'flatten'] as const;
const REPRESENTATION = ['dense', 'map'] as const;

/** Refuses a value of `field` that is not one of `allowed` (an absent one takes the default). */
function checkChoice(field: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined || allowed.includes(value as string)) return;
  throw new ManyViewsError(
    'INVALID_OPTION',
    `cnn encoder: ${field} must be ${allowed.join(' or ')}`,
    {
      expected: allowed.join(' | '),
      received: JSON.stringify(value),
    },
  );
}

/** Side length after `blocks - 1` halvings with 'same' padding (ceil, as tfjs computes it). */
function downsampled(size: number, blocks: number): number {
  let s = size;
  for (let i = 0; i < blocks - 1; i++) s = Math.ceil(s / 2);
  return s;
}

/**
 * A convolutional encoder held as tfjs variables. Each block is one `convBiasRelu` (fused
 * convolution, bias and ReLU, pooled 2x2 too when the side is even), whose gradient needs no
 * Conv2DBackpropFilter kernel (wasm has none) and no `Sum` over the batch for the bias. The owner
 * calls `dispose`.
 */
export class CnnEncoder implements Encoder<CnnEncoderConfig> {
  readonly config: CnnEncoderConfig;
  readonly inputShape: number[];
  readonly variables: tf.Variable[];
  private readonly convs: Array<{ w: tf.Variable; b: tf.Variable }>;
  private readonly dense: { w: tf.Variable; b: tf.Variable } | undefined;
  private readonly head: Array<{ w: tf.Variable; b: tf.Variable }>;

  /**
   * @throws {ManyViewsError} `INVALID_OPTION` for a bad shape, `MODEL_WEIGHTS_MISMATCH` when
   *   `init` does not fit
   */
  constructor(config: CnnEncoderConfig, init?: NamedWeight[], seed = 0) {
    const [h, w, c] = config.inputShape ?? [];
    if (![h, w, c].every((v) => Number.isInteger(v) && v > 0) || !config.channels?.length) {
      throw new ManyViewsError(
        'INVALID_OPTION',
        'cnn encoder: inputShape and channels are required',
        {
          expected: 'inputShape [height, width, channels] and a non-empty channels list',
          received: JSON.stringify({ inputShape: config.inputShape, channels: config.channels }),
        },
      );
    }
    checkChoice('downsample', config.downsample, DOWNSAMPLE);
    checkChoice('pooling', config.pooling, POOLING);
    checkChoice('representation', config.representation, REPRESENTATION);
    this.config = config;
    this.inputShape = [h, w, c];
    const given = byName(init);
    const rng = new Rng(seed).fork('init');
    const param = (name: string, shape: number[], fanIn: number) =>
      weightVariable(name, shape, given, () =>
        heNormal(
          rng.fork(name),
          shape.reduce((a, b) => a * b, 1),
          fanIn,
        ),
      );
    const zeros = (name: string, n: number) =>
      weightVariable(name, [n], given, () => new Float32Array(n));

    let inC = c;
    this.convs = config.channels.map((outC, i) => {
      const layer = {
        w: param(`conv.${i}.w`, [3, 3, inC, outC], 9 * inC),
        b: zeros(`conv.${i}.b`, outC),
      };
      inC = outC;
      return layer;
    });
    const blocks = config.channels.length;
    const pooledSize =
      config.pooling === 'flatten' ? downsampled(h, blocks) * downsampled(w, blocks) * inC : inC;
    const onMap = config.representation === 'map';
    if (onMap && config.embeddingDim !== pooledSize) {
      throw new ManyViewsError(
        'INVALID_OPTION',
        'cnn encoder: with representation "map", embeddingDim is the size of the pooled map',
        { expected: `embeddingDim ${pooledSize}`, received: config.embeddingDim },
      );
    }
    this.dense = onMap
      ? undefined
      : {
          w: param('dense.w', [pooledSize, config.embeddingDim], pooledSize),
          b: zeros('dense.b', config.embeddingDim),
        };
    const sizes = [config.embeddingDim, ...config.projection];
    this.head = sizes.slice(1).map((out, i) => ({
      w: param(`head.${i}.w`, [sizes[i], out], sizes[i]),
      b: zeros(`head.${i}.b`, out),
    }));
    const layers = this.dense
      ? [...this.convs, this.dense, ...this.head]
      : [...this.convs, ...this.head];
    this.variables = layers.flatMap((l) => [l.w, l.b]);
  }

  /** `[batch, h, w, c]` or `[batch, h*w*c]` -> `[batch, embeddingDim]`. */
  embed(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      let y = tf.reshape(x, [-1, ...this.inputShape] as [
        number,
        number,
        number,
        number,
      ]) as tf.Tensor4D;
      const strided = this.config.downsample === 'stride';
      const last = this.convs.length - 1;
      this.convs.forEach(({ w, b }, i) => {
        const stride = strided && i < last ? 2 : 1;
        const halve = !strided && i < last;
        // The fused pool needs an even side; an odd one ('same' pooling rounds up) pools apart.
        const even = y.shape[1] % 2 === 0 && y.shape[2] % 2 === 0;
        y = convBiasRelu(y, w as tf.Tensor4D, b as tf.Tensor1D, {
          stride,
          pool: halve && even,
          inputGradient: i > 0,
        });
        if (halve && !even) y = tf.maxPool(y, 2, 2, 'same');
      });
      const pooled = (
        this.config.pooling === 'flatten' ? tf.reshape(y, [y.shape[0], -1]) : tf.mean(y, [1, 2])
      ) as tf.Tensor2D;
      if (this.dense === undefined) return pooled;
      return tf.relu(
        tf.add(tf.matMul(pooled, this.dense.w as tf.Tensor2D), this.dense.b),
      ) as tf.Tensor2D;
    });
  }

  /** The projection head: `[batch, embeddingDim] -> [batch, projection.at(-1)]`. */
  project(h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let z = h;
      this.head.forEach(({ w, b }, i) => {
        z = tf.add(tf.matMul(z, w as tf.Tensor2D), b) as tf.Tensor2D;
        if (i < this.head.length - 1) z = tf.relu(z);
      });
      return z;
    });
  }

  weights(): NamedWeight[] {
    return copyWeights(this.variables);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

registerEncoder(
  'cnn',
  (config, init, seed) => new CnnEncoder(config as CnnEncoderConfig, init, seed),
);
