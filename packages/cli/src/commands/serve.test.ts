import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('API keys', () => {
    const good = 'read:0123456789abcdef0123';
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('names the file and its own line of a bad key, whatever the flag and variable hold', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'serve-keys-'));
      const file = join(dir, 'keys.txt');
      await writeFile(file, `short\n${good}\n`);
      vi.stubEnv('MANYVIEWS_API_KEYS', `${good}\n${good}`);
      try {
        await expect(serve('--api-key', good, '--api-keys-file', file)).rejects.toMatchObject({
          code: 'INVALID_API_KEY',
          message: expect.stringMatching(`^${file} line 1: an API key is too short`),
        });
      } finally {
        await rm(dir, { recursive: true });
      }
    });

    it('names the flag or the variable that holds a bad key', async () => {
      vi.stubEnv('MANYVIEWS_API_KEYS', `${good}\nwrite:tooshort`);
      await expect(serve('--api-key', good)).rejects.toMatchObject({
        code: 'INVALID_API_KEY',
        message: expect.stringMatching(/^MANYVIEWS_API_KEYS line 2: an API key is too short/),
      });
      vi.stubEnv('MANYVIEWS_API_KEYS', '');
      await expect(serve('--api-key', `${good},Read:0123456789abcdef0123`)).rejects.toMatchObject({
        code: 'INVALID_API_KEY',
        message: expect.stringMatching(/^--api-key line 1: unknown API key scope "Read"/),
      });
    });
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
