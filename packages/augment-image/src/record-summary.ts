import type { AppliedRecord } from '@manyviews/augment-core';

/** The size of the image a record was drawn on; lets a crop be told as a share of its area. */
export interface SourceSize {
  width: number;
  height: number;
}

type Params = Record<string, unknown>;

// Short phrases for the transforms whose draw a reader wants to see; any other step is named.
const KNOWN: Record<string, (p: Params, source?: SourceSize) => string> = {
  randomResizedCrop: (p, source) => cropPhrase(p, source),
  horizontalFlip: () => 'flip',
  verticalFlip: () => 'vflip',
  randomGrayscale: () => 'gray',
  colorJitter: () => 'jitter',
  gaussianBlur: (p) => (isNumber(p.sigma) ? `blur σ${round(p.sigma, 2)}` : 'blur'),
  rotation: (p) => (isNumber(p.angle) ? `rot ${round(p.angle, 0)}°` : 'rot'),
  gaussianNoise: (p) => (isNumber(p.std) ? `noise σ${round(p.std, 3)}` : 'noise'),
  jpegCompression: (p) => `jpeg q${p.quality}`,
  webpCompression: (p) => `webp q${p.quality}`,
};

/**
 * Summarises what one view drew, for a caption: one short phrase per step that fired, in order
 * (`crop 45%`, `flip`, `gray`, `jitter`, `blur σ0.45`). Known steps say their telling draw; any
 * other step is named as in recipes (`solarize`, `randomAffine`). Combinators are looked through
 * (`compose`, `randomApply`, `oneOf`, `someOf`, and any record nested as `inner`), RandAugment and
 * TrivialAugment give the ops they drew. A step did not fire when its record's boolean fields are
 * all false (`applied`, `flipped`, `gray`, `erased`); a step that draws nothing (a record with no
 * params, as `resize`) is the same in every view and is left out. Pure: never throws, whatever
 * the record holds.
 *
 * @param record a view's record, as `Transform.run` returns it and the preview JSON stores it
 * @param source the size of the image the view was drawn from; without it a crop is told in
 *   pixels (`crop 214x182`) rather than as a percentage of the source's area
 * @returns the phrases, empty when no random step fired
 * @example
 * summarizeRecord(byol.run(img, rng).records[0], img); // ['crop 45%', 'flip', 'blur σ0.45']
 */
export function summarizeRecord(record: unknown, source?: SourceSize): string[] {
  const out: string[] = [];
  walk(record, source, out, 0);
  return out;
}

function walk(record: unknown, source: SourceSize | undefined, out: string[], depth: number) {
  if (depth > 32) return;
  if (Array.isArray(record)) {
    for (const r of record) walk(r, source, out, depth + 1);
    return;
  }
  if (!isRecord(record)) return;

  const { name, params } = record;
  if (Array.isArray(params)) {
    walk(params, source, out, depth + 1);
    return;
  }
  if (!isObject(params)) return;
  if (isRecord(params.inner) || Array.isArray(params.inner)) {
    walk(params.inner, source, out, depth + 1);
    return;
  }
  if (!fired(params)) return;

  if (
    Array.isArray(params.ops) &&
    params.ops.every((o) => isObject(o) && typeof o.op === 'string')
  ) {
    out.push(...params.ops.map((o) => (o as Params).op as string));
    return;
  }
  const known = KNOWN[name];
  out.push(known ? known(params, source) : name);
}

// A draw with boolean fields all false (`applied`, `flipped`, `gray`, `erased`) changed nothing;
// a draw with no fields at all is a deterministic step, the same in every view.
function fired(params: Params): boolean {
  const values = Object.values(params);
  if (values.length === 0) return false;
  const flags = values.filter((v) => typeof v === 'boolean');
  return flags.length === 0 || flags.some((v) => v);
}

function cropPhrase(p: Params, source?: SourceSize): string {
  if (!isNumber(p.w) || !isNumber(p.h)) return 'crop';
  const area = source ? source.width * source.height : 0;
  if (!(area > 0)) return `crop ${p.w}x${p.h}`;
  const share = (100 * p.w * p.h) / area;
  return `crop ${share < 10 ? round(share, 1) : Math.round(share)}%`;
}

function round(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isObject(v: unknown): v is Params {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRecord(v: unknown): v is AppliedRecord & { name: string } {
  return isObject(v) && typeof v.name === 'string' && 'params' in v;
}
