import { hashString, ManyViewsError } from '@manyviews/augment-core';

/**
 * The 20 core words of Speech Commands (Warden, 2018): short, common and mostly distinct, with a
 * few near pairs (`on`/`off`, `no`/`go`, `four`/`five`) that make the task less trivial.
 */
export const ESPEAK_WORDS: readonly string[] = [
  'yes',
  'no',
  'up',
  'down',
  'left',
  'right',
  'on',
  'off',
  'stop',
  'go',
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
];

/** English accents of espeak-ng (Debian's `espeak-ng-data`, the gmw family). */
export const ESPEAK_ACCENTS: readonly string[] = [
  'en-us',
  'en-gb',
  'en-gb-scotland',
  'en-gb-x-rp',
  'en-gb-x-gbclan',
  'en-gb-x-gbcwmd',
  'en-029',
  'en-us-nyc',
];

/**
 * espeak-ng voice variants (`espeak-ng --voices=variant`): they set the formants, pitch range,
 * breathiness and, for `klatt*`, the synthesiser, so each is a different "speaker".
 */
export const ESPEAK_VARIANTS: readonly string[] = [
  'm1',
  'm2',
  'm3',
  'm4',
  'm5',
  'm6',
  'm7',
  'm8',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'klatt',
  'klatt2',
  'klatt3',
  'Alex',
  'Andy',
  'Annie',
  'adam',
  'belinda',
  'david',
  'linda',
  'steph',
];

/**
 * The default voices: each of the 24 variants with two accents (variant `i` with accents `i` and
 * `i + 3`, mod 8), 48 voices in all, so every accent occurs with many speakers.
 */
export const ESPEAK_VOICES: readonly string[] = ESPEAK_VARIANTS.flatMap((variant, i) => [
  `${ESPEAK_ACCENTS[i % ESPEAK_ACCENTS.length]}+${variant}`,
  `${ESPEAK_ACCENTS[(i + 3) % ESPEAK_ACCENTS.length]}+${variant}`,
]);

/** Default speaking rates in words per minute (espeak-ng's own default is 175). */
export const ESPEAK_SPEEDS: readonly number[] = [130, 175];

/** Default pitches, 0-99 (50 is the voice's own). */
export const ESPEAK_PITCHES: readonly number[] = [35, 65];

/**
 * Splits voices by speaker: the variants (the part after `+`) are ordered by
 * `hashString(seed + '|' + variant)` and the first `round(testFraction * count)`, at least one
 * and at most `count - 1`, are test.
 *
 * @param voices voice names, `accent+variant`
 * @param options `testFraction` in (0, 1), `seed` (any string)
 * @returns the variant names of each side, sorted
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` when fewer than two variants are given or the
 *   fraction is outside (0, 1)
 */
export function splitVoicesByVariant(
  voices: readonly string[],
  options: { testFraction: number; seed: string },
): { train: string[]; test: string[] } {
  const variants = [...new Set(voices.map(variantOf))];
  const { testFraction, seed } = options;
  if (variants.length < 2 || !(testFraction > 0 && testFraction < 1)) {
    throw new ManyViewsError(
      'AUDIO_INVALID_OPTION',
      'espeak words: cannot split the voices by speaker',
      {
        expected: 'at least two distinct variants and testFraction in (0, 1)',
        received: `${variants.length} variant(s), testFraction ${testFraction}`,
      },
    );
  }
  const ordered = variants
    .map((v) => ({ v, h: hashString(`${seed}|${v}`) }))
    .sort((a, b) => a.h - b.h || (a.v < b.v ? -1 : 1))
    .map((x) => x.v);
  const count = Math.min(
    variants.length - 1,
    Math.max(1, Math.round(testFraction * variants.length)),
  );
  return { train: ordered.slice(count).sort(), test: ordered.slice(0, count).sort() };
}
/** The speaker part of a voice: after `+`, or the whole name. */
export function variantOf(voice: string): string {
  const plus = voice.indexOf('+');
  return plus < 0 ? voice : voice.slice(plus + 1);
}
