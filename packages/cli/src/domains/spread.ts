/**
 * `limit` rows of a split spread evenly over it (rows `floor(i * count / limit)`), so a limited
 * split still spans every class, speaker or source file. Datasets stored in a meaningful order
 * (WordNet glosses by part of speech and offset, spoken words by word and voice) would otherwise
 * keep a few classes only, and a comparison run on them would measure nothing.
 *
 * @returns all items when `limit` is undefined or not smaller than the split
 */
export function spread<T>(items: readonly T[], limit?: number): T[] {
  if (limit === undefined || limit >= items.length) return [...items];
  return Array.from({ length: limit }, (_, i) => items[Math.floor((i * items.length) / limit)]);
}
