/**
 * A one-line progress bar redrawn in place on a terminal, or a line every few seconds when the
 * output is a file or pipe (CI logs stay readable).
 */
export class ProgressBar {
  private lastDraw = 0;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 28,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /**
   * @param done units finished
   * @param total units in all
   * @param text what to show after the bar (loss, speed, time left)
   */
  update(done: number, total: number, text: string): void {
    const now = Date.now();
    const finished = done >= total;
    if (!finished && now - this.lastDraw < (this.tty ? 100 : 5000)) return;
    this.lastDraw = now;

    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * this.width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}`;
    const line = `[${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${done}/${total} ${text}`;
    if (this.tty) this.stream.write(`\r\x1b[2K${line}${finished ? '\n' : ''}`);
    else this.stream.write(`${line}\n`);
  }
}

/** Seconds as `1h02m`, `3m05s` or `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600)
    return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}
