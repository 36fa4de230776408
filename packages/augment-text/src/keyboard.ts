// The rows of a US QWERTY keyboard with each row's offset from the one above, in quarter keys,
// as staggered on a physical board: a key's neighbours are the keys that touch it.
const ROWS: ReadonlyArray<readonly [string, number]> = [
  ['1234567890', 0],
  ['qwertyuiop', 2],
  ['asdfghjkl', 3],
  ['zxcvbnm', 5],
];

function buildNeighbours(): ReadonlyMap<string, string> {
  const keys: Array<{ key: string; row: number; x: number }> = [];
  ROWS.forEach(([row, offset], r) => {
    [...row].forEach((key, c) => {
      keys.push({ key, row: r, x: c * 4 + offset });
    });
  });

  const out = new Map<string, string>();
  for (const a of keys) {
    let near = '';
    for (const b of keys) {
      if (a === b) continue;
      const sameRow = b.row === a.row && Math.abs(b.x - a.x) === 4;
      const nextRow = Math.abs(b.row - a.row) === 1 && Math.abs(b.x - a.x) <= 3;
      if (sameRow || nextRow) near += b.key;
    }
    out.set(a.key, near);
  }
  return out;
}

/**
 * Each letter and digit of a US QWERTY keyboard to the keys touching it (`s` -> `wedxza`, in
 * row order). Typos that hit a neighbouring key are the most common kind in typed text.
 */
export const QWERTY_NEIGHBOURS: ReadonlyMap<string, string> = buildNeighbours();

/**
 * The keys next to `ch` on a QWERTY keyboard, in `ch`'s case (`S` -> `WEDXZA`); empty for a
 * character not on the letter and digit rows.
 */
export function keyboardNeighbours(ch: string): string {
  const lower = ch.toLowerCase();
  const near = QWERTY_NEIGHBOURS.get(lower) ?? '';
  return ch !== lower ? near.toUpperCase() : near;
}
