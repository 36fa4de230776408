import type { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { emojiCrossSetPairs, emojiNames, loadEmojiSet } from './emoji.js';

describe('emoji sets', () => {
  it('renders named icons from both sets at the chosen size, in colour', async () => {
    const names = ['red-apple', 'grinning-face', 'cat-face'];
    for (const set of ['noto', 'twemoji'] as const) {
      const icons = await loadEmojiSet(set, { size: 32, names });
      expect(icons.map((i) => i.name)).toEqual([...names].sort());
      for (const { image } of icons) {
        expect([image.width, image.height, image.channels]).toEqual([32, 32, 3]);
        expect(image.data[0]).toBe(1);
        const centre = (16 * 32 + 16) * 3;
        const [r, g, b] = image.data.slice(centre, centre + 3);
        expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeGreaterThan(0.1);
      }
      const apple = icons.find((i) => i.name === 'red-apple')?.image;
      const mid = apple ? apple.data.slice((18 * 32 + 16) * 3, (18 * 32 + 16) * 3 + 3) : [];
      expect(mid[0]).toBeGreaterThan(mid[1]);
    }
    const rgba = await loadEmojiSet('twemoji', { size: 16, names: ['cat-face'], channels: 4 });
    expect(rgba[0].image.channels).toBe(4);
    expect(rgba[0].image.data[3]).toBeLessThan(0.1);
  });

  it('pairs the names present in both sets, a large shared vocabulary', () => {
    const pairs = emojiCrossSetPairs();
    expect(pairs.length).toBeGreaterThan(1000);
    expect(pairs).toContain('red-apple');
    const noto = new Set(emojiNames('noto'));
    const twemoji = new Set(emojiNames('twemoji'));
    expect(pairs.every((n) => noto.has(n) && twemoji.has(n))).toBe(true);
  });

  it('refuses unknown sets, names and sizes with typed errors', async () => {
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'none',
        (e) => (e as ManyViewsError).code,
      );
    expect(await code(loadEmojiSet('apple' as never))).toBe('DATASET_INVALID_OPTION');
    expect(await code(loadEmojiSet('noto', { names: ['no-such-icon'] }))).toBe(
      'DATASET_UNKNOWN_ITEM',
    );
    expect(await code(loadEmojiSet('noto', { size: 4 }))).toBe('DATASET_INVALID_OPTION');
  });

  it('takes no name inherited from Object for a set or an icon', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'none',
        (e) => (e as ManyViewsError).code,
      );
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expect(await code(loadEmojiSet(name as never))).toBe('DATASET_INVALID_OPTION');
      expect(await code(loadEmojiSet('noto', { names: [name] }))).toBe('DATASET_UNKNOWN_ITEM');
    }
    expect(emojiCrossSetPairs()).not.toContain('constructor');
  });
});
