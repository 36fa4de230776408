import { ManyViewsError } from '@manyviews/augment-core';
import sharp from 'sharp';
import { type ContactSheetOptions, contactSheet } from './contact-sheet.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link captionedContactSheet}. */
export interface CaptionedSheetOptions extends Omit<ContactSheetOptions, 'strip'> {
  /** Most lines a caption keeps once wrapped, in [1, 16]; default 4 (more end in `…`). */
  maxLines?: number;
}

// DejaVu Sans Mono and Liberation Mono advance 0.6 em a character; a monospace font lets a
// caption be wrapped and cut by counting characters, with no font metrics at hand.
const ADVANCE = 0.6;
const PAD = 3;

/**
 * Lays images out as {@link contactSheet} does and writes a caption in a strip under each cell:
 * SVG text rendered by sharp (librsvg) in the generic `monospace` family, which fontconfig
 * resolves to a local font, so nothing is fetched. Each caption line is wrapped at `, ` (then at
 * spaces) to the cell's width and cut with `…` past `maxLines`; the strips are as tall as the
 * longest caption needs, the same under every row. The cells' pixels are those `contactSheet`
 * gives: text is drawn into the strips only. The font is `cell / 13` pixels, 9 to 16, so a
 * 160-pixel cell holds 22 characters a line; a cell under about 60 pixels holds too few to read.
 *
 * @param rows the images, row by row (at least one image in all)
 * @param captions the lines under each image, `captions[r][c]` under `rows[r][c]`; a missing or
 *   empty caption leaves its strip blank; text is escaped for XML here
 * @param options see {@link CaptionedSheetOptions}
 * @returns an RGB image of `gap + cols (cell + gap)` x `gap + rows (cell + strip + gap)`
 * @throws {ManyViewsError} `IMAGE_INVALID` for no images or bad options
 * @example
 * const sheet = await captionedContactSheet([[input, view]], [[['cat.png'], ['view 0', 'flip']]]);
 */
export async function captionedContactSheet(
  rows: readonly (readonly RawImage[])[],
  captions: readonly (readonly (readonly string[] | undefined)[] | undefined)[],
  options: CaptionedSheetOptions = {},
): Promise<RawImage> {
  const { cell = 128, gap = 4, background = 1, maxLines = 4 } = options;
  if (!Number.isInteger(maxLines) || maxLines < 1 || maxLines > 16) {
    throw new ManyViewsError('IMAGE_INVALID', 'captionedContactSheet: bad maxLines', {
      expected: 'an integer in [1, 16]',
      received: maxLines,
    });
  }

  const font = fontSize(cell);
  const line = Math.round(font * 1.25);
  const columns = captionColumns(cell);
  const wrapped = rows.map((row, r) =>
    row.map((_, c) => layoutCaption(captions[r]?.[c] ?? [], columns, maxLines)),
  );
  const lines = Math.max(0, ...wrapped.flat().map((w) => w.length));
  const strip = lines === 0 ? 0 : lines * line + 2 * PAD;
  const sheet = contactSheet(rows, { cell, gap, background, strip });
  if (strip === 0) return sheet;

  const ink = background < 0.5 ? '#f2f2f2' : '#1a1a1a';
  for (let r = 0; r < rows.length; r++) {
    const y0 = gap + r * (cell + strip + gap) + cell;
    const svg = stripSvg(wrapped[r], { width: sheet.width, strip, cell, gap, font, line, ink });
    const { data } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({
      resolveWithObject: true,
    });
    blendStrip(sheet, data, y0, strip);
  }
  return sheet;
}

/** Characters a caption line holds under a `cell`-pixel cell (22 for 160, 21 for 128). */
export function captionColumns(cell: number): number {
  return Math.max(1, Math.floor((cell - 2) / (fontSize(cell) * ADVANCE)));
}

function fontSize(cell: number): number {
  return Math.min(16, Math.max(9, Math.round(cell / 13)));
}

/**
 * Escapes text for an XML text node or attribute: `& < > " '` become entities, and characters
 * XML 1.0 cannot hold (C0 controls other than tab, newline and return; lone surrogates; U+FFFE,
 * U+FFFF) become `?`, so any file name makes a well-formed SVG.
 *
 * @example
 * escapeXml('a<b>&"c".png'); // 'a&lt;b&gt;&amp;&quot;c&quot;.png'
 */
export function escapeXml(text: string): string {
  return text
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the ones XML refuses
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '?',
    )
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Wraps a caption's lines to `columns` characters, breaking after `, ` where it can, else at a
 * space, else inside a word; past `maxLines` the last line ends in `…`.
 */
export function layoutCaption(
  caption: readonly string[],
  columns: number,
  maxLines: number,
): string[] {
  const out = caption.flatMap((text) => wrapLine(text, columns));
  if (out.length <= maxLines) return out;
  const kept = out.slice(0, maxLines);
  kept[maxLines - 1] = `${[...kept[maxLines - 1]].slice(0, columns - 1).join('')}…`;
  return kept;
}

function wrapLine(text: string, columns: number): string[] {
  const out: string[] = [];
  let rest = [...text.trim()];
  while (rest.length > columns) {
    const head = rest.slice(0, columns + 1).join('');
    const comma = head.lastIndexOf(', ');
    const space = head.lastIndexOf(' ');
    const cut = comma > 0 && comma + 1 <= columns ? comma + 1 : space > 0 ? space : columns;
    out.push(rest.slice(0, cut).join('').trimEnd());
    rest = [...rest.slice(cut).join('').trimStart()];
  }
  if (rest.length > 0 || out.length === 0) out.push(rest.join(''));
  return out;
}

interface StripLayout {
  width: number;
  strip: number;
  cell: number;
  gap: number;
  font: number;
  line: number;
  ink: string;
}

// One SVG per row, the strip's size; each caption in a nested <svg> the cell's width, which
// clips it, so a line the character count misjudges (wide glyphs) never reaches the next cell.
function stripSvg(captions: string[][], s: StripLayout): string {
  const cells = captions.map((lines, c) => {
    const x = s.gap + c * (s.cell + s.gap);
    const texts = lines.map((text, i) => {
      const baseline = PAD + i * s.line + Math.round(s.font * 0.95);
      return `<text x="1" y="${baseline}">${escapeXml(text)}</text>`;
    });
    return `<svg x="${x}" y="0" width="${s.cell}" height="${s.strip}">${texts.join('')}</svg>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.strip}">`,
    `<g font-family="monospace" font-size="${s.font}" fill="${s.ink}" xml:space="preserve">`,
    ...cells,
    '</g></svg>',
  ].join('');
}

// Blends the rendered RGBA strip over the sheet's rows [y0, y0 + strip), nothing else.
function blendStrip(sheet: RawImage, rgba: Buffer, y0: number, strip: number): void {
  const { width, data } = sheet;
  for (let y = 0; y < strip; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = rgba[i + 3] / 255;
      if (a === 0) continue;
      const o = ((y0 + y) * width + x) * 3;
      for (let k = 0; k < 3; k++) data[o + k] = a * (rgba[i + k] / 255) + (1 - a) * data[o + k];
    }
  }
}
