import type { Hono } from 'hono';
import { createApp } from '../app.js';
import type { ServedModel } from '../model-port.js';
import { createModelRegistry } from '../model-registry.js';
import { createMemoryStore } from '../store/local-store.js';
import { base64, fakeImageModel, fakeTextModel, imageBytes } from './fake-models.js';

/** A JSON request of any method. */
export function send(app: Hono, method: string, path: string, body?: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** Base64 of a fake image whose embedding is `coords`, normalised. */
export const img = (...coords: number[]) => base64(imageBytes(...coords));

/** An app with the fake models, an in-memory store, and a collection `shoes` of fake-image. */
export async function collectionApp(
  options: { models?: ServedModel[]; limits?: Parameters<typeof createApp>[0]['limits'] } = {},
) {
  const store = createMemoryStore();
  const registry = createModelRegistry(options.models ?? [fakeImageModel(), fakeTextModel()]);
  const app = createApp({ registry, store, limits: options.limits });
  const res = await send(app, 'POST', '/v1/collections', { name: 'shoes', model: 'fake-image' });
  if (res.status !== 201) throw new Error(`setup failed: ${await res.text()}`);
  return { app, store };
}
