import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { type BackendChoice, loadServedModel, selectBackend } from '@manyviews/contrastive';
import {
  type ApiKey,
  closeOnSignals,
  createApp,
  DEFAULT_LIMITS,
  jsonLogger,
  LOG_LEVELS,
  type LogLevel,
  loadModelsDir,
  openStore,
  parseApiKeys,
  type ServerLimits,
  startServer,
} from '@manyviews/embedding-server';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import { readUserFile } from '../user-files.js';

export const serveSpec: CommandSpec = {
  name: 'serve',
  summary: 'Serve every model in a models directory over HTTP (embeddings, similarity, search).',
  usage:
    'manyviews serve [--models models] [--port 8080] [--host 127.0.0.1] [--store DIR|URL] ' +
    '[--api-key KEYS | --api-keys-file FILE] [--max-batch-size N] [--max-batch-wait-ms MS] ' +
    '[--max-queue N] [--request-timeout-ms MS] [--log-format json|text] [--log-level LEVEL]',
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
      value: 'DIR|URL',
      help:
        'keep collections in DIR (write-ahead log + snapshot) or in PostgreSQL at a ' +
        'postgres:// URL (also MANYVIEWS_STORE); default: in memory',
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
    'max-batch-size': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_LIMITS.maxBatchSize),
      help: 'most inputs of concurrent requests merged into one forward pass of a model',
    },
    'max-batch-wait-ms': {
      type: 'string',
      value: 'MS',
      default: String(DEFAULT_LIMITS.maxBatchWaitMs),
      help: 'how long a first request waits for others to join its pass (0: no wait)',
    },
    'max-queue': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_LIMITS.maxQueue),
      help: 'most inputs waiting per model; past it a request gets 429 QUEUE_FULL',
    },
    'request-timeout-ms': {
      type: 'string',
      value: 'MS',
      default: String(DEFAULT_LIMITS.requestTimeoutMs),
      help: 'longest wait for a model (queue and pass); past it 504 REQUEST_TIMEOUT',
    },
    'log-format': {
      type: 'string',
      value: 'FORMAT',
      default: 'json',
      help: 'json: one JSON object a line on stderr (pino); text: plain lines',
    },
    'log-level': {
      type: 'string',
      value: 'LEVEL',
      default: 'info',
      help: `${LOG_LEVELS.join(', ')}; info logs every request with its id`,
    },
  },
};

/** A started server, for callers that print more (the quickstart) or stop it (tests). */
export interface ServeHandle {
  url: string;
  modelNames: string[];
  close(): Promise<void>;
}

/**
 * Runs `manyviews serve` until SIGINT or SIGTERM, then shuts down gracefully: stop accepting,
 * finish in-flight requests, drain the batchers, close the store, exit 0.
 *
 * @param textLogger used with `--log-format text`; with `json` (the default) the server logs JSON
 *   lines with pino instead
 */
export async function runServe(args: ParsedArgs, textLogger: Logger): Promise<ServeHandle> {
  const logger = serveLogger(args, textLogger);
  const limits = batchingLimits(args);
  const port = numberFlag(args, 'port', { min: 0, max: 65535, integer: true });
  const host = stringFlag(args, 'host') ?? '127.0.0.1';
  const apiKeys = await readApiKeys(args);
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  if (apiKeys.length === 0 && !isLoopback(host)) {
    throw new ManyViewsError('SERVER_UNPROTECTED', `refusing to serve ${host} without API keys`, {
      expected: '--api-key, MANYVIEWS_API_KEYS or --api-keys-file, or a loopback --host',
    });
  }

  const modelsDir = stringFlag(args, 'models')!;
  const loader = (dir: string) => loadServedModel(dir);
  const registry = await loadModelsDir(modelsDir, loader, logger);
  // The flag wins over the environment, so one command line can override a deployment's default.
  const storeAt = stringFlag(args, 'store') ?? (process.env.MANYVIEWS_STORE || undefined);
  const store = storeAt === undefined ? undefined : await openStore(storeAt, { logger });
  const app = createApp({
    registry,
    logger,
    store,
    apiKeys,
    reload: (previous) => loadModelsDir(modelsDir, loader, logger, previous),
    limits,
  });
  const server = await startServer({ app, port, host, logger });
  if (apiKeys.length === 0) logger.info('no API keys: every route is open to this machine');
  const modelNames = registry.names();
  logger.info(`serving ${modelNames.length} model(s) [${modelNames.join(', ')}] at ${server.url}`);

  // Stop accepting, let in-flight requests (and so their model calls) finish, drain the
  // batchers, then make every acknowledged write durable and release the store's files.
  const close = closeOnSignals({ server, app, store, logger });
  return { url: server.url, modelNames, close };
}

function serveLogger(args: ParsedArgs, textLogger: Logger): Logger {
  const format = stringFlag(args, 'log-format');
  const level = stringFlag(args, 'log-level') as LogLevel;
  if (format === 'text') return textLogger;
  if (format !== 'json') {
    throw new ManyViewsError('CLI_USAGE', '--log-format is not known', {
      expected: 'json or text',
      received: format,
    });
  }
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ManyViewsError('CLI_USAGE', '--log-level is not known', {
      expected: LOG_LEVELS.join(', '),
      received: level,
    });
  }
  return jsonLogger({ level });
}

function batchingLimits(args: ParsedArgs): Partial<ServerLimits> {
  return {
    maxBatchSize: numberFlag(args, 'max-batch-size', { min: 1, integer: true }),
    maxBatchWaitMs: numberFlag(args, 'max-batch-wait-ms', { min: 0, integer: true }),
    maxQueue: numberFlag(args, 'max-queue', { min: 1, integer: true }),
    requestTimeoutMs: numberFlag(args, 'request-timeout-ms', { min: 1, integer: true }),
  };
}

async function readApiKeys(args: ParsedArgs): Promise<ApiKey[]> {
  const file = stringFlag(args, 'api-keys-file');
  // Each source on its own, so an error names the source and a line of it.
  return [
    ...parseApiKeys(stringFlag(args, 'api-key') ?? '', '--api-key'),
    ...parseApiKeys(process.env.MANYVIEWS_API_KEYS ?? '', 'MANYVIEWS_API_KEYS'),
    ...(file === undefined
      ? []
      : parseApiKeys((await readUserFile(file, 'API keys')).toString('utf8'), file)),
  ];
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
