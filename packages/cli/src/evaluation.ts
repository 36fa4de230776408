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
import { crossSetRetrieval } from './cross-set-retrieval.js';
import type { Features, LabelledSplit, SparseFeatures, TrainingDataset } from './domains/domain.js';

/**
 * One row of the evaluation table: a feature extractor and its figures on the test split. kNN
 * and the probe are absent where they do not apply, and `note` then says why.
 */
export interface EvaluationRow {
  features: string;
  dim: number;
  knn20?: number;
  knn200w?: number;
  /** Cross-set retrieval by name (datasets whose `labels` are `'names'`). */
  top1?: number;
  top5?: number;
  /** Why kNN and the probe are left out, when they are. */
  note?: string;
  linearProbe?: number;
  alignment?: number;
  uniformity?: number;
}

/** A row with the kNN figures: what a dataset labelled by class gives (compare ranks by it). */
export type KnnRow = EvaluationRow & { knn20: number; knn200w: number };

/**
 * The rows, checked to carry kNN figures.
 *
 * @throws {ManyViewsError} `INVALID_OPTION` naming the first row without them, and its note
 */
export function knnRows(rows: EvaluationRow[]): KnnRow[] {
  for (const row of rows) {
    if (row.knn20 === undefined || row.knn200w === undefined) {
      throw new ManyViewsError('INVALID_OPTION', `${row.features} has no kNN figures`, {
        expected: 'a dataset labelled by class',
        received: row.note ?? 'no kNN figures',
      });
    }
  }
  return rows as KnnRow[];
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
  const row = classify(inputs, label, train, test);
  return withAlignment(inputs, row, encoder);
}

/** Notes of the table for datasets where the kNN protocol does not apply. */
const NOTES = {
  names: 'each name is its own class: kNN votes and the probe do not apply',
  unlabelled: 'no labels (no class subfolders): kNN and the probe do not apply',
};

/**
 * kNN and the probe by the protocol; or, for datasets whose classes are names, cross-set
 * retrieval; or nothing, for unlabelled data.
 */
function classify(
  inputs: EvaluationInputs,
  label: string,
  train: Features,
  test: Features,
): EvaluationRow {
  if (inputs.dataset.labels === 'names') {
    const retrieval = crossSetRetrieval({
      bank: train.data,
      bankNames: Array.from(inputs.train.labels, (i) => inputs.train.classes[i]),
      queries: test.data,
      queryNames: Array.from(inputs.test.labels, (i) => inputs.test.classes[i]),
      dim: train.dim,
    });
    return {
      features: label,
      dim: train.dim,
      top1: retrieval.top1,
      top5: retrieval.top5,
      note: retrieval.unmatched
        ? `${NOTES.names}; ${retrieval.unmatched} of ${retrieval.queries + retrieval.unmatched} queries name no bank image and are left out`
        : NOTES.names,
    };
  }
  if (inputs.train.classes.length === 0)
    return { features: label, dim: train.dim, note: NOTES.unlabelled };

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
  return row;
}

/** Alignment and uniformity on held-out positive pairs, added to `row`. */
function withAlignment(inputs: EvaluationInputs, row: EvaluationRow, encoder?: Encoder) {
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

/** A row's main figures in words, for progress lines: kNN, or top-1 and top-5 retrieval. */
export function headline(row: EvaluationRow): string {
  const f = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(4));
  if (row.top1 !== undefined) return `top-1 ${f(row.top1)}, top-5 ${f(row.top5)}`;
  if (row.knn20 === undefined) return row.note ?? 'no figures';
  return `kNN@20 ${f(row.knn20)}, kNN@200w ${f(row.knn200w)}`;
}

/**
 * The rows as a fixed-width table for the terminal. Rows of cross-set retrieval show top-1 and
 * top-5 in place of the kNN columns, `n/a` for the probe, and their note below the table.
 */
export function formatTable(rows: EvaluationRow[]): string[] {
  const cell = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(4)).padStart(9);
  const na = 'n/a'.padStart(9);
  const retrieval = rows.some((r) => r.top1 !== undefined);
  const [first, second] = retrieval ? ['top-1', 'top-5'] : ['kNN@20', 'kNN@200w'];
  const head = `${'features'.padEnd(28)} ${'dim'.padStart(5)} ${first.padStart(9)} ${second.padStart(9)} ${'linear'.padStart(9)} ${'align'.padStart(9)} ${'uniform'.padStart(9)}`;
  const notes = [...new Set(rows.flatMap((r) => (r.note ? [r.note] : [])))];
  return [
    head,
    ...rows.map((r) => {
      const pair = retrieval
        ? `${cell(r.top1)} ${cell(r.top5)}`
        : `${r.note ? na : cell(r.knn20)} ${r.note ? na : cell(r.knn200w)}`;
      const probe = r.note ? na : cell(r.linearProbe);
      return `${r.features.padEnd(28)} ${String(r.dim).padStart(5)} ${pair} ${probe} ${cell(r.alignment)} ${cell(r.uniformity)}`;
    }),
    ...notes.map((note) => `(${note})`),
  ];
}
