/**
 * Base class of every error ManyViews throws on purpose.
 *
 * `code` is stable and safe to branch on; `expected` and `received` say what the check wanted and
 * what it got, so a message can be acted on without reading the source.
 *
 * @example
 * try { buildPipeline(recipe, registry); } catch (e) {
 *   if (e instanceof ManyViewsError && e.code === 'RECIPE_INVALID_PARAM') console.error(e.message);
 * }
 */
export class ManyViewsError extends Error {
  /** Stable machine-readable code, e.g. `RECIPE_UNKNOWN_TRANSFORM`. */
  readonly code: string;
  /** What the check expected, in words (`"a number in [0, 1]"`). */
  readonly expected?: string;
  /** What it received, already rendered for a message. */
  readonly received?: string;

  constructor(
    code: string,
    message: string,
    details: { expected?: string; received?: unknown; cause?: unknown } = {},
  ) {
    const received = details.received === undefined ? undefined : describeValue(details.received);
    const suffix = [
      details.expected === undefined ? '' : `expected ${details.expected}`,
      received === undefined ? '' : `received ${received}`,
    ]
      .filter(Boolean)
      .join(', ');
    super(suffix ? `${message} (${suffix})` : message, { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.expected = details.expected;
    this.received = received;
  }

  /** A plain object for logs and JSON error bodies. */
  toJSON(): { code: string; message: string; expected?: string; received?: string } {
    return {
      code: this.code,
      message: this.message,
      expected: this.expected,
      received: this.received,
    };
  }
}

/**
 * The same error (code, `expected`, `received`, the original as `cause`) with the field it names
 * moved to where it sits: a factory's check names `randAugment.magnitude`, a recipe names the step
 * `pipeline[2]`, so the message reads `pipeline[2].magnitude ...`. A message that does not start
 * with `from` followed by `.`, `:` or a space gets `to: ` in front.
 *
 * @param error what a factory or a nested build threw
 * @param from the name the message starts with (`randAugment`)
 * @param to where the field sits (`pipeline[2]`)
 */
export function relocateError(error: ManyViewsError, from: string, to: string): ManyViewsError {
  const m = error.message;
  const next = m.charAt(from.length);
  const message =
    m.startsWith(from) && (next === '.' || next === ':' || next === ' ' || next === '[')
      ? `${to}${m.slice(from.length)}`
      : `${to}: ${m}`;
  const moved = new ManyViewsError(error.code, message, { cause: error });
  return Object.assign(moved, { expected: error.expected, received: error.received });
}

/**
 * Renders a value for an error message: short, typed, and never the whole of a large buffer.
 *
 * @param value any value
 * @returns e.g. `1.5`, `"abc"`, `array(3)`, `Uint8Array(784)`, `object {a, b}`
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    return value.length <= 4 && value.every((v) => typeof v === 'number')
      ? `[${value.join(', ')}]`
      : `array(${value.length})`;
  }
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as Uint8Array).length})`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    return `object {${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}}`;
  }
  return typeof value;
}
