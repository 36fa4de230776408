import { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { InputBudget, ModelInput, ServedModel } from './model-port.js';
import { createModelRegistry } from './model-registry.js';
import { base64, fakeImageModel, imageBytes } from './testing/fake-models.js';
import { expectError, postJson } from './testing/http.js';

/** A model whose prepare turns each file into its length, and records when things ran. */
function preparingModel(events: string[], budgets: InputBudget[]): ServedModel {
  const base = fakeImageModel({ name: 'prep' });
  return {
    ...base,
    async prepare(inputs, budget) {
      budgets.push(budget);
      events.push(`prepare ${inputs.length}`);
      const pixels = inputs.length * 10;
      if (pixels > budget.maxPixels) {
        throw new ManyViewsError('REQUEST_PIXELS_TOO_LARGE', 'too many pixels', {
          expected: `at most ${budget.maxPixels} pixels (limits.maxRequestPixels)`,
          received: pixels,
        });
      }
      return inputs.map((input) => ({
        kind: 'prepared' as const,
        data: Float32Array.of(input.kind === 'bytes' ? input.data.length : -1, 0, 0, 0),
      }));
    },
    async embed(inputs: ModelInput[]) {
      events.push(`embed ${inputs.map((i) => i.kind).join(',')}`);
      return inputs.map((input) => {
        if (input.kind !== 'prepared') throw new Error('embed got an unprepared input');
        return Float32Array.of(1, 0, 0, 0);
      });
    },
  };
}

describe('models with prepare', () => {
  it('prepares a request before its pass, with the budget from limits.maxRequestPixels', async () => {
    const events: string[] = [];
    const budgets: InputBudget[] = [];
    const app = createApp({
      registry: createModelRegistry([preparingModel(events, budgets)]),
      limits: { maxRequestPixels: 25 },
    });
    const res = await postJson(app, '/v1/embeddings', {
      model: 'prep',
      input: [base64(imageBytes(1)), base64(imageBytes(2))],
    });

    expect(res.status).toBe(200);
    expect(events).toEqual(['prepare 2', 'embed prepared,prepared']);
    expect(budgets).toEqual([{ maxPixels: 25 }]);
  });

  it('answers 413 REQUEST_PIXELS_TOO_LARGE when prepare finds the request over budget', async () => {
    const events: string[] = [];
    const app = createApp({
      registry: createModelRegistry([preparingModel(events, [])]),
      limits: { maxRequestPixels: 25 },
    });
    const input = base64(imageBytes(1));
    const res = await postJson(app, '/v1/embeddings', {
      model: 'prep',
      input: [input, input, input],
    });

    const error = await expectError(res, 413, 'REQUEST_PIXELS_TOO_LARGE');
    expect(error.message).toMatch(/maxRequestPixels/);
    expect(events).toEqual(['prepare 3']);
  });

  it('has a documented default budget of 40 million pixels', () => {
    expect(DEFAULT_LIMITS.maxRequestPixels).toBe(40_000_000);
  });
});
