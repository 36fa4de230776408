/**
 * A child process for the graceful-shutdown test: serves the fake image model, whose every
 * forward pass takes DELAY_MS, with a collection store on disk in DIR, on 127.0.0.1 at a free
 * port, logging JSON lines to stderr and shutting down on SIGTERM as `manyviews serve` does.
 *
 *   node serve-child.mjs DIR DELAY_MS
 *
 * The parent reads the URL from the `server listening` log line.
 */
import { createApp } from '../app.js';
import { closeOnSignals } from '../graceful-shutdown.js';
import { jsonLogger } from '../json-logger.js';
import { createModelRegistry } from '../model-registry.js';
import { startServer } from '../server.js';
import { openLocalStore } from '../store/local-store.js';
import { fakeImageModel } from './fake-models.js';

const [dir, delayText] = process.argv.slice(2);
const delay = Number(delayText);
const inner = fakeImageModel();
const slow = {
  ...inner,
  async embed(inputs: Parameters<typeof inner.embed>[0]) {
    await new Promise((r) => setTimeout(r, delay));
    return inner.embed(inputs);
  },
};

const logger = jsonLogger({ level: 'info' });
const store = await openLocalStore({ dir, logger });
const app = createApp({ registry: createModelRegistry([slow]), store, logger });
const server = await startServer({ app, port: 0, host: '127.0.0.1', logger });
closeOnSignals({ server, app, store, logger });
