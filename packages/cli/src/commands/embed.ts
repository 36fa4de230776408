import { createInterface } from 'node:readline';
import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { type BackendChoice, loadServedModel, selectBackend } from '@manyviews/contrastive';
import { type CommandSpec, type ParsedArgs, stringFlag } from '../args.js';
import { aboutFile, readUserFile } from '../user-files.js';

export const embedSpec: CommandSpec = {
  name: 'embed',
  summary:
    'Embed files (images, WAVs) or texts with a model; prints one JSON line per input on stdout.',
  usage:
    'manyviews embed --model DIR FILE...  (text models: TEXT... , or - to read one text per line from stdin)',
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

/**
 * Runs `manyviews embed`. Image and audio models take files; text models take the texts
 * themselves as arguments, and `-` reads one text per line from stdin (blank lines skipped).
 * Each input prints `{"file": ..., "embedding": [...]}` or `{"text": ..., "embedding": [...]}`.
 */
export async function runEmbed(args: ParsedArgs, logger: Logger): Promise<void> {
  if (args.positionals.length === 0) {
    throw new ManyViewsError(
      'CLI_USAGE',
      'embed needs at least one file (or, for a text model, a text); see manyviews embed --help',
    );
  }
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const model = await loadServedModel(stringFlag(args, 'model')!);
  const print = (key: 'file' | 'text', value: string, vector: Float32Array) => {
    const embedding = Array.from(vector, (v) => Number(v.toFixed(6)));
    process.stdout.write(`${JSON.stringify({ [key]: value, embedding })}\n`);
  };

  try {
    if (model.manifest.domain === 'text') {
      for await (const text of textsOf(args.positionals)) {
        const [vector] = await model.embed([{ kind: 'text', text }]);
        print('text', text, vector);
      }
      return;
    }
    for (const file of args.positionals) {
      const data = await readUserFile(file, model.manifest.domain);
      const [vector] = await aboutFile(file, () =>
        model.embed([{ kind: 'bytes', data, filename: file }]),
      );
      print('file', file, vector);
    }
  } finally {
    model.dispose();
  }
}

/** The texts to embed: each argument, with `-` standing for the non-blank lines of stdin. */
async function* textsOf(positionals: string[]): AsyncGenerator<string> {
  for (const arg of positionals) {
    if (arg !== '-') {
      yield arg;
      continue;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) if (line.trim() !== '') yield line;
  }
}
