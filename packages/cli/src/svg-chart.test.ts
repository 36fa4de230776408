import { describe, expect, it } from 'vitest';
import { type LabelBox, placeLabels, scatterChart } from './svg-chart.js';

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('placeLabels', () => {
  it('puts a lone label just right of its point', () => {
    const [box] = placeLabels([{ x: 100, y: 50, label: 'default' }], { width: 720, height: 420 });
    expect(box).toMatchObject({ x: 106, y: 43 });
  });

  it('keeps labels of points that nearly coincide apart, and off every point', () => {
    const points = Array.from({ length: 6 }, (_, i) => ({
      x: 300 + i * 2,
      y: 200 + (i % 2),
      label: `recipe-${i} without blur`,
    }));
    const boxes = placeLabels(points, { width: 720, height: 420 });

    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
      for (const p of points) {
        expect(overlaps(boxes[i], { x: p.x - 4, y: p.y - 4, width: 8, height: 8 })).toBe(false);
      }
    }
  });

  it('keeps a label inside the drawing at its right edge', () => {
    const [box] = placeLabels([{ x: 715, y: 5, label: 'at the corner' }], {
      width: 720,
      height: 420,
    });
    expect(box.x + box.width).toBeLessThanOrEqual(720);
    expect(box.y).toBeGreaterThanOrEqual(0);
  });
});

describe('scatterChart', () => {
  it('draws a leader line only for a label moved off its usual place', () => {
    const lone = scatterChart(
      't',
      [
        { label: 'a', x: 0, y: 0 },
        { label: 'b', x: 1, y: 1 },
      ],
      {
        x: 'x',
        y: 'y',
      },
    );
    const crowded = scatterChart(
      't',
      [
        { label: 'first', x: 0, y: 0 },
        { label: 'second', x: 0.001, y: 0.001 },
        { label: 'far', x: 1, y: 1 },
      ],
      { x: 'x', y: 'y' },
    );

    expect(lone).not.toContain('stroke="#bbb"');
    expect(crowded.match(/stroke="#bbb"/g)).toHaveLength(1);
  });
});
