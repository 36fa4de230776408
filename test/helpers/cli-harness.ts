/**
 * What the end-to-end tests share: running the built `manyviews` CLI, serving a models folder
 * on a free loopback port, and posting JSON to it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The built CLI entry point (`pnpm run build` makes it). */
export const BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: tests check response bodies field by field.
export type Json = any;

/** Runs the CLI in `cwd`; rejects with `code` and `stderr` when it exits non-zero. */
export function runCli(
  cwd: string,
  ...args: string[]
): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 << 20 });
}

/** A `manyviews serve` child process and the URL it listens on. */
export interface Served {
  url: string;
  process: ChildProcess;
  /** Sends SIGTERM and resolves with the exit code (0 after a graceful shutdown). */
  stop(): Promise<number | null>;
}

/** Starts `manyviews serve --models DIR --port 0` and waits for the line giving its URL. */
export async function startServe(cwd: string, modelsDir: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--models', modelsDir, '--port', '0'], {
    cwd,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk) => {
      log += chunk;
      // The URL ends at a space (text logs) or at the closing quote of a JSON log line.
      const m = /serving .* at (http:\/\/[^\s"]+)/.exec(log);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** POSTs a JSON body (or raw text) and returns the status and parsed answer. */
export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
