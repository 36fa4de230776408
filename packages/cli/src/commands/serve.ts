import type { Logger } from '@manyviews/augment-core';
import { type BackendChoice, loadServedModel, selectBackend } from '@manyviews/contrastive';
import { createApp, loadModelsDir, startServer } from '@manyviews/embedding-server';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';

export const serveSpec: CommandSpec = {
  name: 'serve',
  summary: 'Serve every model in a models directory over HTTP (embeddings, similarity, search).',
  usage: 'manyviews serve [--models models] [--port 8080] [--host 127.0.0.1]',
  flags: {
    models: {
      type: 'string',
      value: 'DIR',
      default: 'models',
      help: 'folder of model directories (or one model directory)',
    },
    port: { type: 'string', value: 'N', default: '8080', help: 'TCP port (0: any free port)' },
    host: { type: 'string', value: 'HOST', default: '127.0.0.1', help: 'address to listen on' },
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
  const registry = await loadModelsDir(
    stringFlag(args, 'models')!,
    (dir) => loadServedModel(dir),
    logger,
  );
  const app = createApp({ registry, logger });
  const server = await startServer({ app, port, host: stringFlag(args, 'host'), logger });
  const modelNames = registry.names();
  logger.info(`serving ${modelNames.length} model(s) [${modelNames.join(', ')}] at ${server.url}`);

  const stop = async (signal: string) => {
    logger.info(`${signal}: finishing in-flight requests, then exiting`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { url: server.url, modelNames, close: () => server.close() };
}
