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
      return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"/>${dots}<rect x="${width - m.right + 12}" y="${legendY - 8}" width="10" height="10" fill="${colour}"/><text x="${width - m.right + 28}" y="${legendY + 1}">${escapeXml(s.name)}</text>`;
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
    `<text x="${m.left}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    yTicks,
    `<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#333"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#333"/>`,
    xTicks,
    `<text x="${(m.left + width - m.right) / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(axes.x)}</text>`,
    `<text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(axes.y)}</text>`,
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

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One bar of a {@link barChart}. */
export interface Bar {
  label: string;
  value: number;
  /** Bars of a group share a colour (e.g. the domain). */
  group?: string;
}

/**
 * Horizontal bars, longest first as given, with their values printed; a dashed line marks
 * `reference` (a baseline) when set.
 */
export function barChart(
  title: string,
  bars: Bar[],
  options: { reference?: { label: string; value: number }; axis: string },
): string {
  const rowHeight = 18;
  const m = { left: 230, right: 70, top: 34, bottom: 36 };
  const width = 720;
  const height = m.top + m.bottom + Math.max(1, bars.length) * rowHeight;
  // Accuracies sit in a narrow band: the axis starts just below the smallest value unless a
  // value is negative (gains), where zero must show.
  const values = [
    ...bars.map((b) => b.value),
    ...(options.reference ? [options.reference.value] : []),
  ];
  const spread = Math.max(...values) - Math.min(...values) || 0.01;
  const lo =
    Math.min(...values) < 0
      ? Math.min(0, ...values)
      : Math.max(0, Math.min(...values) - spread * 0.5);
  const hi = Math.max(0, ...values);
  const sx = (v: number) => m.left + ((v - lo) / (hi - lo || 1)) * (width - m.left - m.right);
  const groups = [...new Set(bars.map((b) => b.group ?? ''))];
  const body = bars
    .map((b, i) => {
      const y = m.top + i * rowHeight;
      const colour = COLOURS[groups.indexOf(b.group ?? '') % COLOURS.length];
      // Bars grow from zero, or from the axis start when it is above zero (accuracies).
      const base = Math.max(lo, 0);
      const x0 = sx(Math.min(base, b.value));
      const x1 = sx(Math.max(base, b.value));
      return `<text x="${m.left - 6}" y="${y + 12}" text-anchor="end">${escapeXml(b.label)}</text><rect x="${x0.toFixed(1)}" y="${y + 3}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${rowHeight - 6}" fill="${colour}"/><text x="${(x1 + 4).toFixed(1)}" y="${y + 12}">${b.value.toFixed(4)}</text>`;
    })
    .join('');
  const ref = options.reference
    ? `<line x1="${sx(options.reference.value).toFixed(1)}" x2="${sx(options.reference.value).toFixed(1)}" y1="${m.top - 4}" y2="${height - m.bottom}" stroke="#333" stroke-dasharray="4 3"/><text x="${sx(options.reference.value).toFixed(1)}" y="${m.top - 8}" text-anchor="middle">${escapeXml(options.reference.label)}</text>`
    : '';
  // One row above the plot, right of the title, so it never covers a bar.
  const legend =
    groups.length > 1
      ? groups
          .map((g, k) => {
            const x = width - 130 * (groups.length - k);
            return `<rect x="${x}" y="10" width="10" height="10" fill="${COLOURS[k % COLOURS.length]}"/><text x="${x + 14}" y="19">${escapeXml(g)}</text>`;
          })
          .join('')
      : '';
  return svg(
    width,
    height,
    title,
    `${body}${ref}${legend}<text x="${(m.left + width - m.right) / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(options.axis)}</text>`,
  );
}

/** Labelled points in the plane (alignment against uniformity). */
export function scatterChart(
  title: string,
  points: Array<{ label: string; x: number; y: number; group?: string }>,
  axes: { x: string; y: string },
): string {
  const width = 720;
  const height = 420;
  const m = { left: 60, right: 30, top: 36, bottom: 44 };
  const [x0, x1] = extent(points.map((p) => p.x));
  const [y0, y1] = extent(points.map((p) => p.y));
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const sy = (y: number) =>
    height - m.bottom - ((y - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  const groups = [...new Set(points.map((p) => p.group ?? ''))];
  const anchors = points.map((p) => ({ x: sx(p.x), y: sy(p.y), label: p.label }));
  const placed = placeLabels(anchors, { width, height });
  const body = points
    .map((p, i) => {
      const colour = COLOURS[groups.indexOf(p.group ?? '') % COLOURS.length];
      const { x, y } = anchors[i];
      const box = placed[i];
      // A label moved away from its point gets a thin line back to it.
      const leader =
        Math.hypot(box.x - (x + 6), box.y - (y - 7)) > 1
          ? `<line x1="${x.toFixed(1)}" y1="${y.toFixed(1)}" x2="${(box.x < x ? box.x + box.width : box.x).toFixed(1)}" y2="${(box.y + box.height / 2).toFixed(1)}" stroke="#bbb" stroke-width="0.6"/>`
          : '';
      return `${leader}<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="${colour}"/><text x="${box.x.toFixed(1)}" y="${(box.y + box.height - 2).toFixed(1)}" font-size="9">${escapeXml(p.label)}</text>`;
    })
    .join('');
  const frame = `<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#333"/><line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#333"/><text x="${m.left}" y="${height - m.bottom + 16}">${x0.toPrecision(3)}</text><text x="${width - m.right}" y="${height - m.bottom + 16}" text-anchor="end">${x1.toPrecision(3)}</text><text x="${m.left - 6}" y="${height - m.bottom}" text-anchor="end">${y0.toPrecision(3)}</text><text x="${m.left - 6}" y="${m.top + 8}" text-anchor="end">${y1.toPrecision(3)}</text>`;
  const labels = `<text x="${(m.left + width - m.right) / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(axes.x)}</text><text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(axes.y)}</text>`;
  return svg(width, height, title, `${frame}${body}${labels}`);
}

/** A label's box in SVG pixels: top-left corner and size. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Places one label beside each point so that labels neither overlap each other nor cover a point,
 * where the plot has room: each label tries the right of its point, then the left, then the same
 * two sides stepped up and down, and takes the first free spot (the least crowded one when none is
 * free). Points are placed left to right, so the usual case, a label to the right, stays where a
 * reader looks for it. Widths are estimated at 5.2 px a character (9 px sans-serif).
 *
 * @param points anchor positions in pixels, with their labels
 * @param area the drawing's size; labels are kept inside it
 * @returns one box per point, in the order given
 */
export function placeLabels(
  points: Array<{ x: number; y: number; label: string }>,
  area: { width: number; height: number },
): LabelBox[] {
  const height = 11;
  const boxes: LabelBox[] = new Array(points.length);
  const taken: LabelBox[] = points.map((p) => ({ x: p.x - 4, y: p.y - 4, width: 8, height: 8 }));
  const overlap = (a: LabelBox, b: LabelBox) =>
    Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
    Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const order = points.map((_, i) => i).sort((a, b) => points[a].x - points[b].x);

  for (const i of order) {
    const p = points[i];
    const width = p.label.length * 5.2 + 2;
    let best: LabelBox | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const dy of [0, -12, 12, -24, 24, -36, 36, -48, 48]) {
      for (const side of [1, -1]) {
        const x = side > 0 ? p.x + 6 : p.x - 6 - width;
        const box = {
          x: Math.min(Math.max(x, 0), area.width - width),
          y: Math.min(Math.max(p.y - 7 + dy, 0), area.height - height),
          width,
          height,
        };
        const cost = taken.reduce((sum, t) => sum + overlap(box, t), 0);
        if (cost < bestCost) {
          best = box;
          bestCost = cost;
        }
        if (cost === 0) break;
      }
      if (bestCost === 0) break;
    }
    boxes[i] = best!;
    taken.push(best!);
  }
  return boxes;
}

/** A square matrix of values as coloured cells (the transform-pair study); missing cells grey. */
export function heatMap(
  title: string,
  names: string[],
  value: (row: string, col: string) => number | undefined,
): string {
  const cell = 46;
  const m = { left: 150, top: 130 };
  const width = m.left + names.length * cell + 30;
  const height = m.top + names.length * cell + 20;
  const all = names
    .flatMap((r) => names.map((c) => value(r, c)))
    .filter((v): v is number => v !== undefined);
  const [lo, hi] = extent(all);
  const body = names
    .flatMap((r, i) =>
      names.map((c, j) => {
        const v = value(r, c);
        const t = v === undefined ? 0 : (v - lo) / (hi - lo || 1);
        const fill =
          v === undefined
            ? '#ddd'
            : `rgb(${Math.round(255 - 200 * t)},${Math.round(255 - 120 * t)},255)`;
        const x = m.left + j * cell;
        const y = m.top + i * cell;
        return `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}"/>${v === undefined ? '' : `<text x="${x + cell / 2 - 1}" y="${y + cell / 2 + 3}" text-anchor="middle" font-size="10">${v.toFixed(3)}</text>`}`;
      }),
    )
    .join('');
  const rowLabels = names
    .map(
      (n, i) =>
        `<text x="${m.left - 6}" y="${m.top + i * cell + cell / 2 + 3}" text-anchor="end">${escapeXml(n)}</text>`,
    )
    .join('');
  const colLabels = names
    .map(
      (n, j) =>
        `<text transform="translate(${m.left + j * cell + cell / 2} ${m.top - 6}) rotate(-50)">${escapeXml(n)}</text>`,
    )
    .join('');
  return svg(width, height, title, `${body}${rowLabels}${colLabels}`);
}

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="white"/><text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>${body}</svg>\n`;
}
