import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ManyViewsError } from '@manyviews/augment-core';
import sharp from 'sharp';
import type { RawImage } from './raw-image.js';

/** The emoji sets {@link loadEmojiSet} renders: Google's Noto Emoji and Twitter's Twemoji. */
export type EmojiSetName = 'noto' | 'twemoji';

/** Options of {@link loadEmojiSet}. */
export interface LoadEmojiOptions {
  /** Side of the square render in pixels, in [8, 1024]; default 64. */
  size?: number;
  /** Which icons, by name; default all (the set's own icons, aliases left out), sorted. */
  names?: readonly string[];
  /** At most this many icons, taken after `names` in sorted order; default all. */
  limit?: number;
  /** 3: composited onto `background` (default); 4: RGBA with the icon's transparency. */
  channels?: 3 | 4;
  /** Gray level in [0, 1] behind the icon when `channels` is 3; default 1 (white). */
  background?: number;
}

/** One rendered icon. */
export interface EmojiIcon {
  /** The Iconify name, shared across sets for the same emoji (`grinning-face`). */
  name: string;
  image: RawImage;
}

interface IconSet {
  icons: Record<
    string,
    { body: string; width?: number; height?: number; left?: number; top?: number }
  >;
  width?: number;
  height?: number;
  left?: number;
  top?: number;
}

const PACKAGES: Record<EmojiSetName, string> = {
  noto: '@iconify-json/noto/icons.json',
  twemoji: '@iconify-json/twemoji/icons.json',
};
const sets = new Map<EmojiSetName, IconSet>();

/**
 * Renders emoji from the Iconify packages `@iconify-json/noto` and `@iconify-json/twemoji` (SVG,
 * installed with this package, nothing downloaded) with sharp's librsvg at `size` x `size`.
 * Colour images with real structure, for trying views on something other than gray clothing;
 * with {@link emojiCrossSetPairs} they make a cross-set retrieval task.
 *
 * @param set `noto` (3,819 icons) or `twemoji` (4,169); 3,720 names are in both
 * @param options see {@link LoadEmojiOptions}
 * @returns icons in sorted name order
 * @throws {ManyViewsError} `DATASET_INVALID_OPTION` for a bad set, size, limit or background,
 *   `DATASET_UNKNOWN_ITEM` for a name the set lacks (named in the message)
 * @example
 * const icons = await loadEmojiSet('noto', { size: 96, names: ['red-apple', 'cat-face'] });
 */
export async function loadEmojiSet(
  set: EmojiSetName,
  options: LoadEmojiOptions = {},
): Promise<EmojiIcon[]> {
  const { size = 64, channels = 3, background = 1 } = options;
  checkOptions(set, size, channels, background, options.limit);
  const data = iconSet(set);
  let names = options.names ? [...options.names].sort() : Object.keys(data.icons).sort();
  for (const name of names) {
    if (!Object.hasOwn(data.icons, name)) {
      throw new ManyViewsError(
        'DATASET_UNKNOWN_ITEM',
        `loadEmojiSet: ${set} has no icon "${name}"`,
        {
          expected: `a name from emojiNames('${set}')`,
          received: name,
        },
      );
    }
  }
  if (options.limit !== undefined) names = names.slice(0, options.limit);

  // sharp renders on libuv's pool; a few at a time keeps memory flat for thousands of icons.
  const out: EmojiIcon[] = [];
  for (let i = 0; i < names.length; i += 16) {
    const batch = names.slice(i, i + 16);
    const images = await Promise.all(
      batch.map((name) => render(data, name, size, channels, background)),
    );
    for (let k = 0; k < batch.length; k++) out.push({ name: batch[k], image: images[k] });
  }
  return out;
}

/**
 * The icon names of a set, sorted (aliases left out).
 *
 * @throws {ManyViewsError} `DATASET_INVALID_OPTION` for an unknown set
 */
export function emojiNames(set: EmojiSetName): string[] {
  checkSet(set);
  return Object.keys(iconSet(set).icons).sort();
}

/**
 * The names present in both Noto and Twemoji, sorted: the pairs of a cross-set retrieval task
 * (embed one set, query with the other; a top-1 hit is the same name). The two sets draw the
 * same emoji in different styles, so matching them takes more than pixel similarity.
 *
 * @example
 * const names = emojiCrossSetPairs().slice(0, 100);
 * const [gallery, queries] = await Promise.all([
 *   loadEmojiSet('noto', { names }), loadEmojiSet('twemoji', { names }),
 * ]);
 */
export function emojiCrossSetPairs(): string[] {
  const twemoji = iconSet('twemoji').icons;
  return emojiNames('noto').filter((name) => Object.hasOwn(twemoji, name));
}

function iconSet(set: EmojiSetName): IconSet {
  let data = sets.get(set);
  if (!data) {
    const file = createRequire(import.meta.url).resolve(PACKAGES[set]);
    data = JSON.parse(readFileSync(file, 'utf8')) as IconSet;
    sets.set(set, data);
  }
  return data;
}

async function render(
  data: IconSet,
  name: string,
  size: number,
  channels: 3 | 4,
  background: number,
): Promise<RawImage> {
  const icon = data.icons[name];
  const w = icon.width ?? data.width ?? 16;
  const h = icon.height ?? data.height ?? 16;
  const left = icon.left ?? data.left ?? 0;
  const top = icon.top ?? data.top ?? 0;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${size}" height="${size}" viewBox="${left} ${top} ${w} ${h}">${icon.body}</svg>`;
  let pipeline = sharp(Buffer.from(svg)).resize(size, size, {
    fit: 'contain',
    background: { r: 0, g: 0, b: 0, alpha: 0 },
  });
  if (channels === 3) {
    const level = Math.round(background * 255);
    pipeline = pipeline.flatten({ background: { r: level, g: level, b: level } });
  } else {
    pipeline = pipeline.ensureAlpha();
  }
  const { data: bytes, info } = await pipeline
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
  return { width: info.width, height: info.height, channels, data: out };
}

function checkSet(set: string): void {
  if (!Object.hasOwn(PACKAGES, set)) {
    throw new ManyViewsError('DATASET_INVALID_OPTION', 'loadEmojiSet: unknown set', {
      expected: '"noto" or "twemoji"',
      received: set,
    });
  }
}

function checkOptions(
  set: string,
  size: number,
  channels: number,
  background: number,
  limit: number | undefined,
): void {
  checkSet(set);
  const fail = (field: string, expected: string, received: unknown) => {
    throw new ManyViewsError('DATASET_INVALID_OPTION', `loadEmojiSet: ${field} is invalid`, {
      expected,
      received,
    });
  };
  if (!Number.isInteger(size) || size < 8 || size > 1024)
    fail('size', 'an integer in [8, 1024]', size);
  if (channels !== 3 && channels !== 4) fail('channels', '3 or 4', channels);
  if (!(background >= 0 && background <= 1)) fail('background', 'a number in [0, 1]', background);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    fail('limit', 'an integer >= 0', limit);
  }
}
