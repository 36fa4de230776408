import { describe, expect, it } from 'vitest';
import { baseFormCandidates } from './morphy.js';

describe('baseFormCandidates', () => {
  it('tries the word first, then the detachment rules of its part of speech', () => {
    expect(baseFormCandidates('cats', 'n')).toEqual(['cats', 'cat']);
    expect(baseFormCandidates('boxes', 'n')).toEqual(['boxes', 'boxe', 'box']);
    expect(baseFormCandidates('women', 'n')).toEqual(['women', 'woman']);
    expect(baseFormCandidates('flies', 'v')).toEqual(['flies', 'flie', 'fly', 'fli']);
    expect(baseFormCandidates('baked', 'v')).toEqual(['baked', 'bake', 'bak']);
    expect(baseFormCandidates('larger', 'a')).toEqual(['larger', 'larg', 'large']);
    expect(baseFormCandidates('quickly', 'r')).toEqual(['quickly']);
    expect(baseFormCandidates('s', 'n')).toEqual(['s']);
  });
});
