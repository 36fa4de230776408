import { ManyViewsError, Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { type Encoder, type EncoderConfig, type NamedWeight, registerEncoder } from './encoder.js';
import { byName, copyWeights, gaussian, weightVariable } from './encoder-weights.js';
import { bagTimesTable } from './sparse-bag-product.js';

/**
 * Shape of a text bag encoder: a dense bag of hashed n-grams (`inputSize` slots, see
 * `TextFeaturizer`) times an embedding table `[inputSize, tableDim]` (fastText's bag of
 * embeddings, Joulin et al. 2017), then an MLP backbone to the representation and a projection
 * head for the objective (SimCLR, Chen et al. 2020).
 *
 * With `representation: 'table'` there is no backbone: the representation is the bag's
 * embedding itself, a linear map of the input. A Gaussian table with `tableDim` in the
 * thousands then keeps the bag's inner products (Johnson and Lindenstrauss 1984), so a freshly
 * initialised encoder already retrieves about as well as its input, and training starts there.
 */
export interface TextBagEncoderConfig extends EncoderConfig {
  type: 'text-bag';
  /** Slots of the hashed bag (the featuriser's `buckets`), e.g. 16384. */
  inputSize: number;
  /** Width of each slot's embedding; default 256. */
  tableDim: number;
  /** Hidden widths after the table, each followed by ReLU; default `[1024]`. */
  hidden: number[];
  /** Width of the representation (linear, not rectified); default 256. */
  embeddingDim: number;
  /** Widths of the projection head, ReLU between; default `[512, 128]`. */
  projection: number[];
  /** Standard deviation of the table's initial entries; default 1 (unit-variance bag sums). */
  tableInitStd?: number;
  /**
   * What the representation is: `'backbone'` (the default, and every model saved before the
   * field existed) runs the table's output through the `hidden` layers to `embeddingDim`;
   * `'table'` takes the table's output as the representation, which needs `hidden: []` and
   * `embeddingDim` equal to `tableDim`.
   */
  representation?: 'backbone' | 'table';
}

/**
 * The bag of hashed n-grams times the table, then matMuls, adds and ReLUs. The encoder's input
 * stays the dense bag (training, evaluation and serving all pass it), but on the wasm and cpu
 * backends the product reads only the bag's non-zeros ({@link bagTimesTable}): `tf.gather`
 * would need `UnsortedSegmentSum` for its gradient, which wasm lacks, and the dense
 * `[batch, buckets] x [buckets, tableDim]` product spent most of a step multiplying zeros.
 *
 * The owner calls {@link TextBagEncoder.dispose}.
 */
export class TextBagEncoder implements Encoder<TextBagEncoderConfig> {
  readonly config: TextBagEncoderConfig;
  readonly inputShape: number[];
  /** Trainable variables: `table`, then `backbone.i.w/b`, then `head.i.w/b`. */
  readonly variables: tf.Variable[];
  private readonly table: tf.Variable;
  private readonly backbone: Array<{ w: tf.Variable; b: tf.Variable }>;
  private readonly head: Array<{ w: tf.Variable; b: tf.Variable }>;

  /**
   * @param config the architecture
   * @param init weights to load (from {@link TextBagEncoder.weights}); default fresh from `seed`
   * @param seed seed of the initial weights (default 0)
   * @throws {ManyViewsError} `INVALID_OPTION` for bad widths; `MODEL_WEIGHTS_MISMATCH` when
   *   `init` does not fit `config`
   */
  constructor(config: TextBagEncoderConfig, init?: NamedWeight[], seed = 0) {
    checkConfig(config);
    this.config = config;
    this.inputShape = [config.inputSize];
    const given = byName(init);
    const rng = new Rng(seed).fork('init');
    const layer = (prefix: string, i: number, fanIn: number, fanOut: number) => ({
      w: weightVariable(`${prefix}.${i}.w`, [fanIn, fanOut], given, () =>
        gaussian(rng.fork(prefix, i), fanIn * fanOut, Math.sqrt(2 / fanIn)),
      ),
      b: weightVariable(`${prefix}.${i}.b`, [fanOut], given, () => new Float32Array(fanOut)),
    });

    this.table = weightVariable('table', [config.inputSize, config.tableDim], given, () =>
      gaussian(rng.fork('table'), config.inputSize * config.tableDim, config.tableInitStd ?? 1),
    );
    const sizes =
      config.representation === 'table'
        ? [config.tableDim]
        : [config.tableDim, ...config.hidden, config.embeddingDim];
    this.backbone = sizes.slice(1).map((out, i) => layer('backbone', i, sizes[i], out));
    const headSizes = [config.embeddingDim, ...config.projection];
    this.head = headSizes.slice(1).map((out, i) => layer('head', i, headSizes[i], out));
    this.variables = [this.table, ...[...this.backbone, ...this.head].flatMap((l) => [l.w, l.b])];
  }

  /**
   * The representation: `[batch, inputSize] -> [batch, embeddingDim]`, not normalised. Hidden
   * layers are rectified; the last backbone layer is linear, so the representation keeps signs
   * (cosine kNN on it then compares directions, as on TF-IDF). With `representation: 'table'`
   * it is the bag times the table.
   */
  embed(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const bag = tf.reshape(x, [-1, this.config.inputSize]) as tf.Tensor2D;
      let h: tf.Tensor2D = bagTimesTable(bag, this.table as tf.Tensor2D);
      this.backbone.forEach(({ w, b }, i) => {
        h = tf.add(tf.matMul(h, w as tf.Tensor2D), b) as tf.Tensor2D;
        if (i < this.backbone.length - 1) h = tf.relu(h);
      });
      return h;
    });
  }

  /** The projection head: `[batch, embeddingDim] -> [batch, projection.at(-1)]`. */
  project(h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      // The representation is linear; the head starts with a rectifier of its own.
      let z = tf.relu(h) as tf.Tensor2D;
      this.head.forEach(({ w, b }, i) => {
        z = tf.add(tf.matMul(z, w as tf.Tensor2D), b) as tf.Tensor2D;
        if (i < this.head.length - 1) z = tf.relu(z);
      });
      return z;
    });
  }

  /** The current weights, copied out, in {@link TextBagEncoder.variables} order. */
  weights(): NamedWeight[] {
    return copyWeights(this.variables);
  }

  /** Frees the variables. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

function checkConfig(config: TextBagEncoderConfig): void {
  const widths: Array<[string, unknown]> = [
    ['inputSize', config.inputSize],
    ['tableDim', config.tableDim],
    ['embeddingDim', config.embeddingDim],
    ...(config.hidden ?? []).map((w, i): [string, unknown] => [`hidden[${i}]`, w]),
    ...(config.projection ?? []).map((w, i): [string, unknown] => [`projection[${i}]`, w]),
  ];
  for (const [field, value] of widths) {
    if (!Number.isInteger(value) || (value as number) < 1) {
      throw new ManyViewsError('INVALID_OPTION', `text-bag encoder: ${field} must be a width`, {
        expected: 'an integer >= 1',
        received: value,
      });
    }
  }
  if (!Array.isArray(config.hidden) || !Array.isArray(config.projection)) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      'text-bag encoder: hidden and projection are lists',
      {
        expected: 'arrays of widths',
        received: `${typeof config.hidden}, ${typeof config.projection}`,
      },
    );
  }
  checkRepresentation(config);
  if (config.projection.length === 0) {
    throw new ManyViewsError('INVALID_OPTION', 'text-bag encoder: projection needs a layer', {
      expected: 'at least one width',
      received: [],
    });
  }
}

function checkRepresentation(config: TextBagEncoderConfig): void {
  const { representation } = config;
  if (representation !== undefined && representation !== 'backbone' && representation !== 'table') {
    throw new ManyViewsError('INVALID_OPTION', 'text-bag encoder: unknown representation', {
      expected: "'backbone' or 'table'",
      received: representation,
    });
  }
  if (
    representation === 'table' &&
    (config.hidden.length > 0 || config.embeddingDim !== config.tableDim)
  ) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      "text-bag encoder: representation 'table' has no backbone layers",
      {
        expected: `hidden [] and embeddingDim ${config.tableDim} (the tableDim)`,
        received: `hidden [${config.hidden.join(', ')}], embeddingDim ${config.embeddingDim}`,
      },
    );
  }
}

registerEncoder(
  'text-bag',
  (config, init, seed) => new TextBagEncoder(config as TextBagEncoderConfig, init, seed),
);
