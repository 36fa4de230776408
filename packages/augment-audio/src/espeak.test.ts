import { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { type CommandRunner, checkUtterance, ensureEspeak } from './espeak.js';

/** A runner that plays a script: each call is answered by the first matching rule. */
function scripted(rules: Array<[RegExp, 'ok' | 'missing' | 'fail', string?]>) {
  const calls: string[] = [];
  const runner: CommandRunner = async (command, args) => {
    const line = [command, ...args].join(' ');
    calls.push(line);
    const rule = rules.find(([pattern]) => pattern.test(line));
    if (!rule || rule[1] === 'missing')
      throw Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });
    if (rule[1] === 'fail')
      throw Object.assign(new Error('exit 100'), { code: 100, stderr: 'E: no lists' });
    return { stdout: rule[2] ?? '', stderr: '' };
  };
  return { runner, calls };
}

function codeOf(e: unknown): string {
  return e instanceof ManyViewsError ? e.code : `untyped: ${String(e)}`;
}

describe('ensureEspeak', () => {
  it('finds the installed espeak-ng and reads its version', async () => {
    const info = await ensureEspeak();
    expect(info.binary).toBe('espeak-ng');
    expect(info.version).toMatch(/^\d+\.\d+/);
  });

  it('says what to install when the binary is missing and installing is off', async () => {
    const error = await ensureEspeak({
      binary: 'espeak-ng-that-does-not-exist',
      install: true,
    }).catch((e) => e);
    expect(codeOf(error)).toBe('ESPEAK_NOT_FOUND');
    expect(error.message).toMatch(/apt-get install espeak-ng/);
    const { runner, calls } = scripted([]);
    expect(codeOf(await ensureEspeak({ install: false, runner }).catch((e) => e))).toBe(
      'ESPEAK_NOT_FOUND',
    );
    expect(calls).toEqual(['espeak-ng --version']);
  });

  it.runIf(process.getuid?.() === 0)(
    'installs with apt-get as root, updating the lists when needed',
    async () => {
      let installed = false;
      let updated = false;
      const calls: string[] = [];
      const runner: CommandRunner = async (command, args) => {
        const line = [command, ...args].join(' ');
        calls.push(line);
        if (line === 'espeak-ng --version') {
          if (installed)
            return { stdout: 'eSpeak NG text-to-speech: 1.51  Data at: /x', stderr: '' };
          throw Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });
        }
        if (line === 'apt-get --version') return { stdout: 'apt 2.6', stderr: '' };
        if (line === 'apt-get update') {
          updated = true;
          return { stdout: '', stderr: '' };
        }
        if (line.startsWith('apt-get install')) {
          if (!updated)
            throw Object.assign(new Error('exit 100'), {
              code: 100,
              stderr: 'E: Unable to locate package',
            });
          installed = true;
          return { stdout: '', stderr: '' };
        }
        throw new Error(`unexpected ${line}`);
      };
      const messages: string[] = [];
      const logger = { debug() {}, info: (m: string) => messages.push(m), warn() {}, error() {} };
      expect(await ensureEspeak({ runner, logger })).toEqual({
        binary: 'espeak-ng',
        version: '1.51',
      });
      expect(calls.filter((c) => c.startsWith('apt-get install'))).toHaveLength(2);
      expect(messages.join('\n')).toMatch(
        /installing it with apt-get[\s\S]*apt-get update[\s\S]*installed/,
      );

      const failing = scripted([
        [/^apt-get --version/, 'ok'],
        [/^apt-get/, 'fail'],
      ]);
      const error = await ensureEspeak({ runner: failing.runner }).catch((e) => e);
      expect(codeOf(error)).toBe('ESPEAK_INSTALL_FAILED');
      expect(error.message).toMatch(/no lists/);
    },
  );
});

describe('checkUtterance', () => {
  it('refuses text and voices that could be read as options', () => {
    expect(() => checkUtterance({ text: '-w /etc/x', voice: 'en', speed: 175, pitch: 50 })).toThrow(
      /text/,
    );
    expect(() => checkUtterance({ text: 'yes', voice: 'en us', speed: 175, pitch: 50 })).toThrow(
      /voice/,
    );
    expect(() => checkUtterance({ text: 'yes', voice: 'en', speed: 50, pitch: 50 })).toThrow(
      /speed/,
    );
    expect(() =>
      checkUtterance({ text: "don't", voice: 'en-gb+f3', speed: 175, pitch: 99 }),
    ).not.toThrow();
  });
});
