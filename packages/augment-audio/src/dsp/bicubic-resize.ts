/**
 * The cubic convolution kernel of Keys (1981) with `a = -0.75`, the value PyTorch's bicubic
 * interpolation uses (so a resize here matches `F.interpolate(mode='bicubic')` up to rounding).
 */
function cubic(x: number): number {
  const a = -0.75;
  const t = Math.abs(x);
  if (t <= 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

/**
 * Resizes a row-major `rows x cols` matrix to `outRows x outCols` by separable bicubic
 * interpolation with `align_corners=True` (the corners of input and output coincide, output
 * index `i` samples input position `i * (rows - 1) / (outRows - 1)`), clamping neighbours at the
 * borders, as PyTorch does.
 *
 * @returns a new `outRows x outCols` matrix
 */
export function resizeBicubic(
  src: Float32Array,
  rows: number,
  cols: number,
  outRows: number,
  outCols: number,
): Float32Array {
  const across = resizeAxis(src, rows, cols, outCols, false);
  return resizeAxis(across, rows, outCols, outRows, true);
}

/** Resizes along columns (`vertical` false: each row to `size` columns) or rows (true). */
function resizeAxis(
  src: Float32Array,
  rows: number,
  cols: number,
  size: number,
  vertical: boolean,
): Float32Array {
  const inSize = vertical ? rows : cols;
  const outRows = vertical ? size : rows;
  const outCols = vertical ? cols : size;
  const out = new Float32Array(outRows * outCols);
  const scale = size > 1 ? (inSize - 1) / (size - 1) : 0;
  const at = (line: number, i: number) => {
    const j = Math.min(inSize - 1, Math.max(0, i));
    return vertical ? src[j * cols + line] : src[line * cols + j];
  };

  const lines = vertical ? cols : rows;
  for (let o = 0; o < size; o++) {
    const x = o * scale;
    const base = Math.floor(x);
    const frac = x - base;
    const w = [cubic(1 + frac), cubic(frac), cubic(1 - frac), cubic(2 - frac)];
    for (let line = 0; line < lines; line++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v += w[k] * at(line, base - 1 + k);
      if (vertical) out[o * outCols + line] = v;
      else out[line * outCols + o] = v;
    }
  }
  return out;
}
