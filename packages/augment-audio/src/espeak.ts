import { execFile } from 'node:child_process';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';

/**
 * Runs a program without a shell; rejects with an error whose `code` is `ENOENT` or the exit
 * status.
 */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options?: { env?: NodeJS.ProcessEnv },
) => Promise<{ stdout: string; stderr: string }>;

/** The default {@link CommandRunner}: `child_process.execFile`, 5 minutes at most. */
export const execFileRunner: CommandRunner = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { env: options.env ?? process.env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr: String(stderr) }));
        else resolve({ stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });

/** The espeak-ng found by {@link ensureEspeak}. */
export interface EspeakInfo {
  /** The program run (a name on PATH or a path). */
  binary: string;
  /** Its version, as `espeak-ng --version` prints it (`1.51`). */
  version: string;
}

/** Options of {@link ensureEspeak}. */
export interface EnsureEspeakOptions {
  /** Program to run; default `espeak-ng` on PATH. */
  binary?: string;
  /**
   * Install with apt-get when missing (default true). Only done for the default binary, as root,
   * on a system with apt-get; anywhere else a missing espeak-ng is an error saying what to install.
   */
  install?: boolean;
  /** Told about the check and any install. */
  logger?: Logger;
  /** How programs are run; default {@link execFileRunner} (a seam for tests). */
  runner?: CommandRunner;
}

const INSTALL_HINT =
  'install espeak-ng: `sudo apt-get install espeak-ng` (Debian, Ubuntu), `sudo dnf install espeak-ng` ' +
  '(Fedora), `brew install espeak-ng` (macOS), or pass the path of an espeak-ng binary';

/**
 * Makes sure espeak-ng can be run, and says which version it is.
 *
 * When `espeak-ng` is not on PATH, `install` is on, the process runs as root and apt-get exists,
 * it runs `apt-get install -y espeak-ng` (and, if that fails, `apt-get update` and the install
 * again), logging each step. Otherwise it throws, naming the package to install.
 *
 * @param options `binary`, `install` (true), `logger`, `runner`
 * @returns the binary and its version
 * @throws {ManyViewsError} `ESPEAK_NOT_FOUND` when espeak-ng cannot be run and was not installed;
 *   `ESPEAK_INSTALL_FAILED` when apt-get failed (its output is in the message)
 * @example
 * const { version } = await ensureEspeak({ logger });
 */
export async function ensureEspeak(options: EnsureEspeakOptions = {}): Promise<EspeakInfo> {
  const binary = options.binary ?? 'espeak-ng';
  const logger = options.logger ?? silentLogger;
  const run = options.runner ?? execFileRunner;

  const found = await probe(run, binary);
  if (found) {
    logger.debug('espeak-ng found', { binary, version: found });
    return { binary, version: found };
  }

  const canInstall =
    (options.install ?? true) &&
    binary === 'espeak-ng' &&
    process.getuid?.() === 0 &&
    (await succeeds(run, 'apt-get', ['--version']));
  if (!canInstall) {
    throw new ManyViewsError('ESPEAK_NOT_FOUND', `${binary} cannot be run; ${INSTALL_HINT}`, {
      expected: 'espeak-ng on PATH (or options.binary)',
      received: binary,
    });
  }

  await aptInstall(run, logger);
  const installed = await probe(run, binary);
  if (!installed) {
    throw new ManyViewsError(
      'ESPEAK_NOT_FOUND',
      `apt-get installed espeak-ng but ${binary} still cannot be run`,
      {
        expected: 'espeak-ng on PATH after installing',
        received: binary,
      },
    );
  }
  logger.info('espeak-ng installed', { version: installed });
  return { binary, version: installed };
}

async function aptInstall(run: CommandRunner, logger: Logger): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    run('apt-get', ['install', '-y', '--no-install-recommends', 'espeak-ng'], { env });
  logger.info('espeak-ng is missing; installing it with apt-get');
  try {
    await install();
    return;
  } catch {
    // A fresh system often has no package lists yet; fetch them once and try again.
    logger.info('apt-get install failed; running apt-get update and trying again');
  }
  try {
    await run('apt-get', ['update'], { env });
    await install();
  } catch (cause) {
    const stderr = String((cause as { stderr?: string }).stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new ManyViewsError(
      'ESPEAK_INSTALL_FAILED',
      `apt-get could not install espeak-ng; ${INSTALL_HINT}`,
      {
        expected: 'apt-get install -y espeak-ng to succeed',
        received: stderr || String(cause),
        cause,
      },
    );
  }
}

/** The version printed by `binary --version`, or undefined when it cannot be run. */
async function probe(run: CommandRunner, binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(binary, ['--version']);
    return (
      /text-to-speech:\s*([\w.-]+)/.exec(stdout)?.[1] ?? stdout.trim().split(/\s+/)[0] ?? 'unknown'
    );
  } catch {
    return undefined;
  }
}

async function succeeds(run: CommandRunner, command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch {
    return false;
  }
}

/** One utterance to render. */
export interface EspeakUtterance {
  /** The text: letters, apostrophes, hyphens and spaces only (never read as an option). */
  text: string;
  /** An espeak-ng voice, optionally with a variant: `en-us`, `en-gb+f3`. */
  voice: string;
  /** Words per minute, an integer in [80, 450]. */
  speed: number;
  /** Pitch, an integer in [0, 99] (50 is the voice's own). */
  pitch: number;
}

/**
 * Checks an utterance before it reaches the command line.
 *
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` naming the bad field
 */
export function checkUtterance(u: EspeakUtterance): void {
  const fail = (field: string, expected: string, received: unknown): never => {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', `espeak-ng: ${field} is invalid`, {
      expected,
      received,
    });
  };
  if (!/^[A-Za-z][A-Za-z' -]*$/.test(u.text))
    fail('text', 'letters, apostrophes, hyphens, spaces', u.text);
  if (!/^[A-Za-z][A-Za-z0-9-]*(\+[A-Za-z0-9_-]+)?$/.test(u.voice))
    fail('voice', 'like en-us or en-gb+f3', u.voice);
  if (!Number.isInteger(u.speed) || u.speed < 80 || u.speed > 450)
    fail('speed', 'an integer in [80, 450]', u.speed);
  if (!Number.isInteger(u.pitch) || u.pitch < 0 || u.pitch > 99)
    fail('pitch', 'an integer in [0, 99]', u.pitch);
}

/**
 * Renders one utterance to a WAV file: `espeak-ng -v VOICE -s SPEED -p PITCH -w OUT TEXT`
 * (16-bit mono at 22,050 Hz for the standard voices).
 *
 * @param espeak from {@link ensureEspeak}
 * @param utterance what to say and how (checked with {@link checkUtterance})
 * @param outPath the file to write
 * @param runner how to run it; default {@link execFileRunner}
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for a bad utterance; `ESPEAK_RENDER_FAILED` when
 *   espeak-ng exits with an error (an unknown voice, for one)
 */
export async function renderUtterance(
  espeak: EspeakInfo,
  utterance: EspeakUtterance,
  outPath: string,
  runner: CommandRunner = execFileRunner,
): Promise<void> {
  checkUtterance(utterance);
  const { text, voice, speed, pitch } = utterance;
  try {
    await runner(espeak.binary, [
      '-v',
      voice,
      '-s',
      String(speed),
      '-p',
      String(pitch),
      '-w',
      outPath,
      text,
    ]);
  } catch (cause) {
    throw new ManyViewsError(
      'ESPEAK_RENDER_FAILED',
      `espeak-ng could not render "${text}" with voice ${voice}`,
      {
        expected: 'espeak-ng to exit 0 (is the voice installed? see `espeak-ng --voices`)',
        received: String((cause as { stderr?: string }).stderr ?? cause).trim(),
        cause,
      },
    );
  }
}

/**
 * The variant names espeak-ng knows (`m1`, `f3`, `klatt`, ...), from `espeak-ng --voices=variant`.
 *
 * @throws {ManyViewsError} `ESPEAK_RENDER_FAILED` when the list cannot be read
 */
export async function listEspeakVariants(
  espeak: EspeakInfo,
  runner: CommandRunner = execFileRunner,
): Promise<string[]> {
  try {
    const { stdout } = await runner(espeak.binary, ['--voices=variant']);
    return [...stdout.matchAll(/!v\/(\S+)/g)].map((m) => m[1]);
  } catch (cause) {
    throw new ManyViewsError('ESPEAK_RENDER_FAILED', 'espeak-ng could not list its variants', {
      expected: 'espeak-ng --voices=variant to succeed',
      received: String(cause),
      cause,
    });
  }
}
