/**
 * The logging interface every ManyViews library accepts. Libraries never print: they call the
 * logger they were given, and the CLI or server decides what to show. Fields are structured so a
 * pino logger can be passed as it is.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** A logger that discards everything: the default of every library. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
