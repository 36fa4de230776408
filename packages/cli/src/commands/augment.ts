import { stat } from 'node:fs/promises';
import { type Logger, ManyViewsError, type RecipeStep, Rng } from '@manyviews/augment-core';
import {
  buildMultiView,
  decodeImage,
  encodePng,
  imagePresets,
  loadImageFolder,
  type PreviewRow,
  previewSheet,
  type RawImage,
} from '@manyviews/augment-image';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import { aboutFile, readRecipeFile, readUserFile, writeUserFile } from '../user-files.js';

export const augmentSpec: CommandSpec = {
  name: 'augment',
  summary: 'Preview a recipe: a contact sheet of sampled views, captioned, and what each drew.',
  usage:
    'manyviews augment (--recipe FILE | --preset NAME) --input FILE_OR_DIR... [--views 8] [--out sheet.png] [--seed N] [--no-labels]',
  positionals: true,
  flags: {
    recipe: { type: 'string', value: 'FILE', help: 'image recipe JSON (one or several pipelines)' },
    preset: {
      type: 'string',
      value: 'NAME',
      help: `a ready recipe: ${Object.keys(imagePresets).join(', ')}`,
    },
    input: { type: 'string', value: 'PATH', help: 'an image or a folder; more may follow' },
    views: { type: 'string', value: 'N', default: '8', help: 'views per input, 1..64' },
    out: { type: 'string', value: 'FILE', default: 'sheet.png', help: 'the sheet; JSON beside it' },
    seed: { type: 'string', value: 'N', default: '0', help: 'seed of the views' },
    cell: { type: 'string', value: 'PX', default: '160', help: 'side of one cell in pixels' },
    'no-labels': { type: 'boolean', help: 'no captions (file name; view, pipeline and draws)' },
  },
};

/**
 * Runs `manyviews augment`: each input in the first column, its views beside it (view `v` of
 * input `i` from `Rng(seed).fork(0, i)` then `fork(v)`), written as a PNG sheet and a JSON file
 * of every view's record. Under each input its file name, under each view its index, pipeline
 * and a summary of its record (`previewSheet`), unless `--no-labels`. A final `normalize` is left
 * out of the preview, so colours show. The folder of `--out` is created when missing.
 *
 * @throws {ManyViewsError} `CLI_USAGE`, the recipe and decode errors, `FILE_UNWRITABLE`
 */
export async function runAugment(args: ParsedArgs, logger: Logger): Promise<void> {
  const views = numberFlag(args, 'views', { min: 1, max: 64, integer: true });
  const seed = numberFlag(args, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true });
  const cell = numberFlag(args, 'cell', { min: 16, max: 1024, integer: true });
  const out = stringFlag(args, 'out') ?? 'sheet.png';
  const inputs = [stringFlag(args, 'input'), ...args.positionals].filter((p) => p !== undefined);
  if (inputs.length === 0) {
    throw new ManyViewsError('CLI_USAGE', 'augment needs --input; see manyviews augment --help');
  }

  const recipe = await chooseRecipe(args);
  const full = buildMultiView(recipe).recipe;
  const shown = { ...full, views, pipelines: full.pipelines.map(withoutNormalize) };
  const pipeline = buildMultiView(shown);
  logger.info(
    `recipe ${full.name ?? 'unnamed'}: ${full.pipelines.length} pipeline(s), ${views} views per input, seed ${seed}`,
  );
  if (shown.pipelines.some((p, i) => p.length !== full.pipelines[i].length)) {
    logger.info('the final normalize step is left out of the preview');
  }

  const images = await readInputs(inputs);
  logger.info(`${images.length} input image(s)`);
  const root = new Rng(seed);
  const rows: PreviewRow[] = [];
  const records = images.map(({ file, image }, i) => {
    const result = pipeline.run(image, root.fork(0, i));
    rows.push({ file, image, ...result });
    return { file, width: image.width, height: image.height, views: result.records };
  });

  const json = out.replace(/\.png$/i, '') + '.json';
  const labels = !args.flags['no-labels'];
  const sheet = await previewSheet(rows, { cell, labels, pipelines: shown.pipelines.length });
  await writeUserFile(out, await encodePng(sheet), 'contact sheet');
  const document = {
    recipe: shown,
    seed,
    forkKeys: 'Rng(seed).fork(0, input).fork(view)',
    inputs: records,
  };
  await writeUserFile(json, `${JSON.stringify(document, null, 2)}\n`, 'record file');
  logger.info(`wrote ${out} and ${json}`);
}

async function chooseRecipe(args: ParsedArgs): Promise<unknown> {
  const file = stringFlag(args, 'recipe');
  const preset = stringFlag(args, 'preset');
  if ((file === undefined) === (preset === undefined)) {
    throw new ManyViewsError('CLI_USAGE', 'augment needs exactly one of --recipe and --preset', {
      expected: '--recipe FILE or --preset NAME',
      received: file && preset ? 'both' : 'neither',
    });
  }
  if (file !== undefined) return readRecipeFile(file);
  const found = imagePresets[preset as string];
  if (!found) {
    throw new ManyViewsError('CLI_USAGE', `--preset ${preset} is not a ready recipe`, {
      expected: `one of ${Object.keys(imagePresets).join(', ')}`,
      received: preset,
    });
  }
  return found;
}

function withoutNormalize(steps: RecipeStep[]): RecipeStep[] {
  return steps.at(-1)?.type === 'normalize' ? steps.slice(0, -1) : steps;
}

async function readInputs(paths: string[]): Promise<Array<{ file: string; image: RawImage }>> {
  const out: Array<{ file: string; image: RawImage }> = [];
  for (const path of paths) {
    if ((await stat(path).catch(() => undefined))?.isDirectory()) {
      const folder = await loadImageFolder(path);
      folder.files.forEach((f, i) => {
        out.push({ file: `${path}/${f}`, image: folder.images[i] });
      });
      continue;
    }
    const bytes = await readUserFile(path, 'image');
    out.push({ file: path, image: await aboutFile(path, () => decodeImage(bytes)) });
  }
  return out;
}
