import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeWav, ensureEspeak } from '@manyviews/augment-audio';
import type { Logger } from '@manyviews/augment-core';
import type { AudioSplit } from '../domains/audio-dataset.js';
import { datasetByName } from '../domains/registry.js';

/**
 * What the quickstart does before training an audio dataset: for espeak-words, make sure the
 * espeak-ng program is there (`ensureEspeak` installs it with apt-get when run as root, and
 * otherwise says what to install), so the user hears about it before the long render.
 */
export async function prepareAudioQuickstart(dataset: string, logger: Logger): Promise<void> {
  if (dataset === 'espeak-words') await ensureEspeak({ logger });
}

/**
 * Writes one held-out clip of each of up to three classes as a 16-bit WAV (the first test clip of
 * `yes`, `no` and `stop` for espeak-words, else of the first classes).
 *
 * @returns class name -> absolute path
 */
export async function writeAudioSamples(
  dir: string,
  dataset: string,
  data?: string,
): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  const test = (await datasetByName(dataset).load('test', { data })) as AudioSplit;
  const preferred = ['yes', 'no', 'stop'].filter((w) => test.classes.includes(w));
  const names = preferred.length === 3 ? preferred : test.classes.slice(0, 3);
  const out = new Map<string, string>();
  for (const name of names) {
    const index = Array.from(test.labels).indexOf(test.classes.indexOf(name));
    if (index < 0) continue;
    const file = path.resolve(dir, `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.wav`);
    await writeFile(file, encodeWav(test.clips[index]));
    out.set(name, file);
  }
  return out;
}

/** curl requests with WAV uploads (multipart and base64 JSON), for an audio model. */
export function audioExampleRequests(
  url: string,
  model: string,
  samples: Map<string, string>,
): string {
  const [a, b, c] = [...samples.values()];
  const [nameA] = [...samples.keys()];
  return [
    '',
    `The embedding server is running at ${url} (Ctrl-C stops it). Try:`,
    '',
    `  curl -s ${url}/healthz`,
    `  curl -s ${url}/v1/models`,
    `  curl -s -F model=${model} -F audio=@${a} ${url}/v1/embeddings | head -c 300; echo`,
    `  curl -s -F model=${model} -F k=5 -F audio=@${a} ${url}/v1/search`,
    `  curl -s -F model=${model} -F a=@${a} -F b=@${b ?? a} ${url}/v1/similarity`,
    `  curl -s -F model=${model} -F a=@${a} -F b=@${c ?? a} ${url}/v1/similarity`,
    `  curl -s ${url}/v1/embeddings -H 'content-type: application/json' \\`,
    `    -d "{\\"model\\":\\"${model}\\",\\"input\\":[\\"$(base64 -w0 ${a})\\"]}" | head -c 300; echo`,
    '',
    `A search for the "${nameA}" clip (a voice never heard in training) should return other`,
    `speakers saying "${nameA}". Inputs are WAV files of any rate, up to the model's maxSeconds.`,
    '',
  ].join('\n');
}
