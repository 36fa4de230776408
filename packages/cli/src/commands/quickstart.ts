import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { encodePng, fromUint8 } from '@manyviews/augment-image';
import { loadFashionMnist } from '@manyviews/datasets';
import { type CommandSpec, type ParsedArgs, parseCommandArgs, stringFlag } from '../args.js';
import { datasetByName } from '../domains/registry.js';
import { indexSpec, runIndex } from './build-index.js';
import {
  audioExampleRequests,
  prepareAudioQuickstart,
  writeAudioSamples,
} from './quickstart-audio.js';
import { runServe, serveSpec } from './serve.js';
import { runTrain, trainSpec } from './train.js';

/**
 * Fashion-MNIST's quickstart trains for fewer epochs than `train` (8) so the first run takes
 * about 6 minutes; the other datasets' defaults were set for the quickstart's budget already.
 */
const FASHION_MNIST_EPOCHS = '5';

export const quickstartSpec: CommandSpec = {
  name: 'quickstart',
  summary:
    'Train on a dataset (Fashion-MNIST by default), index its test split, serve, print example requests.',
  usage: 'manyviews quickstart [--dataset fashion-mnist] [--epochs N] [--port 8080]',
  flags: {
    dataset: {
      type: 'string',
      value: 'NAME',
      default: 'fashion-mnist',
      help: 'what to train on: fashion-mnist, wordnet-glosses for text, espeak-words for audio',
    },
    data: { type: 'string', value: 'DIR', help: 'folder with the Fashion-MNIST IDX files' },
    models: {
      type: 'string',
      value: 'DIR',
      default: 'models',
      help: 'models folder; the model goes in <models>/<dataset>',
    },
    'run-dir': {
      type: 'string',
      value: 'DIR',
      default: 'runs/quickstart',
      help: 'run folder (config, metrics, samples)',
    },
    epochs: {
      type: 'string',
      value: 'N',
      help: `training epochs (default: ${FASHION_MNIST_EPOCHS} for fashion-mnist, about 70 s each on 2 cores; else the dataset's)`,
    },
    port: { type: 'string', value: 'N', default: '8080', help: 'server port (0: any free port)' },
    'no-serve': { type: 'boolean', help: 'stop after training and indexing' },
  },
};

const SAMPLE_CLASSES = ['Ankle boot', 'Sneaker', 'Trouser', 'Bag'];

/** Runs `manyviews quickstart`: the README's end-to-end job with the embedded defaults. */
export async function runQuickstart(args: ParsedArgs, logger: Logger): Promise<void> {
  const started = performance.now();
  const data = stringFlag(args, 'data');
  const modelsDir = stringFlag(args, 'models')!;
  const runDir = stringFlag(args, 'run-dir')!;
  const dataset = stringFlag(args, 'dataset')!;
  const modelDir = path.join(modelsDir, dataset);
  const pass = (flags: Record<string, string | undefined>) =>
    Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));

  await prepareAudioQuickstart(dataset, logger);
  await runTrain(
    parseCommandArgs(
      trainSpec,
      pass({
        dataset,
        data,
        out: modelDir,
        'run-dir': runDir,
        epochs: quickstartEpochs(dataset, stringFlag(args, 'epochs')),
      }),
    ),
    logger,
  );
  await runIndex(
    parseCommandArgs(indexSpec, pass({ data, model: modelDir, split: 'test' })),
    logger,
  );
  const samples =
    dataset === 'fashion-mnist'
      ? await writeSamples(path.join(runDir, 'samples'), data)
      : undefined;
  const audio =
    datasetByName(dataset).domain === 'audio'
      ? await writeAudioSamples(path.join(runDir, 'samples'), dataset, data)
      : undefined;
  logger.info(
    `quickstart: trained and indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  if (args.flags['no-serve']) return;

  const server = await runServe(
    parseCommandArgs(
      serveSpec,
      pass({ models: modelsDir, port: stringFlag(args, 'port'), 'log-format': 'text' }),
    ),
    logger,
  ).catch((error) => {
    if (error instanceof ManyViewsError && error.code === 'SERVER_LISTEN_FAILED') {
      throw new ManyViewsError(
        'SERVER_LISTEN_FAILED',
        `${error.message}; pass --port 0 for any free port, or another port`,
      );
    }
    throw error;
  });
  process.stdout.write(
    samples
      ? exampleRequests(server.url, samples)
      : audio
        ? audioExampleRequests(server.url, dataset, audio)
        : textExampleRequests(server.url, dataset),
  );
}

/**
 * The `--epochs` the quickstart passes to `train`: the user's when given, else Fashion-MNIST's
 * quickstart budget (5), else none, so `train` uses the dataset's own default.
 */
export function quickstartEpochs(dataset: string, given?: string): string | undefined {
  return given ?? (dataset === 'fashion-mnist' ? FASHION_MNIST_EPOCHS : undefined);
}

/** Writes one test image per sample class as PNG; returns class name -> absolute path. */
async function writeSamples(dir: string, data?: string): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  const test = await loadFashionMnist('test', { dir: data });
  const pixels = test.width * test.height;
  const out = new Map<string, string>();
  for (const name of SAMPLE_CLASSES) {
    const label = test.classes.indexOf(name);
    const index = test.labels.indexOf(label);
    const image = fromUint8(
      test.images.subarray(index * pixels, (index + 1) * pixels),
      test.width,
      test.height,
      1,
    );
    const file = path.resolve(dir, `${name.toLowerCase().replace(/[^a-z]+/g, '-')}.png`);
    await writeFile(file, await encodePng(image));
    out.set(name, file);
  }
  return out;
}

function exampleRequests(url: string, samples: Map<string, string>): string {
  const boot = samples.get('Ankle boot')!;
  const sneaker = samples.get('Sneaker')!;
  const trouser = samples.get('Trouser')!;
  return [
    '',
    `The embedding server is running at ${url} (Ctrl-C stops it). Try:`,
    '',
    `  curl -s ${url}/healthz`,
    `  curl -s ${url}/v1/models`,
    `  curl -s -F model=fashion-mnist -F image=@${boot} ${url}/v1/embeddings | head -c 300; echo`,
    `  curl -s -F model=fashion-mnist -F k=5 -F image=@${boot} ${url}/v1/search`,
    `  curl -s -F model=fashion-mnist -F a=@${sneaker} -F b=@${boot} ${url}/v1/similarity`,
    `  curl -s -F model=fashion-mnist -F a=@${trouser} -F b=@${boot} ${url}/v1/similarity`,
    `  curl -s ${url}/v1/embeddings -H 'content-type: application/json' \\`,
    `    -d "{\\"model\\":\\"fashion-mnist\\",\\"input\\":[\\"$(base64 -w0 ${boot})\\"]}" | head -c 300; echo`,
    '',
    'A search for the ankle boot should return ankle boots; a sneaker should score closer to the',
    'boot than a trouser does.',
    '',
  ].join('\n');
}

/** curl requests with JSON text inputs, for a text model. */
function textExampleRequests(url: string, model: string): string {
  const json = (body: unknown) =>
    `-H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
  return [
    '',
    `The embedding server is running at ${url} (Ctrl-C stops it). Try:`,
    '',
    `  curl -s ${url}/healthz`,
    `  curl -s ${url}/v1/models`,
    `  curl -s ${url}/v1/embeddings ${json({ model, input: ['a small domesticated feline'] })} | head -c 300; echo`,
    `  curl -s ${url}/v1/search ${json({ model, input: 'a large wild cat of Africa', k: 5 })}`,
    `  curl -s ${url}/v1/similarity ${json({ model, a: ['move fast on foot'], b: ['run quickly', 'a kind of cheese'] })}`,
    '',
    'Each search result is labelled with its WordNet lexicographer file (noun.animal, ...). The',
    'text encoder is still weaker than the TF-IDF baseline (see the README), so expect mixed',
    'labels after a short run.',
    '',
  ].join('\n');
}
