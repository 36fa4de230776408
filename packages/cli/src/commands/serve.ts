import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { type BackendChoice, loadServedModel, selectBackend } from '@manyviews/contrastive';
import {
  type ApiKey,
  createApp,
  loadModelsDir,
  openLocalStore,
  parseApiKeys,
  startServer,
} from '@manyviews/embedding-server';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import { readUserFile } from '../user-files.js';

export const serveSpec: CommandSpec = {
  name: 'serve',
  summary: 'Serve every model in a models directory over HTTP (embeddings, similarity, search).',
  usage:
    'manyviews serve [--models models] [--port 8080] [--host 127.0.0.1] [--store DIR] ' +
    '[--api-key KEYS | --api-keys-file FILE]',
  flags: {
    models: {
      type: 'string',
      value: 'DIR',
      default: 'models',
      help: 'folder of model directories (or one model directory)',
    },
    port: { type: 'string', value: 'N', default: '8080', help: 'TCP port (0: any free port)' },
    host: { type: 'string', value: 'HOST', default: '127.0.0.1', help: 'address to listen on' },
    store: {
      type: 'string',
      value: 'DIR',
      help: 'keep collections in DIR (write-ahead log + snapshot); default: in memory',
    },
    'api-key': {
      type: 'string',
      value: 'KEYS',
      help: 'comma-separated read:KEY / write:KEY (also MANYVIEWS_API_KEYS); none: open',
    },
    'api-keys-file': {
      type: 'string',
      value: 'FILE',
      help: 'a file of keys, one per line, as --api-key',
    },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
  },
};

/** A started server, for callers that print more (the quickstart) or stop it (tests). */
export interface ServeHandle {
  url: string;
  modelNames: string[];
  close(): Promise<void>;
}

/** Runs `manyviews serve` until SIGINT or SIGTERM, then shuts down gracefully. */
export async function runServe(args: ParsedArgs, logger: Logger): Promise<ServeHandle> {
  const port = numberFlag(args, 'port', { min: 0, max: 65535, integer: true });
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const host = stringFlag(args, 'host') ?? '127.0.0.1';
  const apiKeys = await readApiKeys(args);
  if (apiKeys.length === 0 && !isLoopback(host)) {
    throw new ManyViewsError('SERVER_UNPROTECTED', `refusing to serve ${host} without API keys`, {
      expected: '--api-key, MANYVIEWS_API_KEYS or --api-keys-file, or a loopback --host',
    });
  }

  const modelsDir = stringFlag(args, 'models')!;
  const loader = (dir: string) => loadServedModel(dir);
  const registry = await loadModelsDir(modelsDir, loader, logger);
  const storeDir = stringFlag(args, 'store');
  const store =
    storeDir === undefined ? undefined : await openLocalStore({ dir: storeDir, logger });
  const app = createApp({
    registry,
    logger,
    store,
    apiKeys,
    reload: (previous) => loadModelsDir(modelsDir, loader, logger, previous),
  });
  const server = await startServer({ app, port, host, logger });
  if (apiKeys.length === 0) logger.info('no API keys: every route is open to this machine');
  const modelNames = registry.names();
  logger.info(`serving ${modelNames.length} model(s) [${modelNames.join(', ')}] at ${server.url}`);

  // Stop accepting, let in-flight requests (and so their model calls) finish, then make every
  // acknowledged write durable and release the store's files.
  const close = async () => {
    await server.close();
    await store?.close();
  };
  const stop = async (signal: string) => {
    logger.info(`${signal}: finishing in-flight requests, then exiting`);
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { url: server.url, modelNames, close };
}

async function readApiKeys(args: ParsedArgs): Promise<ApiKey[]> {
  const file = stringFlag(args, 'api-keys-file');
  const text = [
    stringFlag(args, 'api-key') ?? '',
    process.env.MANYVIEWS_API_KEYS ?? '',
    file === undefined ? '' : (await readUserFile(file, 'API keys')).toString('utf8'),
  ].join('\n');
  return parseApiKeys(text);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
