import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../args.js';
import { consoleLogger } from '../console-logger.js';
import { runServe, serveSpec } from './serve.js';

const serve = (...argv: string[]) =>
  runServe(parseCommandArgs(serveSpec, argv), consoleLogger(process.stderr));

describe('manyviews serve: options', () => {
  it('refuses an unknown log format or level before loading anything', async () => {
    await expect(serve('--log-format', 'xml')).rejects.toMatchObject({
      code: 'CLI_USAGE',
      message: expect.stringMatching(/--log-format.*json or text.*"xml"/),
    });
    await expect(serve('--log-level', 'verbose')).rejects.toMatchObject({
      code: 'CLI_USAGE',
      message: expect.stringMatching(/--log-level.*debug, info, warn, error, silent/),
    });
  });

  it('refuses batching limits out of range', async () => {
    for (const [flag, value] of [
      ['--max-batch-size', '0'],
      ['--max-batch-wait-ms', '-1'],
      ['--max-queue', '1.5'],
      ['--request-timeout-ms', 'soon'],
    ]) {
      await expect(serve(flag, value)).rejects.toMatchObject({
        code: 'CLI_USAGE',
        message: expect.stringContaining(`${flag} is out of range`),
      });
    }
  });

  it('documents every new option with its default in --help', async () => {
    const { helpText } = await import('../args.js');
    const help = helpText(serveSpec);
    for (const line of [
      /--max-batch-size N .*\(default 64\)/,
      /--max-batch-wait-ms MS .*\(default 2\)/,
      /--max-queue N .*429 QUEUE_FULL \(default 1024\)/,
      /--request-timeout-ms MS .*504 REQUEST_TIMEOUT \(default 30000\)/,
      /--log-format FORMAT .*\(default json\)/,
      /--log-level LEVEL .*\(default info\)/,
    ]) {
      expect(help).toMatch(line);
    }
  });
});
