/**
 * A running embedding server for the search page's browser test: fake models whose vectors can
 * be worked out by hand (services/embedding-server/src/testing/fake-models.ts) and three small
 * collections, one per input domain, served over real HTTP on 127.0.0.1.
 */
import {
  createApp,
  createMemoryStore,
  createModelRegistry,
  parseApiKeys,
  type RunningServer,
  type ServedModel,
  startServer,
} from '@manyviews/embedding-server';
import sharp from 'sharp';
import { img } from '../../services/embedding-server/src/testing/collections.js';
import {
  fakeImageModel,
  fakeTextModel,
} from '../../services/embedding-server/src/testing/fake-models.js';

/** One item as the test writes it: a raw input for the collection's model, and its metadata. */
interface SeedItem {
  id: string;
  input: string;
  metadata: Record<string, string | number>;
}

/**
 * The fake image model's byte format under the `audio` domain: the page must offer a WAV upload
 * for it, and the server reads any non-text domain as file bytes, so its vectors stay known.
 */
function fakeAudioModel(): ServedModel {
  const model = fakeImageModel({ name: 'fake-audio' });
  return { ...model, manifest: { ...model.manifest, domain: 'audio' } };
}

/** A square PNG of one colour, as a data URL, for an item's `thumbnail` metadata. */
async function swatch(r: number, g: number, b: number): Promise<string> {
  const png = await sharp({
    create: { width: 32, height: 32, channels: 3, background: { r, g, b } },
  })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** A WAV of 8 silent 16-bit samples at 8 kHz, as a data URL: a playable preview. */
function silentWav(): string {
  const samples = 8;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  return `data:audio/wav;base64,${wav.toString('base64')}`;
}

async function seedItems(): Promise<Record<string, { model: string; items: SeedItem[] }>> {
  return {
    shoes: {
      model: 'fake-image',
      items: [
        {
          id: 'boot',
          input: img(3, 4, 0, 0),
          metadata: { kind: 'boot', size: 42, thumbnail: await swatch(200, 40, 40) },
        },
        {
          id: 'sandal',
          input: img(0, 0, 5, 0),
          metadata: { kind: 'sandal', thumbnail: await swatch(40, 40, 200) },
        },
        { id: 'sneaker', input: img(0, 1, 0, 3), metadata: { kind: 'sneaker' } },
      ],
    },
    glosses: {
      model: 'fake-text',
      items: ['aaaa', 'bbbb', 'cccc'].map((text) => ({
        id: `all-${text[0]}`,
        input: text,
        metadata: { text },
      })),
    },
    words: {
      model: 'fake-audio',
      items: [
        { id: 'yes', input: img(1, 0, 0, 0), metadata: { word: 'yes', clip: silentWav() } },
        { id: 'no', input: img(0, 1, 0, 0), metadata: { word: 'no', clip: silentWav() } },
      ],
    },
  };
}

/** A listening server with the collections above; `key` set means API keys are required. */
export interface SearchFixture {
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1, port 0, with the fake image, text and audio models, an unused
 * text model (no collection), and the collections `shoes`, `glosses` and `words`.
 *
 * @param key when given, the only API key (read-write); every API route then needs it
 */
export async function startSearchFixture(key?: string): Promise<SearchFixture> {
  const models = [
    fakeImageModel(),
    fakeTextModel(),
    fakeAudioModel(),
    fakeTextModel({ name: 'unused-text' }),
  ];
  const store = createMemoryStore();
  const app = createApp({
    registry: createModelRegistry(models),
    store,
    apiKeys: key === undefined ? [] : parseApiKeys(key),
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;

  for (const [name, { model, items }] of Object.entries(await seedItems())) {
    const created = await app.request('/v1/collections', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name, model }),
    });
    const written = await app.request(`/v1/collections/${name}/items`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ items }),
    });
    if (created.status !== 201 || written.status !== 200) {
      throw new Error(`seeding ${name} failed: ${await created.text()} ${await written.text()}`);
    }
  }

  const server = await startServer({ app, port: 0, host: '127.0.0.1' });
  return {
    server,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
