import { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { jsonLogger, type LogLevel } from './json-logger.js';

function capture(level?: LogLevel) {
  const lines: string[] = [];
  const logger = jsonLogger({ level, destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l)) };
}

describe('jsonLogger', () => {
  it('writes one JSON object a line, fields at the top level', () => {
    const { logger, lines, parsed } = capture();
    logger.info('server listening', { url: 'http://127.0.0.1:1' });
    logger.warn('slow');

    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const [first, second] = parsed();
    expect(first).toMatchObject({ level: 30, msg: 'server listening', url: 'http://127.0.0.1:1' });
    expect(typeof first.time).toBe('number');
    expect(first.pid).toBe(process.pid);
    expect(second).toMatchObject({ level: 40, msg: 'slow' });
  });

  it('drops lines below its level and writes an Error field with its code and stack', () => {
    const { logger, parsed } = capture('warn');
    logger.debug('hidden');
    logger.info('hidden too');
    logger.error('shutdown failed', { error: new ManyViewsError('STORE_CORRUPT', 'bad crc') });

    const lines = parsed();
    expect(lines).toHaveLength(1);
    expect(lines[0].error).toMatchObject({
      type: 'ManyViewsError',
      code: 'STORE_CORRUPT',
      message: 'bad crc',
    });
    expect(lines[0].error.stack).toMatch(/json-logger\.test\.ts/);
  });

  it('refuses an unknown level', () => {
    expect(() => jsonLogger({ level: 'verbose' as LogLevel })).toThrow(
      expect.objectContaining({ code: 'INVALID_LOG_LEVEL' }),
    );
  });
});
