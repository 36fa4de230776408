import { describe, expect, it } from 'vitest';
import { closeOnSignals } from './graceful-shutdown.js';
import type { RunningServer } from './server.js';
import { recordingLogger } from './testing/http.js';

/** Parts that record when they close; `fail` makes that one reject. */
function parts(steps: string[], fail?: string) {
  const part = (name: string) => ({
    async close() {
      await new Promise((r) => setTimeout(r, 5));
      steps.push(name);
      if (name === fail) throw new Error(`${name} could not close`);
    },
  });
  const server: RunningServer = { url: 'http://127.0.0.1:1', port: 1, ...part('server') };
  return { server, app: part('app'), store: part('store') };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('closeOnSignals', () => {
  it('closes the server, then the batchers, then the store, and exits 0', async () => {
    const steps: string[] = [];
    const exits: number[] = [];
    const logger = recordingLogger();
    closeOnSignals({
      ...parts(steps),
      logger,
      signals: ['SIGUSR2'],
      exit: (code) => exits.push(code),
    });

    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    expect(steps).toEqual(['server', 'app', 'store']);
    expect(exits).toEqual([0]);
    expect(logger.lines.map((l) => l.msg)).toEqual([
      'SIGUSR2: finishing in-flight requests, then exiting',
      'shut down cleanly',
    ]);
  });

  it('exits 1 on a second signal, and after a part that fails to close', async () => {
    const steps: string[] = [];
    const exits: number[] = [];
    const logger = recordingLogger();
    closeOnSignals({
      ...parts(steps, 'store'),
      logger,
      signals: ['SIGUSR1'],
      exit: (code) => exits.push(code),
    });

    process.emit('SIGUSR1', 'SIGUSR1');
    process.emit('SIGUSR1', 'SIGUSR1');
    expect(exits).toEqual([1]);
    await settle();
    expect(exits).toEqual([1, 1]);
    expect(logger.lines.find((l) => l.level === 'error')?.fields?.error).toBeInstanceOf(Error);
  });

  it('returns the shutdown, which a signal after it does not cut short', async () => {
    const steps: string[] = [];
    const exits: number[] = [];
    const close = closeOnSignals({
      ...parts(steps),
      signals: ['SIGWINCH'],
      exit: (code) => exits.push(code),
    });

    const closing = close();
    process.emit('SIGWINCH', 'SIGWINCH');
    await closing;
    await settle();
    expect(steps).toEqual(['server', 'app', 'store']);
    expect(exits).toEqual([0]);
    expect(close()).toBe(closing);
  });
});
