import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { type DestinationStream, pino } from 'pino';

/** The levels a {@link jsonLogger} may be set to, least to most severe. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What {@link jsonLogger} writes with. */
export interface JsonLoggerOptions {
  /** Lowest level written (default `info`); `silent` writes nothing. */
  level?: LogLevel;
  /**
   * Where the lines go (default: file descriptor 2, stderr, written synchronously so that no
   * line is lost when the process exits right after a shutdown).
   */
  destination?: DestinationStream;
}

/**
 * A {@link Logger} that writes one JSON object a line with pino: `level` (pino's number: 20
 * debug, 30 info, 40 warn, 50 error), `time` (ms since the epoch), `pid`, `hostname`, `msg`, and
 * the call's fields at the top level. A field holding an Error becomes `{ type, message, code?,
 * stack }` instead of `{}`.
 *
 * @throws {ManyViewsError} `INVALID_LOG_LEVEL` for a level outside {@link LOG_LEVELS}
 *
 * @example
 * const logger = jsonLogger({ level: 'info' });
 * logger.info('server listening', { url: 'http://127.0.0.1:8080' });
 * // {"level":30,"time":1767225600000,"pid":4242,"hostname":"box","msg":"server listening","url":"http://127.0.0.1:8080"}
 */
export function jsonLogger({
  level = 'info',
  destination = pino.destination({ fd: 2, sync: true }),
}: JsonLoggerOptions = {}): Logger {
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ManyViewsError('INVALID_LOG_LEVEL', 'the log level is not known', {
      expected: `one of ${LOG_LEVELS.join(', ')}`,
      received: level,
    });
  }
  const out = pino({ level }, destination);
  // pino takes the fields first and the message second; the Logger port has them the other way.
  const at =
    (write: (fields: object, msg: string) => void) =>
    (msg: string, fields?: Record<string, unknown>) =>
      write(fields ? plainFields(fields) : {}, msg);
  return {
    debug: at(out.debug.bind(out)),
    info: at(out.info.bind(out)),
    warn: at(out.warn.bind(out)),
    error: at(out.error.bind(out)),
  };
}

function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (!(value instanceof Error)) continue;
    copy ??= { ...fields };
    copy[key] = {
      type: value.name,
      message: value.message,
      ...(value instanceof ManyViewsError ? { code: value.code } : {}),
      stack: value.stack,
    };
  }
  return copy ?? fields;
}
