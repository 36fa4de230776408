import { type Logger, silentLogger } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../args.js';
import { benchSpec, runBench } from './bench.js';

/** The `info` lines `runBench` writes. */
async function bench(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  const logger: Logger = { ...silentLogger, info: (msg) => lines.push(msg) };
  await runBench(parseCommandArgs(benchSpec, argv), logger);
  return lines;
}

describe('manyviews bench', () => {
  it('times every phase of the encoder train would build, mlp or cnn', async () => {
    for (const [encoder, shape] of [
      ['mlp', /mlp \{"inputSize":784,"hidden":\[1024\]/],
      ['cnn', /cnn \{"inputShape":\[28,28,1\],"channels":\[32,64,64\]/],
    ] as const) {
      const lines = await bench('--encoder', encoder, '--steps', '1', '--batch-size', '4');

      expect(lines.some((l) => shape.test(l))).toBe(true);
      for (const phase of ['views', 'forward', 'backward', 'optimiser']) {
        expect(lines.some((l) => new RegExp(`^  ${phase} +\\d+\\.\\d ms/step$`).test(l))).toBe(
          true,
        );
      }
      expect(lines.some((l) => /pipelined .*: \d+ views\/s/.test(l))).toBe(true);
    }
  }, 120_000);

  it('refuses an encoder Fashion-MNIST does not offer', async () => {
    await expect(bench('--encoder', 'text-bag')).rejects.toMatchObject({ code: 'CLI_USAGE' });
  });
});
