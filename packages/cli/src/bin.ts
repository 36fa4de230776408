#!/usr/bin/env node
import { ManyViewsError } from '@manyviews/augment-core';
import { type CommandSpec, helpText, type ParsedArgs, parseCommandArgs } from './args.js';
import { augmentSpec, runAugment } from './commands/augment.js';
import { benchSpec, runBench } from './commands/bench.js';
import { indexSpec, runIndex } from './commands/build-index.js';
import { compareSpec, runCompareCommand } from './commands/compare.js';
import { embedSpec, runEmbed } from './commands/embed.js';
import { evalSpec, runEval } from './commands/evaluate.js';
import { quickstartSpec, runQuickstart } from './commands/quickstart.js';
import { runServe, serveSpec } from './commands/serve.js';
import { runTrain, trainSpec } from './commands/train.js';
import { consoleLogger } from './console-logger.js';

type Runner = (args: ParsedArgs, logger: ReturnType<typeof consoleLogger>) => Promise<unknown>;

const commands: Array<[CommandSpec, Runner]> = [
  [trainSpec, runTrain],
  [evalSpec, runEval],
  [indexSpec, runIndex],
  [embedSpec, runEmbed],
  [serveSpec, runServe],
  [quickstartSpec, runQuickstart],
  [benchSpec, runBench],
  [augmentSpec, runAugment],
  [compareSpec, runCompareCommand],
];

function usage(): string {
  const rows = commands.map(([spec]) => `  ${spec.name.padEnd(11)} ${spec.summary}`);
  return [
    'manyviews: contrastive self-supervised learning',
    '',
    'Usage: manyviews <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run manyviews <command> --help for its options.',
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = commands.find(([spec]) => spec.name === name);
  if (!entry) {
    process.stderr.write(`error [CLI_USAGE]: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }

  const [spec, run] = entry;
  const logger = consoleLogger();
  try {
    const args = parseCommandArgs(spec, rest);
    if (args.flags.help) {
      process.stdout.write(helpText(spec));
      return 0;
    }
    await run(args, logger);
    return 0;
  } catch (error) {
    if (error instanceof ManyViewsError) {
      process.stderr.write(`error [${error.code}]: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// `serve` and `quickstart` stay alive through their listening socket until a signal stops them.
process.exitCode = code;
