import { describe, expect, it } from 'vitest';
import type { ServedModel } from './model-port.js';
import { createModelRegistry } from './model-registry.js';
import { fakeImageModel, fakeTextModel } from './testing/fake-models.js';

describe('createModelRegistry', () => {
  it('finds models by name and iterates them sorted', () => {
    const registry = createModelRegistry([fakeTextModel(), fakeImageModel()]);
    expect(registry.size).toBe(2);
    expect(registry.names()).toEqual(['fake-image', 'fake-text']);
    expect([...registry].map((m) => m.name)).toEqual(['fake-image', 'fake-text']);
    expect(registry.has('fake-text')).toBe(true);
    expect(registry.get('fake-text').manifest.domain).toBe('text');
  });

  it('throws MODEL_NOT_FOUND naming the loaded models', () => {
    const registry = createModelRegistry([fakeImageModel()]);
    expect(() => registry.get('x')).toThrow(
      /model "x" is not loaded \(expected one of fake-image\)/,
    );
    expect(() => createModelRegistry([]).get('x')).toThrow(/none are loaded/);
  });

  it('rejects duplicate names and models that break the port', () => {
    expect(() => createModelRegistry([fakeTextModel(), fakeTextModel()])).toThrow(/two models/);

    const base = fakeImageModel({ index: [[1, 0, 0, 0]] });
    const badIndex: ServedModel = { ...base, index: { ...base.index!, labels: [] } };
    expect(() => createModelRegistry([badIndex])).toThrow(/index.labels/);
    const badDim: ServedModel = { ...base, index: { ...base.index!, dim: 3 } };
    expect(() => createModelRegistry([badDim])).toThrow(/index.dim/);
  });

  it('disposes every model', () => {
    const disposed: string[] = [];
    const models = ['a', 'b'].map((name) => ({
      ...fakeTextModel({ name }),
      dispose: () => disposed.push(name),
    }));
    createModelRegistry(models).dispose();
    expect(disposed.sort()).toEqual(['a', 'b']);
  });
});
