import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createAdaptorServer } from '@hono/node-server';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import type { Hono } from 'hono';

/** What {@link startServer} listens with. */
export interface StartServerOptions {
  app: Hono;
  /** TCP port, 0 to let the system pick a free one (default 8080). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`: loopback only; pass `0.0.0.0` to expose it). */
  host?: string;
  /** Receives one `info` line when listening and one when closed. */
  logger?: Logger;
  /**
   * How long `close` waits for in-flight requests before cutting their connections, in ms
   * (default 10000).
   */
  shutdownTimeoutMs?: number;
}

/** A listening server. */
export interface RunningServer {
  /** Base URL with the real port, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The real port (the one picked when 0 was asked for). */
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to `shutdownTimeoutMs`), then
   * resolves. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * Serves an app over HTTP/1.1 with `@hono/node-server`. Signals are the caller's business: the CLI
 * calls `close` on SIGTERM/SIGINT.
 *
 * @throws {ManyViewsError} `INVALID_PORT` for a port outside [0, 65535], `SERVER_LISTEN_FAILED`
 *   when the port cannot be bound (in use, no permission); the cause is attached
 *
 * @example
 * const server = await startServer({ app, port: 0 });
 * await fetch(`${server.url}/healthz`);
 * await server.close();
 */
export async function startServer({
  app,
  port = 8080,
  host = '127.0.0.1',
  logger = silentLogger,
  shutdownTimeoutMs = 10_000,
}: StartServerOptions): Promise<RunningServer> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ManyViewsError('INVALID_PORT', 'port must be an integer in [0, 65535]', {
      expected: 'an integer in [0, 65535] (0 picks a free port)',
      received: port,
    });
  }

  // createAdaptorServer rather than serve(): serve() listens at once and a bind error would be
  // an unhandled 'error' event instead of a rejected promise.
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Node closes idle kept-alive sockets after 5 s, which races clients that reuse a socket just
  // as it is closed ("other side closed"). Holding them longer than clients do (undici keeps 4 s
  // unless told more) leaves the closing to the client.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  server.on('clientError', answerClientError);
  await listen(server, port, host);

  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info('server listening', { url });

  const inFlight = trackInFlight(server);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= shutDown(server, inFlight, shutdownTimeoutMs).then(() => {
      logger.info('server closed', { url });
    });
    return closing;
  };
  return { url, port: address.port, close };
}

/** How long an idle kept-alive connection stays open, in ms. */
const KEEP_ALIVE_MS = 65_000;

/**
 * Answers a request Node's HTTP parser refused (bad syntax, headers over the size limit, a
 * request that came too slowly) with the service's JSON error shape, where Node alone would send
 * a bare status line with an empty body.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'HEADERS_TOO_LARGE',
          'the request headers are too large',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TOO_SLOW', 'the request did not arrive in time']
        : [
            400,
            'Bad Request',
            'MALFORMED_HTTP',
            `the request is not valid HTTP/1.1 (${error.code ?? error.message})`,
          ];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      reject(
        new ManyViewsError(
          'SERVER_LISTEN_FAILED',
          `cannot listen on ${host}:${port}: ${e.message}`,
          {
            expected: 'a free port on an address of this machine',
            received: `${host}:${port}`,
            cause: e,
          },
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** The responses not yet finished, and whether the server is shutting down. */
interface InFlight {
  responses: Set<ServerResponse>;
  closing: boolean;
}

function trackInFlight(server: Server): InFlight {
  const state: InFlight = { responses: new Set(), closing: false };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    // A request that arrives on a kept-alive connection after close() is still answered, but
    // its connection ends with it.
    if (state.closing) res.setHeader('connection', 'close');
    state.responses.add(res);
    res.once('close', () => {
      state.responses.delete(res);
      // The connection may now be idle; during shutdown, end it rather than wait for a timeout.
      if (state.closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return state;
}

function shutDown(server: Server, inFlight: InFlight, timeoutMs: number): Promise<void> {
  inFlight.closing = true;
  // Responses still being computed end their connection when sent, so the client does not keep
  // it alive for a next request that would be refused.
  for (const res of inFlight.responses) if (!res.headersSent) res.setHeader('connection', 'close');

  return new Promise((resolve) => {
    // Past the deadline, cut whatever is still open so close() always resolves.
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    deadline.unref();

    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    // close() stops accepting; connections sitting idle between requests are ended here.
    server.closeIdleConnections();
  });
}
