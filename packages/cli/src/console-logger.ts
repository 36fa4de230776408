import type { Logger } from '@manyviews/augment-core';

/**
 * The CLI's logger: one plain line per message on stderr, so stdout stays clean for data
 * (`embed` prints vectors there). `debug` lines show only with `MANYVIEWS_DEBUG=1`.
 */
export function consoleLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const debug = process.env.MANYVIEWS_DEBUG === '1';
  const write = (level: string, msg: string, fields?: Record<string, unknown>) =>
    stream.write(`${level}${msg}${formatFields(fields)}\n`);
  return {
    debug: (msg, fields) => {
      if (debug) write('debug: ', msg, fields);
    },
    // Info lines are written for people and already say what matters; their fields are for
    // structured loggers.
    info: (msg) => write('', msg),
    warn: (msg, fields) => write('warning: ', msg, fields),
    error: (msg, fields) => write('error: ', msg, fields),
  };
}

/**
 * Fields as ` (key=value, ...)`: errors by their code and message, strings unquoted, the rest
 * as JSON; empty when there are none.
 */
export function formatFields(fields?: Record<string, unknown>): string {
  if (!fields) return '';
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${renderField(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function renderField(value: unknown): string {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return typeof code === 'string' ? `[${code}] ${value.message}` : value.message;
  }
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
