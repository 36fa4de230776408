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
 *
 * With `representation: 'mixed'` the table is fixed (drawn from `tableSeed`, never trained, not
 * stored) and a second, trainable `[inputSize, learnedDim]` table is added: the representation
 * is `[unit(bag x table), learnedWeight * unit(bag x learned)]`, so its cosine similarity is
 * `(cos_fixed + learnedWeight^2 * cos_learned) / (1 + learnedWeight^2)`. The fixed half keeps
 * the bag's similarities whatever training does; the learned half is a low-dimensional bag
 * embedding (LSA-like) that the objective trains on its own, through the head.
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
   * `embeddingDim` equal to `tableDim`; `'mixed'` concatenates the fixed table's normalised
   * output and the learned table's, which needs `hidden: []`, `learnedDim` and `embeddingDim`
   * equal to `tableDim + learnedDim`.
   */
  representation?: 'backbone' | 'table' | 'mixed';
  /** `'mixed'` only: width of the trainable bag embedding, e.g. 128. */
  learnedDim?: number;
  /**
   * `'mixed'` only: the learned half's scale in the representation, > 0; default 1 (both
   * halves count alike in a cosine similarity).
   */
  learnedWeight?: number;
  /** `'mixed'` only: standard deviation of the learned table's initial entries; default 0.1. */
  learnedInitStd?: number;
  /** `'mixed'` only: seed of the fixed table (the same for every encoder of this config). */
  tableSeed?: number;
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
  /**
   * Trainable variables: `table`, then `backbone.i.w/b`, then `head.i.w/b`; with
   * `representation: 'mixed'`, `learned` then `head.i.w/b` (the fixed table is no variable).
   */
  readonly variables: tf.Variable[];
  private readonly table: tf.Tensor2D;
  private readonly learned?: tf.Variable;
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

    const mixed = config.representation === 'mixed';
    const tableShape = [config.inputSize, config.tableDim];
    if (mixed) {
      this.table = fixedTable(config);
      this.learned = weightVariable('learned', [config.inputSize, config.learnedDim!], given, () =>
        gaussian(
          rng.fork('learned'),
          config.inputSize * config.learnedDim!,
          config.learnedInitStd ?? 0.1,
        ),
      );
    } else {
      this.table = weightVariable('table', tableShape, given, () =>
        gaussian(rng.fork('table'), config.inputSize * config.tableDim, config.tableInitStd ?? 1),
      ) as tf.Variable<tf.Rank.R2>;
    }
    const sizes =
      config.representation === 'backbone' || config.representation === undefined
        ? [config.tableDim, ...config.hidden, config.embeddingDim]
        : [config.tableDim];
    this.backbone = sizes.slice(1).map((out, i) => layer('backbone', i, sizes[i], out));
    const headSizes = [mixed ? config.learnedDim! : config.embeddingDim, ...config.projection];
    this.head = headSizes.slice(1).map((out, i) => layer('head', i, headSizes[i], out));
    const layers = [...this.backbone, ...this.head].flatMap((l) => [l.w, l.b]);
    this.variables = this.learned
      ? [this.learned, ...layers]
      : [this.table as tf.Variable, ...layers];
  }

  /**
   * The representation: `[batch, inputSize] -> [batch, embeddingDim]`, not normalised. Hidden
   * layers are rectified; the last backbone layer is linear, so the representation keeps signs
   * (cosine kNN on it then compares directions, as on TF-IDF). With `representation: 'table'`
   * it is the bag times the table; with `'mixed'`, `[unit(bag x table), learnedWeight *
   * unit(bag x learned)]` (an all-zero bag gives zeros).
   */
  embed(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const bag = tf.reshape(x, [-1, this.config.inputSize]) as tf.Tensor2D;
      if (this.learned) {
        const fixed = unitRows(bagTimesTable(bag, this.table));
        const learned = unitRows(bagTimesTable(bag, this.learned as tf.Tensor2D));
        return tf.concat(
          [fixed, tf.mul(learned, this.config.learnedWeight ?? 1)],
          1,
        ) as tf.Tensor2D;
      }
      let h: tf.Tensor2D = bagTimesTable(bag, this.table);
      this.backbone.forEach(({ w, b }, i) => {
        h = tf.add(tf.matMul(h, w as tf.Tensor2D), b) as tf.Tensor2D;
        if (i < this.backbone.length - 1) h = tf.relu(h);
      });
      return h;
    });
  }

  /**
   * The projection head: `[batch, embeddingDim] -> [batch, projection.at(-1)]`. With
   * `representation: 'mixed'` it reads only the learned half (the fixed half has nothing to
   * train), and with `projection: []` the objective sees that half itself.
   */
  project(h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let z = h;
      if (this.learned) {
        const { tableDim, learnedDim } = this.config;
        z = tf.slice(h, [0, tableDim], [-1, learnedDim!]);
        if (this.head.length === 0) return z;
      }
      // The representation is linear; the head starts with a rectifier of its own.
      z = tf.relu(z) as tf.Tensor2D;
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

  /** Frees the variables (and the fixed table). */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    if (this.learned) this.table.dispose();
  }
}

/** Rows scaled to unit L2 norm; an all-zero row stays zero. `[n, d] -> [n, d]`. */
function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.sum(tf.square(x), 1, true));
    return tf.div(x, tf.maximum(norm, 1e-12)) as tf.Tensor2D;
  });
}

/**
 * The fixed table of a `'mixed'` encoder: N(0, 1) entries from `Rng(tableSeed).fork('fixed')`,
 * the same on every machine, so a model directory need not store it.
 */
function fixedTable(config: TextBagEncoderConfig): tf.Tensor2D {
  const { inputSize, tableDim } = config;
  const values = gaussian(new Rng(config.tableSeed ?? 0).fork('fixed'), inputSize * tableDim, 1);
  return tf.tensor2d(values, [inputSize, tableDim]);
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
  if (config.projection.length === 0 && config.representation !== 'mixed') {
    throw new ManyViewsError('INVALID_OPTION', 'text-bag encoder: projection needs a layer', {
      expected: 'at least one width',
      received: [],
    });
  }
}

function checkRepresentation(config: TextBagEncoderConfig): void {
  const { representation } = config;
  if (![undefined, 'backbone', 'table', 'mixed'].includes(representation)) {
    throw new ManyViewsError('INVALID_OPTION', 'text-bag encoder: unknown representation', {
      expected: "'backbone', 'table' or 'mixed'",
      received: representation,
    });
  }
  if (representation === 'mixed') {
    checkMixed(config);
    return;
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

/** The extra fields and widths `representation: 'mixed'` needs. */
function checkMixed(config: TextBagEncoderConfig): void {
  const { learnedDim, learnedWeight, learnedInitStd, tableSeed } = config;
  const bad = (field: string, expected: string, received: unknown) =>
    new ManyViewsError('INVALID_OPTION', `text-bag encoder: ${field} is out of range`, {
      expected,
      received,
    });
  if (!Number.isInteger(learnedDim) || learnedDim! < 1) {
    throw bad('learnedDim', "an integer >= 1 with representation 'mixed'", learnedDim);
  }
  if (learnedWeight !== undefined && !(learnedWeight > 0 && Number.isFinite(learnedWeight))) {
    throw bad('learnedWeight', 'a finite number > 0', learnedWeight);
  }
  if (learnedInitStd !== undefined && !(learnedInitStd > 0 && Number.isFinite(learnedInitStd))) {
    throw bad('learnedInitStd', 'a finite number > 0', learnedInitStd);
  }
  if (tableSeed !== undefined && !(Number.isInteger(tableSeed) && tableSeed >= 0)) {
    throw bad('tableSeed', 'an integer >= 0', tableSeed);
  }
  if (config.hidden.length > 0 || config.embeddingDim !== config.tableDim + learnedDim!) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      "text-bag encoder: representation 'mixed' has no backbone layers",
      {
        expected: `hidden [] and embeddingDim ${config.tableDim + learnedDim!} (tableDim + learnedDim)`,
        received: `hidden [${config.hidden.join(', ')}], embeddingDim ${config.embeddingDim}`,
      },
    );
  }
}

registerEncoder(
  'text-bag',
  (config, init, seed) => new TextBagEncoder(config as TextBagEncoderConfig, init, seed),
);
