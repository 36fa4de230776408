import { describe, expect, it } from 'vitest';
import { resolveLimits } from './limits.js';
import { createModelCalls } from './model-calls.js';
import { fakeTextModel } from './testing/fake-models.js';

describe('createModelCalls', () => {
  it('disposes a retired model never called at once, and refuses it with MODEL_RETIRED', async () => {
    const calls = createModelCalls(resolveLimits());
    let disposed = 0;
    const model = { ...fakeTextModel(), dispose: () => void disposed++ };

    calls.retire(model);
    expect(disposed).toBe(1);
    await expect(calls.embed(model, [{ kind: 'text', text: 'a' }])).rejects.toMatchObject({
      code: 'MODEL_RETIRED',
    });
  });

  it('keeps one batcher per model and reports their queues by name', async () => {
    const calls = createModelCalls(resolveLimits({ maxBatchWaitMs: 50 }));
    const a = fakeTextModel({ name: 'a' });
    const b = fakeTextModel({ name: 'b' });

    const pending = [
      calls.embed(a, [{ kind: 'text', text: 'x' }]),
      calls.embed(a, [{ kind: 'text', text: 'y' }]),
      calls.embed(b, [{ kind: 'text', text: 'z' }]),
    ];
    expect(calls.queueLengths()).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    await Promise.all(pending);
    expect(calls.queueLengths()).toEqual([
      ['a', 0],
      ['b', 0],
    ]);

    await calls.close();
    await expect(calls.embed(a, [{ kind: 'text', text: 'x' }])).rejects.toMatchObject({
      code: 'SHUTTING_DOWN',
    });
  });
});
