import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { createEncoder, createObjective, trainContrastive } from '@manyviews/contrastive';
import type { LabelledSplit, TrainingDataset } from '../domains/domain.js';
import { datasetByName } from '../domains/registry.js';
import { evaluate, type KnnRow, knnRows } from '../evaluation.js';
import { formatDuration } from '../progress-bar.js';
import type { CompareSpec, DomainSpec } from './compare-spec.js';
import {
  dropOneVariants,
  type NamedRecipe,
  pairVariants,
  strengthVariants,
} from './recipe-variants.js';

/** The outcome of one cell: one recipe of one domain, trained on the budget and evaluated. */
export interface CellResult {
  dataset: string;
  domain: string;
  recipe: string;
  pair?: [string, string];
  /** The recipe as run (to read beside the figures). */
  recipeJson: unknown;
  steps: number;
  seconds: number;
  viewsPerSecond: number;
  /** `[step, loss]`, at most 200 points. */
  lossCurve: Array<[number, number]>;
  figures: KnnRow;
  /** Hash of everything that determines the cell; a rerun skips a cell whose hash matches. */
  key: string;
}

/** Baselines of one domain, evaluated once: raw inputs and a random encoder. */
export interface DomainBaselines {
  dataset: string;
  domain: string;
  rows: KnnRow[];
}

/** Everything a comparison produced, as `results.json` holds it. */
export interface CompareResults {
  spec: CompareSpec;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  baselines: DomainBaselines[];
  cells: CellResult[];
}

/** Progress of a comparison, for the CLI's display. */
export interface CompareProgress {
  cell: string;
  index: number;
  cells: number;
  step: number;
  steps: number;
  loss: number;
  etaSeconds: number;
}

/** Options of {@link runCompare}. */
export interface RunCompareOptions {
  /** Report folder: `cells/` for finished cells, then results.json and the report. */
  outDir: string;
  logger: Logger;
  onProgress?: (p: CompareProgress) => void;
  /** Threads making views; default 1. */
  workers?: number;
}

/**
 * Runs every cell of a spec: each recipe of each domain trained with the same seed, data order,
 * budget and evaluation. Finished cells are stored under `cells/` and skipped on a rerun when
 * nothing that determines them has changed.
 *
 * @throws {ManyViewsError} `COMPARE_SPEC_INVALID` for recipes that reference unknown names; the
 *   datasets' and trainer's own errors
 */
export async function runCompare(
  spec: CompareSpec,
  options: RunCompareOptions,
): Promise<CompareResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const plan = spec.domains.map((d, i) => {
    const dataset = datasetOf(d.dataset, `spec.domains[${i}].dataset`);
    return { domain: d, dataset, recipes: expandRecipes(d, dataset) };
  });
  for (const p of plan) for (const r of p.recipes) p.dataset.checkRecipe(r.recipe);
  const total = plan.reduce((n, p) => n + p.recipes.length, 0);
  const cells: CellResult[] = [];
  const baselines: DomainBaselines[] = [];
  let index = 0;

  for (const { domain, dataset, recipes } of plan) {
    const train = await dataset.load('train', { limit: domain.limit ?? 20_000 });
    const test = await dataset.load('test', { limit: domain.testLimit ?? 2000 });
    options.logger.info(
      `${groupOf(domain)} (${dataset.name}): ${train.count} train, ${test.count} test examples; ${recipes.length} recipes`,
    );
    baselines.push(await domainBaselines(spec, dataset, domain, train, test, options));

    for (const recipe of recipes) {
      index++;
      const cell = await runCell(spec, domain, dataset, recipe, train, test, options, index, total);
      cells.push(cell);
    }
  }

  const results: CompareResults = {
    spec,
    startedAt,
    finishedAt: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    baselines,
    cells,
  };
  await writeFile(
    path.join(options.outDir, 'results.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  return results;
}

/** The recipes of a domain with variants generated; names must be unique. */
export function expandRecipes(
  domain: DomainSpec,
  dataset: TrainingDataset<LabelledSplit>,
): NamedRecipe[] {
  const byName = new Map<string, NamedRecipe>();
  const out: NamedRecipe[] = [];
  const add = (r: NamedRecipe, explicit: boolean) => {
    if (byName.has(r.name)) {
      // Two recipes of one name would share one cell: a spec's own names must be unique, while
      // a generated variant equal to a listed recipe is the same cell and is run once.
      if (explicit) {
        throw new ManyViewsError(
          'COMPARE_SPEC_INVALID',
          `two recipes of ${domain.label ?? domain.dataset} are named ${r.name}`,
          {
            expected: 'unique recipe names within a domain',
            received: r.name,
          },
        );
      }
      return;
    }
    byName.set(r.name, r);
    out.push(r);
  };
  for (const entry of domain.recipes) {
    if (!('variants' in entry)) {
      const recipe = entry.recipe === 'default' ? dataset.defaultRecipe : entry.recipe;
      add(
        { name: entry.name, recipe: entry.views ? { ...recipe, views: entry.views } : recipe },
        true,
      );
      continue;
    }
    const base = byName.get(entry.of);
    if (!base) {
      throw new ManyViewsError(
        'COMPARE_SPEC_INVALID',
        `variants of ${entry.of}: no recipe of that name comes before`,
        {
          expected: `one of ${[...byName.keys()].join(', ') || '(none yet)'}`,
          received: entry.of,
        },
      );
    }
    const made =
      entry.variants === 'drop-one'
        ? dropOneVariants(base)
        : entry.variants === 'pairs'
          ? pairVariants(base)
          : strengthVariants(base, entry.transform, entry.option, entry.values);
    for (const r of made) add(r, false);
  }
  return out;
}

async function domainBaselines(
  spec: CompareSpec,
  dataset: TrainingDataset<LabelledSplit>,
  domain: DomainSpec,
  train: LabelledSplit,
  test: LabelledSplit,
  options: RunCompareOptions,
): Promise<DomainBaselines> {
  const group = groupOf(domain);
  const encoderChoice = domain.encoder;
  // Baselines depend on the data and the encoder's architecture, not on the group: groups that
  // share them (one dataset under several objectives) evaluate them once.
  const file = path.join(
    options.outDir,
    'cells',
    '_baselines',
    `${safeName(dataset.name)}-${safeName(encoderChoice ?? 'default')}-${train.count}-${test.count}.json`,
  );
  const key = hash({
    seed: spec.seed,
    dataset: dataset.name,
    encoder: encoderChoice,
    train: splitFingerprint(train),
    test: splitFingerprint(test),
    v: 1,
  });
  const cached = await readJson<DomainBaselines & { key: string }>(file);
  if (cached?.key === key) return { ...cached, dataset: group };

  options.logger.info(`${group}: evaluating the raw-input and random-encoder baselines`);
  const encoder = createEncoder(dataset.encoderConfig(train, encoderChoice), undefined, spec.seed);
  try {
    const preprocess = dataset.preprocess(train, dataset.defaultRecipe);
    const rows = knnRows(
      evaluate({
        dataset,
        train,
        test,
        encoder,
        preprocess,
        recipe: dataset.defaultRecipe,
        seed: spec.seed,
        baselines: true,
        pairs: 1000,
      }).slice(1),
    );
    const result = { dataset: group, domain: dataset.domain, rows, key };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    encoder.dispose();
  }
}

async function runCell(
  spec: CompareSpec,
  domain: DomainSpec,
  dataset: TrainingDataset<LabelledSplit>,
  named: NamedRecipe,
  train: LabelledSplit,
  test: LabelledSplit,
  options: RunCompareOptions,
  index: number,
  cells: number,
): Promise<CellResult> {
  const batchSize = domain.batchSize ?? dataset.defaults.batchSize;
  const learningRate = domain.learningRate ?? dataset.defaults.learningRate;
  const objective = domain.objective ?? {
    name: 'nt-xent',
    temperature: dataset.defaults.temperature,
  };
  createObjective(objective, named.recipe.views ?? 2);
  const key = hash({
    seed: spec.seed,
    budget: spec.budget,
    dataset: dataset.name,
    encoder: domain.encoder,
    train: splitFingerprint(train),
    test: splitFingerprint(test),
    batchSize,
    learningRate,
    objective,
    recipe: named.recipe,
    v: 1,
  });
  const group = groupOf(domain);
  const file = path.join(options.outDir, 'cells', safeName(group), `${safeName(named.name)}.json`);
  const cached = await readJson<CellResult>(file);
  if (cached?.key === key) {
    options.logger.info(`cell ${index}/${cells} ${group}/${named.name}: done before, skipped`);
    return cached;
  }

  const source = dataset.viewSource(train, {
    recipe: named.recipe,
    seed: spec.seed,
    batchSize,
    workers: options.workers ?? 1,
    logger: options.logger,
  });
  const encoder = createEncoder(dataset.encoderConfig(train, domain.encoder), undefined, spec.seed);
  const budgetSteps = 'steps' in spec.budget ? spec.budget.steps : Number.POSITIVE_INFINITY;
  const budgetMs =
    'minutes' in spec.budget ? spec.budget.minutes * 60_000 : Number.POSITIVE_INFINITY;
  const epochs = Number.isFinite(budgetSteps)
    ? Math.ceil(budgetSteps / source.stepsPerEpoch)
    : 1000;
  const abort = new AbortController();
  const curve: Array<[number, number]> = [];
  const started = performance.now();

  try {
    const result = await trainContrastive({
      encoder,
      source,
      seed: spec.seed,
      // A time budget has no known length in steps, so no schedule can be laid over it.
      config: {
        epochs,
        batchSize,
        learningRate,
        objective,
        schedule: Number.isFinite(budgetSteps) ? 'cosine' : 'constant',
      },
      signal: abort.signal,
      onProgress: (p) => {
        curve.push([p.step + 1, p.loss]);
        const elapsed = performance.now() - started;
        if (p.step + 1 >= budgetSteps || elapsed >= budgetMs) abort.abort();
        const fraction = Number.isFinite(budgetSteps)
          ? (p.step + 1) / budgetSteps
          : elapsed / budgetMs;
        options.onProgress?.({
          cell: `${group}/${named.name}`,
          index,
          cells,
          // Under a time budget, progress is counted in seconds of it.
          step: Number.isFinite(budgetSteps) ? p.step + 1 : Math.round(elapsed / 1000),
          steps: Number.isFinite(budgetSteps) ? budgetSteps : Math.round(budgetMs / 1000),
          loss: p.loss,
          etaSeconds: (elapsed / 1000) * (1 / Math.max(fraction, 1e-6) - 1),
        });
      },
    });
    const preprocess = dataset.preprocess(train, named.recipe);
    const [figures] = knnRows(
      evaluate({
        dataset,
        train,
        test,
        encoder,
        preprocess,
        recipe: named.recipe,
        seed: spec.seed,
        pairs: 1000,
      }),
    );
    const cell: CellResult = {
      dataset: group,
      domain: dataset.domain,
      recipe: named.name,
      ...(named.pair ? { pair: named.pair } : {}),
      recipeJson: named.recipe,
      steps: result.finalStep,
      seconds: result.seconds,
      viewsPerSecond: result.viewsPerSecond,
      lossCurve: thin(curve, 200),
      figures: { ...figures, features: named.name },
      key,
    };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(cell, null, 2)}\n`);
    options.logger.info(
      `cell ${index}/${cells} ${group}/${named.name}: kNN@20 ${figures.knn20.toFixed(4)} in ${formatDuration((performance.now() - started) / 1000)}`,
    );
    return cell;
  } finally {
    encoder.dispose();
    await source.close();
  }
}

function datasetOf(name: string, field: string): TrainingDataset<LabelledSplit> {
  let dataset: TrainingDataset<LabelledSplit>;
  try {
    dataset = datasetByName(name);
  } catch (error) {
    const e = error as ManyViewsError;
    throw new ManyViewsError('COMPARE_SPEC_INVALID', `${field} names no dataset`, {
      expected: e.expected,
      received: name,
    });
  }
  // Compare ranks recipes by kNN@20, which emoji's one-example classes do not have.
  if (dataset.labels === 'names') {
    throw new ManyViewsError('COMPARE_SPEC_INVALID', `${field}: compare ranks by kNN@20`, {
      expected: 'a dataset labelled by class',
      received: `${name} (cross-set retrieval, no kNN)`,
    });
  }
  return dataset;
}

/** The heading a domain's cells are grouped under: its label, else its dataset. */
export function groupOf(domain: DomainSpec): string {
  return domain.label ?? domain.dataset;
}

function safeName(name: string): string {
  return name.replace(/[^\w.+=-]/g, '_');
}

function thin(points: Array<[number, number]>, max: number): Array<[number, number]> {
  if (points.length <= max) return points;
  const step = points.length / max;
  return Array.from({ length: max }, (_, i) => points[Math.floor(i * step)]).concat([
    points[points.length - 1],
  ]);
}

/**
 * What identifies a split's content for the rerun check: its size and a hash of its labels in
 * order, so a changed subset (another limit rule, another data folder) is not taken for the old.
 */
function splitFingerprint(split: LabelledSplit): string {
  return `${split.count}:${hash(Array.from(split.labels))}`;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
