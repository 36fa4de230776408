import { ManyViewsError, type Recipe } from '@manyviews/augment-core';
import {
  alignmentUniformity,
  createEncoder,
  type Encoder,
  embedFloats,
  knnEvaluate,
  linearProbe,
  sparseAlignmentUniformity,
  sparseKnnEvaluate,
  sparseLinearProbe,
} from '@manyviews/contrastive';
import type { Features, LabelledSplit, SparseFeatures, TrainingDataset } from './domains/domain.js';

/** One row of the evaluation table: a feature extractor and its figures on the test split. */
export interface EvaluationRow {
  features: string;
  dim: number;
  knn20: number;
  knn200w: number;
  linearProbe?: number;
  alignment?: number;
  uniformity?: number;
}

/** What {@link evaluate} needs: the data, the encoder, and how far to go. */
export interface EvaluationInputs {
  dataset: TrainingDataset<LabelledSplit>;
  train: LabelledSplit;
  test: LabelledSplit;
  encoder: Encoder;
  preprocess: Record<string, unknown>;
  recipe: Recipe;
  seed: number;
  /** Also run the linear probe (default true). */
  probe?: boolean;
  /** Also evaluate the raw-input and random-encoder baselines (default false). */
  baselines?: boolean;
  /** Held-out positive pairs for alignment and uniformity (default 2000). */
  pairs?: number;
  /** Called before each row starts, for progress lines. */
  onRow?: (name: string) => void;
}

/**
 * The evaluation protocol of DESIGN.md on frozen features: kNN (k=20 vote, k=200 weighted,
 * cosine, train split as the bank), a linear probe, and alignment and uniformity on held-out
 * positive pairs of the test split; optionally the same for raw inputs and a randomly
 * initialised encoder of the same architecture.
 */
export function evaluate(inputs: EvaluationInputs): EvaluationRow[] {
  const { dataset, train, test, encoder, preprocess } = inputs;
  const rows: EvaluationRow[] = [];
  const name = (e: Encoder) => `${e.config.type} encoder`;

  inputs.onRow?.('trained encoder');
  rows.push(
    score(
      inputs,
      `trained ${name(encoder)}`,
      dataset.features(encoder, train, preprocess),
      dataset.features(encoder, test, preprocess),
      encoder,
    ),
  );
  if (!inputs.baselines) return rows;

  inputs.onRow?.('raw input');
  rows.push(score(inputs, 'raw input', dataset.rawFeatures(train), dataset.rawFeatures(test)));

  inputs.onRow?.('random encoder');
  const random = createEncoder(encoder.config, undefined, 0x5eed);
  try {
    rows.push(
      score(
        inputs,
        `random ${name(random)}`,
        dataset.features(random, train, preprocess),
        dataset.features(random, test, preprocess),
        random,
      ),
    );
  } finally {
    random.dispose();
  }
  return rows;
}

function score(
  inputs: EvaluationInputs,
  label: string,
  train: Features | SparseFeatures,
  test: Features | SparseFeatures,
  encoder?: Encoder,
): EvaluationRow {
  if ('sparse' in train || 'sparse' in test) return scoreSparse(inputs, label, train, test);
  const numClasses = inputs.train.classes.length;
  const knn = knnEvaluate({
    bank: train.data,
    bankLabels: inputs.train.labels,
    queries: test.data,
    queryLabels: inputs.test.labels,
    dim: train.dim,
    numClasses,
  });
  const row: EvaluationRow = {
    features: label,
    dim: train.dim,
    knn20: knn.knn20,
    knn200w: knn.knn200w,
  };

  if (inputs.probe ?? true) {
    row.linearProbe = linearProbe({
      train: train.data,
      trainLabels: inputs.train.labels,
      test: test.data,
      testLabels: inputs.test.labels,
      dim: train.dim,
      numClasses,
    }).accuracy;
  }

  // A raw baseline whose features are not the encoder's inputs (MFCC statistics of sound) is
  // measured on its own features of the same views, when the dataset offers them.
  const raw = encoder
    ? undefined
    : inputs.dataset.rawPositivePairs?.(
        inputs.test,
        inputs.recipe,
        inputs.seed + 1,
        inputs.pairs ?? 2000,
      );
  if (raw && !('sparse' in raw.a) && !('sparse' in raw.b)) {
    Object.assign(row, alignmentUniformity(raw.a.data, raw.b.data, raw.a.dim));
    return row;
  }
  const pairs = inputs.dataset.positivePairs(
    inputs.test,
    inputs.recipe,
    inputs.seed + 1,
    inputs.pairs ?? 2000,
    inputs.preprocess,
  );
  const a = encoder
    ? embedFloats(encoder, pairs.a, pairs.rows)
    : normalizeRows(pairs.a, pairs.rows);
  const b = encoder
    ? embedFloats(encoder, pairs.b, pairs.rows)
    : normalizeRows(pairs.b, pairs.rows);
  Object.assign(row, alignmentUniformity(a, b, a.length / pairs.rows));
  return row;
}

/** The same protocol on sparse raw features (TF-IDF): see `sparseKnnEvaluate` and friends. */
function scoreSparse(
  inputs: EvaluationInputs,
  label: string,
  train: Features | SparseFeatures,
  test: Features | SparseFeatures,
): EvaluationRow {
  if (!('sparse' in train && 'sparse' in test)) {
    throw new ManyViewsError('INVALID_OPTION', `${label}: train and test features differ in kind`, {
      expected: 'both sparse or both dense',
      received: `${'sparse' in train ? 'sparse' : 'dense'} and ${'sparse' in test ? 'sparse' : 'dense'}`,
    });
  }
  const numClasses = inputs.train.classes.length;
  const knn = sparseKnnEvaluate({
    bank: train.sparse,
    bankLabels: inputs.train.labels,
    queries: test.sparse,
    queryLabels: inputs.test.labels,
    numClasses,
  });
  const row: EvaluationRow = {
    features: label,
    dim: train.dim,
    knn20: knn.knn20,
    knn200w: knn.knn200w,
  };
  if (inputs.probe ?? true) {
    row.linearProbe = sparseLinearProbe({
      train: train.sparse,
      trainLabels: inputs.train.labels,
      test: test.sparse,
      testLabels: inputs.test.labels,
      numClasses,
    }).accuracy;
  }
  const pairs = inputs.dataset.rawPositivePairs?.(
    inputs.test,
    inputs.recipe,
    inputs.seed + 1,
    inputs.pairs ?? 2000,
  );
  if (pairs && 'sparse' in pairs.a && 'sparse' in pairs.b) {
    Object.assign(row, sparseAlignmentUniformity(pairs.a.sparse, pairs.b.sparse));
  }
  return row;
}

function normalizeRows(x: Float32Array, rows: number): Float32Array {
  const dim = x.length / rows;
  const out = new Float32Array(x.length);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += x[r * dim + d] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dim; d++) out[r * dim + d] = x[r * dim + d] * inv;
  }
  return out;
}

/** The rows as a fixed-width table for the terminal. */
export function formatTable(rows: EvaluationRow[]): string[] {
  const cell = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(4)).padStart(9);
  const head = `${'features'.padEnd(28)} ${'dim'.padStart(5)} ${'kNN@20'.padStart(9)} ${'kNN@200w'.padStart(9)} ${'linear'.padStart(9)} ${'align'.padStart(9)} ${'uniform'.padStart(9)}`;
  return [
    head,
    ...rows.map(
      (r) =>
        `${r.features.padEnd(28)} ${String(r.dim).padStart(5)} ${cell(r.knn20)} ${cell(r.knn200w)} ${cell(r.linearProbe)} ${cell(r.alignment)} ${cell(r.uniformity)}`,
    ),
  ];
}
