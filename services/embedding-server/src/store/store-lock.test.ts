import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAlive } from './store-lock.js';

describe('isAlive (whose lock is stale)', () => {
  it('counts this process as alive and an exited, reaped one as dead', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.once('exit', resolve));

    expect(isAlive(process.pid)).toBe(true);
    expect(isAlive(child.pid!)).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'counts a zombie (killed, not yet reaped: what kill -9 leaves for a moment) as dead',
    async () => {
      // `sh` starts `true` in the background, prints its pid, and becomes `sleep`, which never
      // waits for it: `true` stays a zombie until the sleep ends.
      const parent = spawn('sh', ['-c', 'true & echo $!; exec sleep 5']);
      const pid = await new Promise<number>((resolve) =>
        parent.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(isAlive(pid)).toBe(false);
      expect(isAlive(parent.pid!)).toBe(true);
      parent.kill('SIGKILL');
    },
  );
});
