import { describe, expect, it } from 'vitest';
import { keyboardNeighbours, QWERTY_NEIGHBOURS } from './keyboard.js';

describe('QWERTY_NEIGHBOURS', () => {
  it('gives the keys touching each key, row by row', () => {
    expect(QWERTY_NEIGHBOURS.get('s')).toBe('weadzx');
    expect(QWERTY_NEIGHBOURS.get('q')).toBe('12wa');
    expect(QWERTY_NEIGHBOURS.get('m')).toBe('jkn');
    expect(QWERTY_NEIGHBOURS.size).toBe(36);
  });

  it('is symmetric: a touches b when b touches a', () => {
    for (const [key, near] of QWERTY_NEIGHBOURS) {
      for (const other of near) expect(QWERTY_NEIGHBOURS.get(other)).toContain(key);
    }
  });

  it('keeps the case and knows nothing off the keyboard', () => {
    expect(keyboardNeighbours('S')).toBe('WEADZX');
    expect(keyboardNeighbours('é')).toBe('');
    expect(keyboardNeighbours('!')).toBe('');
  });
});
