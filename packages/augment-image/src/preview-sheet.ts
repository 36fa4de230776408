import type { AppliedRecord } from '@manyviews/augment-core';
import {
  type CaptionedSheetOptions,
  captionColumns,
  captionedContactSheet,
} from './captioned-sheet.js';
import { contactSheet } from './contact-sheet.js';
import type { RawImage } from './raw-image.js';
import { summarizeRecord } from './record-summary.js';

/** One input of a preview: the image, where it came from, its views and what each drew. */
export interface PreviewRow {
  /** Shown under the input, base name only. */
  file: string;
  image: RawImage;
  views: readonly RawImage[];
  /** `records[v]` made `views[v]` (a {@link MultiViewResult}'s records). */
  records: readonly AppliedRecord[];
}

/** Options of {@link previewSheet}. */
export interface PreviewSheetOptions extends CaptionedSheetOptions {
  /** Caption every cell; default true. Without, the sheet is {@link contactSheet}'s. */
  labels?: boolean;
  /** Pipelines of the recipe: view `v` came from pipeline `v % pipelines`; default 1. */
  pipelines?: number;
}

/**
 * Lays out a recipe preview: each input in the first column, captioned with its file name, its
 * index and size; its views beside it, each captioned with its index `v` (as in the record file
 * and `rng.fork(v)`), its pipeline when the recipe has several, and what it drew
 * ({@link summarizeRecord}). The cells' pixels are the same with and without labels.
 *
 * @param rows one per input
 * @param options see {@link PreviewSheetOptions}
 * @returns an RGB image
 * @throws {ManyViewsError} `IMAGE_INVALID` for no images or bad options
 * @example
 * const { views, records } = byol.run(img, new Rng(seed).fork(0, 0));
 * const sheet = await previewSheet([{ file: 'cat.png', image: img, views, records }], {
 *   pipelines: 2,
 * });
 */
export async function previewSheet(
  rows: readonly PreviewRow[],
  options: PreviewSheetOptions = {},
): Promise<RawImage> {
  const { labels = true, pipelines = 1, ...layout } = options;
  const images = rows.map((row) => [row.image, ...row.views]);
  if (!labels) return contactSheet(images, layout);

  const captions = rows.map((row, i) => [
    inputCaption(row.file, row.image, i, captionColumns(layout.cell ?? 128)),
    ...row.records.map((record, v) => viewCaption(record, v, pipelines, row.image)),
  ]);
  return captionedContactSheet(images, captions, layout);
}

/**
 * The caption of an input: its base name, cut in the middle to `columns` characters (keeping the
 * extension), then `input i · WxH`.
 */
export function inputCaption(file: string, image: RawImage, index: number, columns = 22): string[] {
  const base = file.split(/[\\/]/).filter(Boolean).at(-1) ?? file;
  return [shortenName(base, columns), `input ${index} · ${image.width}x${image.height}`];
}

/**
 * The caption of a view: `view v` (and `· pipeline p` when `pipelines > 1`), then its drawn
 * parameters joined by `, `, or `no random step fired`.
 *
 * @example
 * viewCaption(record, 1, 2, img); // ['view 1 · pipeline 1', 'crop 45%, flip, jitter']
 */
export function viewCaption(
  record: AppliedRecord,
  view: number,
  pipelines: number,
  source?: { width: number; height: number },
): string[] {
  const title = pipelines > 1 ? `view ${view} · pipeline ${view % pipelines}` : `view ${view}`;
  const drawn = summarizeRecord(record, source);
  return [title, drawn.length > 0 ? drawn.join(', ') : 'no random step fired'];
}

/** Cuts `name` to `max` characters in the middle (`a_very…name.png`), keeping its extension. */
export function shortenName(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 6 ? [...name.slice(dot)] : [];
  const tail = Math.min(ext.length + 4, Math.floor((max - 1) / 2));
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}
