/** One line of a chart: its name and points. */
export interface Series {
  name: string;
  points: Array<[number, number]>;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];

/**
 * A self-contained SVG line chart (no scripts, no fonts to fetch) that any browser or image
 * viewer opens.
 *
 * @param title shown above the plot
 * @param series lines to draw; empty series are skipped
 * @param axes labels of the x and y axes
 */
export function lineChart(title: string, series: Series[], axes: { x: string; y: string }): string {
  const width = 640;
  const height = 360;
  const m = { left: 60, right: 150, top: 36, bottom: 44 };
  const all = series.flatMap((s) => s.points);
  const [x0, x1] = extent(all.map((p) => p[0]));
  const [y0, y1] = extent(all.map((p) => p[1]));
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const sy = (y: number) =>
    height - m.bottom - ((y - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  const ticks = (lo: number, hi: number) =>
    Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

  const lines = series
    .filter((s) => s.points.length > 0)
    .map((s, i) => {
      const colour = COLOURS[i % COLOURS.length];
      const d = s.points
        .map((p, j) => `${j ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`)
        .join('');
      const dots =
        s.points.length < 40
          ? s.points
              .map(
                (p) =>
                  `<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3" fill="${colour}"/>`,
              )
              .join('')
          : '';
      const legendY = m.top + 16 * i;
      return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"/>${dots}<rect x="${width - m.right + 12}" y="${legendY - 8}" width="10" height="10" fill="${colour}"/><text x="${width - m.right + 28}" y="${legendY + 1}">${escape(s.name)}</text>`;
    })
    .join('');
  const xTicks = ticks(x0, x1)
    .map(
      (v) =>
        `<text x="${sx(v).toFixed(1)}" y="${height - m.bottom + 16}" text-anchor="middle">${fmt(v)}</text>`,
    )
    .join('');
  const yTicks = ticks(y0, y1)
    .map(
      (v) =>
        `<text x="${m.left - 6}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text><line x1="${m.left}" x2="${width - m.right}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" stroke="#eee"/>`,
    )
    .join('');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${m.left}" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
    yTicks,
    `<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#333"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#333"/>`,
    xTicks,
    `<text x="${(m.left + width - m.right) / 2}" y="${height - 8}" text-anchor="middle">${escape(axes.x)}</text>`,
    `<text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(axes.y)}</text>`,
    lines,
    '</svg>',
    '',
  ].join('\n');
}

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  return [lo, hi];
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
