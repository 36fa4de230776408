import type { Logger, Recipe } from '@manyviews/augment-core';
import type { Encoder, EncoderConfig, SparseRows, ViewSource } from '@manyviews/contrastive';

/** One labelled split of a dataset; labels are used only by the evaluation. */
export interface LabelledSplit {
  count: number;
  /** Class index of each example. */
  labels: ArrayLike<number>;
  classes: readonly string[];
}

/** Features of a split, row-major and L2-normalised. */
export interface Features {
  dim: number;
  data: Float32Array;
}

/**
 * Features of a split as sparse rows, each L2-normalised with sorted columns: for raw features
 * too wide to hold densely (TF-IDF over a vocabulary of tens of thousands of words).
 */
export interface SparseFeatures {
  dim: number;
  sparse: SparseRows;
}

/**
 * Everything the CLI needs to train, evaluate, index and serve one dataset of one domain. Each
 * dataset is a small module in this folder; `train --dataset NAME` picks it.
 */
/** What `train` uses when its flags leave a choice open. */
export interface TrainingDefaults {
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
}

export interface TrainingDataset<S extends LabelledSplit = LabelledSplit> {
  /** Name on the command line (`fashion-mnist`). */
  name: string;
  /** The model domain it trains (`image`, `text`, `audio`). */
  domain: string;
  description: string;
  defaultRecipe: Recipe;
  /** Defaults of the command line for this dataset. */
  defaults: TrainingDefaults;
  /**
   * Defaults that differ for an encoder named by `--encoder`, over {@link defaults}: a slower
   * encoder trains fewer epochs in the same time, for example.
   */
  encoderDefaults?: Record<string, Partial<TrainingDefaults>>;
  /** Validates a recipe for this domain before any data is read. */
  checkRecipe(recipe: Recipe): void;
  /**
   * `logger` (optional) is told about long preparation, such as rendering a dataset; `options`
   * are the dataset's own (`--dataset-options`, e.g. an emoji set and size), refused when unknown.
   */
  load(
    split: 'train' | 'test',
    options: { data?: string; limit?: number; logger?: Logger; options?: Record<string, unknown> },
  ): Promise<S>;
  /** The encoder to train: the default, or one of {@link TrainingDataset.encoders} by name. */
  encoderConfig(train: S, choice?: string): EncoderConfig;
  /** Names `--encoder` accepts, default first; datasets with one encoder leave it out. */
  encoders?: readonly string[];
  /** Shape of one input as a user sees it, for the manifest (e.g. `[28, 28, 1]`). */
  inputShape(train: S): number[];
  /** What the served model needs to prepare an input as training did. */
  preprocess(train: S, recipe: Recipe): Record<string, unknown>;
  viewSource(
    train: S,
    options: { recipe: Recipe; seed: number; batchSize: number; workers: number; logger: Logger },
  ): ViewSource;
  /** The encoder's representation of every example of a split. */
  /**
   * Optional: checks `--dataset-options` before any data is read or a run folder made.
   * Datasets without it take no options.
   */
  checkOptions?(options: Record<string, unknown>): void;
  /** Optional: the default recipe for these dataset options (views at the chosen size). */
  recipeFor?(options: Record<string, unknown>): Recipe;
  /**
   * How the evaluation reads labels: `'classes'` (default) by the kNN and probe protocol;
   * `'names'` when every example is its own class, matched across the splits by class name
   * (cross-set retrieval: top-1 and top-5 instead of kNN votes and a probe).
   */
  labels?: 'classes' | 'names';
  features(encoder: Encoder, split: S, preprocess: Record<string, unknown>): Features;
  /** The raw-input baseline's features (pixels, TF-IDF, spectrogram statistics). */
  rawFeatures(split: S): Features | SparseFeatures;
  /**
   * Optional: held-out positive pairs as raw features, for datasets whose encoder inputs are not
   * their raw features (text: hashed bags in, TF-IDF as the baseline). Without it the baseline's
   * alignment and uniformity use {@link TrainingDataset.positivePairs}, L2-normalised.
   */
  rawPositivePairs?(
    split: S,
    recipe: Recipe,
    seed: number,
    count: number,
  ): { a: Features | SparseFeatures; b: Features | SparseFeatures; rows: number };
  /**
   * Two views of `count` examples, as encoder inputs, for alignment and uniformity; `preprocess`
   * (optional) is the trained model's, for domains whose inputs depend on training statistics.
   */
  positivePairs(
    split: S,
    recipe: Recipe,
    seed: number,
    count: number,
    preprocess?: Record<string, unknown>,
  ): { a: Float32Array; b: Float32Array; rows: number };
  /** Ids of a split's examples for a search index. */
  ids(split: S, splitName: string): string[];
}
