import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { type BackendChoice, selectBackend } from '@manyviews/contrastive';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import {
  type ViewSamples,
  writeHtmlReport,
  writeMarkdownReport,
} from '../compare/compare-report.js';
import { parseCompareSpec } from '../compare/compare-spec.js';
import { expandRecipes, groupOf, runCompare } from '../compare/run-compare.js';
import { grayViewSheet } from '../compare/view-samples.js';
import { datasetByName } from '../domains/registry.js';
import { formatDuration, ProgressBar } from '../progress-bar.js';
import { readUserFile } from '../user-files.js';

export const compareSpec: CommandSpec = {
  name: 'compare',
  summary: 'Compare augmentation recipes across domains on one budget; writes a report.',
  usage: 'manyviews compare SPEC.json [--out runs/compare/<name>]',
  positionals: true,
  flags: {
    out: { type: 'string', value: 'DIR', help: 'report folder (default runs/compare/<spec name>)' },
    workers: { type: 'string', value: 'N', default: '1', help: 'threads making views' },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
  },
};

/** Runs `manyviews compare`: every cell, then results.json, report.md and report.html. */
export async function runCompareCommand(args: ParsedArgs, logger: Logger): Promise<void> {
  if (args.positionals.length !== 1) {
    throw new ManyViewsError(
      'CLI_USAGE',
      'compare needs one spec file; see manyviews compare --help',
      {
        expected: '1 file',
        received: `${args.positionals.length} arguments`,
      },
    );
  }
  const file = args.positionals[0];
  const text = (await readUserFile(file, 'spec')).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ManyViewsError(
      'COMPARE_SPEC_INVALID',
      `spec file ${file} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  const spec = parseCompareSpec(parsed);
  const workers = numberFlag(args, 'workers', { min: 0, max: 64, integer: true });
  const outDir = stringFlag(args, 'out') ?? path.join('runs', 'compare', spec.name);
  await mkdir(outDir, { recursive: true });
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);

  const bar = new ProgressBar();
  const results = await runCompare(spec, {
    outDir,
    logger,
    workers,
    onProgress: (p) =>
      bar.update(
        p.step,
        p.steps,
        `cell ${p.index}/${p.cells} ${p.cell} loss ${p.loss.toFixed(3)} ${formatDuration(p.etaSeconds)} left in cell`,
      ),
  });

  const samples: ViewSamples = new Map();
  for (const domain of spec.domains) {
    const dataset = datasetByName(domain.dataset);
    if (dataset.domain !== 'image') continue;
    const test = (await dataset.load('test', { limit: 16 })) as unknown as Parameters<
      typeof grayViewSheet
    >[0];
    if (!('images' in test)) continue;
    for (const recipe of expandRecipes(domain, dataset)) {
      samples.set(
        `${groupOf(domain)}/${recipe.name}`,
        await grayViewSheet(test, recipe.recipe, spec.seed),
      );
    }
  }
  const md = await writeMarkdownReport(results, outDir);
  const html = await writeHtmlReport(results, outDir, samples);

  logger.info(`compare: ${results.cells.length} recipes in ${formatDuration(results.seconds)}`);
  for (const dataset of [...new Set(results.cells.map((c) => c.dataset))]) {
    const top = results.cells
      .filter((c) => c.dataset === dataset)
      .sort((a, b) => b.figures.knn20 - a.figures.knn20)
      .slice(0, 3);
    logger.info(
      `  ${dataset}: ${top.map((c) => `${c.recipe} ${c.figures.knn20.toFixed(4)}`).join(', ')}`,
    );
  }
  logger.info(`report: ${html} (and ${md}, ${path.join(outDir, 'results.json')})`);
}
