import { ManyViewsError } from '@manyviews/augment-core';
import type { ModelInput, ServedModel } from './model-port.js';
import type { FormPart } from './request-body.js';
import { invalidField } from './validate.js';

/** How a model takes its inputs: raw file bytes (image, audio) or text. */
export type InputKind = Exclude<ModelInput['kind'], 'prepared'>;

/**
 * The input kind of a model, from its manifest's `domain`: `text` takes text, every other domain
 * (`image`, `audio`, and any added later) takes the bytes of a file.
 */
export function inputKindOf(model: ServedModel): InputKind {
  return model.manifest.domain === 'text' ? 'text' : 'bytes';
}

// RFC 4648 base64 (section 4) and its URL-safe alphabet (section 5); padding optional.
const BASE64_BODY = /^[A-Za-z0-9+/_-]*$/;
const DATA_URL = /^data:([^,]*),/;

/**
 * Decodes a base64 string or a `data:<type>;base64,<payload>` URL, strictly: Node's own decoder
 * skips characters it does not know, which would turn a truncated or mangled upload into
 * plausible-looking garbage bytes.
 *
 * @param value base64 in one alphabet, standard or URL-safe; padding optional; line breaks
 *   allowed (as `base64` wraps its output), no other whitespace
 * @param field the request field, for the message
 * @returns the decoded bytes (never empty)
 * @throws {ManyViewsError} `INVALID_BASE64` for a non-base64 data URL, a character outside the
 *   alphabet, the two alphabets mixed, misplaced padding or an impossible length;
 *   `INVALID_INPUT` for an empty payload, as for an empty upload
 */
export function decodeBase64(value: string, field: string): Uint8Array {
  let payload = value;
  const dataUrl = DATA_URL.exec(value);
  if (dataUrl) {
    if (!/;base64$/i.test(dataUrl[1])) {
      throw invalidBase64(field, 'a data URL marked ;base64', `data:${dataUrl[1]},...`);
    }
    payload = value.slice(dataUrl[0].length);
  }

  const compact = payload.replace(/\r?\n/g, '');
  const body = compact.replace(/={1,2}$/, '');
  const padded = body.length !== compact.length;
  if (!BASE64_BODY.test(body)) {
    const at = body.search(/[^A-Za-z0-9+/_-]/);
    throw invalidBase64(
      field,
      'only A-Z a-z 0-9 + / (or - _) and trailing =',
      `character '${body[at]}' at ${at}`,
    );
  }
  if (/[+/]/.test(body) && /[-_]/.test(body)) {
    throw invalidBase64(field, 'one alphabet: + / (standard) or - _ (URL-safe)', 'both mixed');
  }
  if (body.length % 4 === 1 || (padded && compact.length % 4 !== 0)) {
    throw invalidBase64(field, 'a whole number of base64 quanta', `${compact.length} characters`);
  }
  if (body.length === 0) throw emptyInput(field, 'a non-empty base64 payload');

  const bytes = Buffer.from(body, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Turns one JSON string into a model input: base64 bytes for a byte model, the text itself for a
 * text model.
 *
 * @throws {ManyViewsError} `INVALID_BASE64` (see {@link decodeBase64}), `INVALID_INPUT` for an
 *   empty text
 */
export function inputFromString(value: string, field: string, kind: InputKind): ModelInput {
  if (kind === 'bytes') return { kind: 'bytes', data: decodeBase64(value, field) };
  if (value.length === 0) throw emptyInput(field, 'a non-empty text');
  return { kind: 'text', text: value };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns one multipart part into a model input. A byte model takes file uploads only; a text model
 * takes a plain field as its text, or a file read as UTF-8.
 *
 * @param label the part's name for messages
 * @throws {ManyViewsError} `INVALID_FIELD` for a plain field sent to a byte model, `INVALID_INPUT`
 *   for an empty file or text, `TEXT_DECODE_FAILED` for a text file that is not UTF-8
 */
export async function inputFromPart(
  part: FormPart,
  label: string,
  kind: InputKind,
): Promise<ModelInput> {
  if (typeof part.value === 'string') {
    if (kind === 'bytes') {
      throw invalidField(label, `a file upload (curl -F ${part.name}=@path)`, 'a plain text field');
    }
    return inputFromString(part.value, label, kind);
  }

  const file = part.value;
  const data = new Uint8Array(await file.arrayBuffer());
  if (data.length === 0) throw emptyInput(label, 'a non-empty file');
  if (kind === 'bytes') return file.name ? { kind, data, filename: file.name } : { kind, data };

  try {
    return inputFromString(utf8.decode(data), label, kind);
  } catch (e) {
    if (e instanceof ManyViewsError) throw e;
    throw new ManyViewsError('TEXT_DECODE_FAILED', `${label} is not UTF-8 text`, {
      expected: 'a UTF-8 text file',
      received: file.name || 'a file',
      cause: e,
    });
  }
}

/**
 * Names each input part for messages: its field name, with `[i]` when several share a name.
 */
export function partLabels(parts: FormPart[]): string[] {
  const total = new Map<string, number>();
  for (const p of parts) total.set(p.name, (total.get(p.name) ?? 0) + 1);

  const seen = new Map<string, number>();
  return parts.map((p) => {
    const i = seen.get(p.name) ?? 0;
    seen.set(p.name, i + 1);
    return (total.get(p.name) ?? 0) > 1 ? `${p.name}[${i}]` : p.name;
  });
}

function invalidBase64(field: string, expected: string, received: string): ManyViewsError {
  return new ManyViewsError('INVALID_BASE64', `${field} is not valid base64`, {
    expected,
    received,
  });
}

function emptyInput(field: string, expected: string): ManyViewsError {
  return new ManyViewsError('INVALID_INPUT', `${field} is empty`, { expected, received: '' });
}

/** One input as the request gave it, before the model says how to read it. */
export type RawInput =
  | { label: string; source: 'json'; value: string }
  | { label: string; source: 'form'; part: FormPart };

/**
 * Reads every raw input the way the model takes it (see {@link inputFromString} and
 * {@link inputFromPart}), stopping at the first bad one.
 *
 * @param maxTextLength longest text in UTF-16 code units (default: no limit); pixels and audio
 *   duration are the model's to bound
 * @throws {ManyViewsError} as the functions above, and `TEXT_TOO_LONG` (413) naming the input
 */
export async function decodeInputs(
  raw: RawInput[],
  kind: InputKind,
  maxTextLength = Number.POSITIVE_INFINITY,
): Promise<ModelInput[]> {
  const inputs: ModelInput[] = [];
  for (const r of raw) {
    const input =
      r.source === 'json'
        ? inputFromString(r.value, r.label, kind)
        : await inputFromPart(r.part, r.label, kind);
    if (input.kind === 'text' && input.text.length > maxTextLength) {
      throw new ManyViewsError('TEXT_TOO_LONG', `${r.label} is too long`, {
        expected: `at most ${maxTextLength} characters`,
        received: `${input.text.length} characters`,
      });
    }
    inputs.push(input);
  }
  return inputs;
}

/** Raw inputs from validated JSON strings. */
export function rawFromStrings(items: string[], labels: string[]): RawInput[] {
  return items.map((value, i) => ({ label: labels[i], source: 'json', value }));
}

/** Raw inputs from multipart parts, labelled by {@link partLabels}. */
export function rawFromParts(parts: FormPart[]): RawInput[] {
  const labels = partLabels(parts);
  return parts.map((part, i) => ({ label: labels[i], source: 'form', part }));
}
