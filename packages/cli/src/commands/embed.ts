import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { type BackendChoice, loadServedModel, selectBackend } from '@manyviews/contrastive';
import { type CommandSpec, type ParsedArgs, stringFlag } from '../args.js';
import { aboutFile, readUserFile } from '../user-files.js';

export const embedSpec: CommandSpec = {
  name: 'embed',
  summary: 'Embed files (images, WAVs) with a model; prints one JSON line per file on stdout.',
  usage: 'manyviews embed --model DIR FILE...',
  positionals: true,
  flags: {
    model: {
      type: 'string',
      value: 'DIR',
      default: 'models/fashion-mnist',
      help: 'model directory',
    },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
  },
};

/** Runs `manyviews embed`. */
export async function runEmbed(args: ParsedArgs, logger: Logger): Promise<void> {
  if (args.positionals.length === 0) {
    throw new ManyViewsError(
      'CLI_USAGE',
      'embed needs at least one image file; see manyviews embed --help',
    );
  }
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const model = await loadServedModel(stringFlag(args, 'model')!);
  try {
    for (const file of args.positionals) {
      const data = await readUserFile(file, 'image');
      const [vector] = await aboutFile(file, () =>
        model.embed([{ kind: 'bytes', data, filename: file }]),
      );
      process.stdout.write(
        `${JSON.stringify({ file, embedding: Array.from(vector, (v) => Number(v.toFixed(6))) })}\n`,
      );
    }
  } finally {
    model.dispose();
  }
}
