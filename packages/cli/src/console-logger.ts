import type { Logger } from '@manyviews/augment-core';

/**
 * The CLI's logger: one plain line per message on stderr, so stdout stays clean for data
 * (`embed` prints vectors there). `debug` lines show only with `MANYVIEWS_DEBUG=1`.
 */
export function consoleLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const debug = process.env.MANYVIEWS_DEBUG === '1';
  const write = (level: string, msg: string) => stream.write(`${level}${msg}\n`);
  return {
    debug: (msg) => {
      if (debug) write('debug: ', msg);
    },
    info: (msg) => write('', msg),
    warn: (msg) => write('warning: ', msg),
    error: (msg) => write('error: ', msg),
  };
}
