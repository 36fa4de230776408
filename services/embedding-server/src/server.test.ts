import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createModelRegistry } from './model-registry.js';
import { startServer } from './server.js';
import { base64, fakeTextModel, gatedModel, imageBytes } from './testing/fake-models.js';
import { recordingLogger } from './testing/http.js';

describe('startServer', () => {
  it('listens on a free port of 127.0.0.1, serves /healthz, and closes', async () => {
    const app = createApp({ registry: createModelRegistry([fakeTextModel()]) });
    const logger = recordingLogger();
    const server = await startServer({ app, port: 0, host: '127.0.0.1', logger });

    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await fetch(`${server.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', models: 1 });

    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(logger.lines.map((l) => l.msg)).toEqual(['server listening', 'server closed']);
  });

  it('lets an in-flight request finish before close resolves', async () => {
    const gated = gatedModel();
    const app = createApp({ registry: createModelRegistry([gated.model]) });
    const server = await startServer({ app, port: 0 });

    const pending = fetch(`${server.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-gated', input: base64(imageBytes(0, 2, 0, 0)) }),
    });
    await gated.started;

    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);

    const released = performance.now();
    gated.release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { data: Array<{ embedding: number[] }> }).data[0].embedding,
    ).toEqual([0, 1, 0, 0]);
    await closing;
    // Well before the 10 s deadline: the finished connection was ended, not left to time out.
    expect(performance.now() - released).toBeLessThan(2000);
    // A second close is the same, already settled, shutdown.
    await server.close();
  });

  it('rejects a bad port and a port already in use with a typed error', async () => {
    const app = createApp({ registry: createModelRegistry([]) });
    await expect(startServer({ app, port: 70000 })).rejects.toMatchObject({ code: 'INVALID_PORT' });

    const first = await startServer({ app, port: 0 });
    try {
      await expect(startServer({ app, port: first.port })).rejects.toMatchObject({
        code: 'SERVER_LISTEN_FAILED',
      });
    } finally {
      await first.close();
    }
  });

  it('answers what the HTTP parser refuses with the JSON error shape, and keeps serving', async () => {
    const app = createApp({ registry: createModelRegistry([fakeTextModel()]) });
    const server = await startServer({ app, port: 0 });
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => socket.end(request));
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
        });
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
    const parse = (text: string) => {
      const [head, body] = text.split('\r\n\r\n');
      return { status: Number(head.split(' ')[1]), head, json: JSON.parse(body) };
    };

    const garbage = parse(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(garbage.head).toMatch(/content-type: application\/json/i);
    expect(garbage.json.error.code).toBe('MALFORMED_HTTP');

    const huge = parse(
      await raw(`GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(huge.status).toBe(431);
    expect(huge.json.error).toEqual({
      code: 'HEADERS_TOO_LARGE',
      message: 'the request headers are too large',
    });

    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('keep-alive')).toMatch(/timeout=65/);
    await res.body?.cancel();
    await server.close();
  });
});
