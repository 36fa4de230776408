import { describe, expect, it } from 'vitest';
import { summarizeRecord } from './record-summary.js';

// A BYOL view's record, as the preview JSON stores it.
const byolView = {
  name: 'compose',
  params: [
    { name: 'randomResizedCrop', params: { x: 42, y: 2, w: 128, h: 96 } },
    { name: 'horizontalFlip', params: { flipped: true } },
    {
      name: 'randomApply',
      params: {
        applied: true,
        inner: {
          name: 'colorJitter',
          params: { order: ['hue', 'brightness'], brightness: 1.26, hue: 0.06 },
        },
      },
    },
    { name: 'randomGrayscale', params: { gray: true } },
    {
      name: 'randomApply',
      params: { applied: true, inner: { name: 'gaussianBlur', params: { sigma: 0.4539 } } },
    },
    { name: 'solarize', params: { applied: false } },
  ],
};

describe('summarizeRecord', () => {
  it('tells crop share of the source area, flip, jitter, gray and blur sigma, in order', () => {
    expect(summarizeRecord(byolView, { width: 256, height: 192 })).toEqual([
      'crop 25%',
      'flip',
      'jitter',
      'gray',
      'blur σ0.45',
    ]);
  });

  it('tells a crop in pixels without the source size, and leaves out steps that did not fire', () => {
    const quiet = {
      name: 'compose',
      params: [
        { name: 'randomResizedCrop', params: { x: 0, y: 0, w: 20, h: 10 } },
        { name: 'horizontalFlip', params: { flipped: false } },
        { name: 'randomApply', params: { applied: false } },
        { name: 'randomGrayscale', params: { gray: false } },
        { name: 'resize', params: null },
        { name: 'centerCrop', params: {} },
      ],
    };
    expect(summarizeRecord(quiet)).toEqual(['crop 20x10']);
    expect(summarizeRecord(quiet, { width: 100, height: 100 })).toEqual(['crop 2%']);
  });

  it('names unknown steps that fired, looks through oneOf and someOf, lists RandAugment ops', () => {
    const record = {
      name: 'compose',
      params: [
        { name: 'myWarp', params: { strength: 0.3 } },
        { name: 'myToggle', params: { applied: false, amount: 2 } },
        {
          name: 'oneOf',
          params: { index: 1, inner: { name: 'verticalFlip', params: { flipped: true } } },
        },
        {
          name: 'someOf',
          params: {
            indices: [0, 2],
            inner: [
              { name: 'rotation', params: { angle: -12.4 } },
              { name: 'solarize', params: { applied: true, drawn: { threshold: 0.5 } } },
            ],
          },
        },
        {
          name: 'randAugment',
          params: {
            ops: [
              { op: 'posterize', bin: 3, value: 4 },
              { op: 'shearX', bin: 1, value: 0.1 },
            ],
          },
        },
      ],
    };
    expect(summarizeRecord(record)).toEqual([
      'myWarp',
      'vflip',
      'rot -12°',
      'solarize',
      'posterize',
      'shearX',
    ]);
  });

  it('never throws on malformed records', () => {
    for (const bad of [null, 3, 'x', [], { name: 1 }, { name: 'a' }, { name: 'a', params: 'p' }]) {
      expect(summarizeRecord(bad)).toEqual([]);
    }
  });
});
