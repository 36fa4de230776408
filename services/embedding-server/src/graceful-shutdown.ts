import { type Logger, silentLogger } from '@manyviews/augment-core';
import type { RunningServer } from './server.js';

/** What {@link closeOnSignals} shuts down, in this order. */
export interface ShutdownOptions {
  /** Stops accepting, then waits for in-flight requests (see `startServer`). */
  server: RunningServer;
  /** Drains the model batchers (see `EmbeddingApp.close`). */
  app?: { close(): Promise<void> };
  /** Makes every acknowledged write durable and releases its files (`CollectionStore.close`). */
  store?: { close(): Promise<void> };
  /** One `info` line when a signal starts the shutdown and one when it is done. */
  logger?: Logger;
  /** Signals that start it (default SIGTERM and SIGINT). */
  signals?: NodeJS.Signals[];
  /** Ends the process (default `process.exit`); 0 after a clean shutdown, 1 after a failed one. */
  exit?: (code: number) => void;
}

/**
 * Shuts the server down gracefully on SIGTERM or SIGINT: stop accepting connections and let
 * in-flight requests finish (up to the server's `shutdownTimeoutMs`), drain the model batchers,
 * close the store, then exit 0. A second signal during the shutdown exits 1 at once, so an
 * impatient Ctrl-C still works.
 *
 * @returns the shutdown itself, for callers that stop the server without a signal (tests, the
 *   quickstart); it does not exit the process. The signal handlers stay until a signal comes.
 *
 * @example
 * const server = await startServer({ app, port: 8080 });
 * closeOnSignals({ server, app, store, logger });
 */
export function closeOnSignals({
  server,
  app,
  store,
  logger = silentLogger,
  signals = ['SIGTERM', 'SIGINT'],
  exit = (code) => process.exit(code),
}: ShutdownOptions): () => Promise<void> {
  let closing: Promise<void> | undefined;
  let signalled = false;
  const close = () => {
    closing ??= (async () => {
      await server.close();
      await app?.close();
      await store?.close();
    })();
    return closing;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn(`${signal} again: exiting without waiting`, { signal });
      exit(1);
      return;
    }
    signalled = true;
    logger.info(`${signal}: finishing in-flight requests, then exiting`, { signal });
    close().then(
      () => {
        logger.info('shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return close;
}
