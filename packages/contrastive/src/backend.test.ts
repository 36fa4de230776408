import { describe, expect, it } from 'vitest';
import { currentBackend, selectBackend } from './backend.js';

describe('selectBackend', () => {
  it('says plainly when a named backend is not installed', async () => {
    await expect(selectBackend('node-gpu')).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: expect.stringMatching(/node-gpu.*not installed.*@tensorflow\/tfjs-node-gpu/),
    });
  });

  it('refuses a name that is no backend, listing the ones there are', async () => {
    await expect(selectBackend('bogus' as never)).rejects.toMatchObject({
      code: 'BACKEND_UNKNOWN',
      message: expect.stringMatching(/auto or one of node-gpu, node, wasm, cpu.*received "bogus"/),
    });
  });

  it('picks wasm here on auto, logs it once, and keeps the first choice', async () => {
    const lines: string[] = [];
    const logger = {
      debug() {},
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error() {},
    };
    const info = await selectBackend('auto', logger);
    expect(info.name).toBe('wasm');
    expect(info.skipped.join(' ')).toMatch(/node-gpu: not installed/);
    expect(lines).toEqual([expect.stringMatching(/^backend: wasm/)]);
    expect(await selectBackend('auto', logger)).toBe(info);
    expect(lines.length).toBe(1);
    expect(currentBackend()).toBe(info);
    await expect(selectBackend('cpu')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });
});
