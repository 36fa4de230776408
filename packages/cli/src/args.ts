import { parseArgs } from 'node:util';
import { ManyViewsError } from '@manyviews/augment-core';

/** A flag of a command: its type, default and one line of help. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  default?: string | boolean;
  help: string;
  /** For `--help`: the value's name, e.g. `DIR`. */
  value?: string;
}

/** A command's definition, shared by parsing and `--help`. */
export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  flags: Record<string, FlagSpec>;
  /** Whether positional arguments are allowed. */
  positionals?: boolean;
}

/** Parsed flags, as strings and booleans, plus positionals. */
export interface ParsedArgs {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses `argv` for a command; `--help` is handled by the caller.
 *
 * @throws {ManyViewsError} `CLI_USAGE` for an unknown flag, a missing value, or stray arguments
 */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(spec.flags).map(([name, f]) => [
      name,
      { type: f.type, default: f.default as never },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(spec, argv),
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: spec.positionals ?? false,
      strict: true,
    });
    return { flags: values as ParsedArgs['flags'], positionals };
  } catch (cause) {
    throw new ManyViewsError(
      'CLI_USAGE',
      `${(cause as Error).message}; see manyviews ${spec.name} --help`,
      { cause },
    );
  }
}

/**
 * `--epochs -1` would read as a flag missing its value; joined as `--epochs=-1` it reaches the
 * flag's own check, which says what range it needs.
 */
function joinNegativeValues(spec: CommandSpec, argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (
      name &&
      spec.flags[name]?.type === 'string' &&
      next !== undefined &&
      /^-\d|^-\.\d/.test(next)
    ) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/** A flag read as a number, checked against bounds. */
export function numberFlag(
  args: ParsedArgs,
  name: string,
  bounds: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const raw = args.flags[name];
  const value = Number(raw);
  const ok =
    typeof raw === 'string' &&
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (!bounds.integer || Number.isInteger(value)) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max);
  if (!ok) {
    const kind = bounds.integer ? 'an integer' : 'a number';
    const range =
      bounds.min !== undefined && bounds.max !== undefined
        ? `${kind} in [${bounds.min}, ${bounds.max}]`
        : `${kind}${bounds.min !== undefined ? ` >= ${bounds.min}` : ''}${bounds.max !== undefined ? ` <= ${bounds.max}` : ''}`;
    throw new ManyViewsError('CLI_USAGE', `--${name} is out of range`, {
      expected: range,
      received: raw ?? 'nothing',
    });
  }
  return value;
}

/** A string flag, or `undefined`. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A flag holding a JSON object (e.g. `--objective-options '{"beta":1}'`), or `{}` when absent.
 *
 * @throws {ManyViewsError} `CLI_USAGE` when the value is not JSON or not an object
 */
export function jsonObjectFlag(args: ParsedArgs, name: string): Record<string, unknown> {
  const raw = stringFlag(args, name);
  if (raw === undefined) return {};
  const refuse = (cause?: unknown) =>
    new ManyViewsError('CLI_USAGE', `--${name} must be a JSON object`, {
      expected: '{"key": value}',
      received: raw,
      cause,
    });
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw refuse(cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse();
  return value as Record<string, unknown>;
}

/** The `--help` text of a command. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.flags).map(([name, f]) => {
    const left = `  --${name}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`;
    const def =
      f.default === undefined || f.default === false ? '' : ` (default ${String(f.default)})`;
    return `${left.padEnd(30)} ${f.help}${def}`;
  });
  return [
    `${spec.summary}`,
    '',
    `Usage: ${spec.usage}`,
    '',
    'Options:',
    ...rows,
    `${'  --help'.padEnd(30)} show this help`,
    '',
  ].join('\n');
}
