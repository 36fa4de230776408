import { ManyViewsError } from '@manyviews/augment-core';
import { checkFormText, decodeUtf8 } from './utf8-body.js';

/** One part of a multipart body, in the order it was sent. */
export interface FormPart {
  name: string;
  /** A `File` for a file upload (`curl -F image=@a.png`), a string for a plain field. */
  value: string | File;
}

/** A request body, read according to its Content-Type. */
export type RequestBody =
  | { type: 'json'; value: unknown }
  | { type: 'multipart'; parts: FormPart[] };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/**
 * Reads a POST body as JSON or multipart/form-data, by its Content-Type.
 *
 * The body size is already bounded by the `bodyLimit` middleware in front of every route.
 *
 * @param request the incoming request
 * @throws {ManyViewsError} `UNSUPPORTED_MEDIA_TYPE` for any other content type (curl's `-d`
 *   without `-H 'content-type: application/json'` sends a form-urlencoded body, a common slip),
 *   `INVALID_JSON` for an empty or malformed JSON body, `INVALID_MULTIPART` for an unreadable form,
 *   `TEXT_DECODE_FAILED` for a JSON body or a plain multipart field that is not UTF-8
 */
export async function readBody(request: Request): Promise<RequestBody> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0].trim().toLowerCase();

  if (JSON_TYPE.test(mediaType)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    return { type: 'json', value: parseJson(decodeUtf8(bytes, 'the JSON body')) };
  }
  if (mediaType === 'multipart/form-data') {
    // Read once as bytes: the form parser replaces bad UTF-8 in plain fields with U+FFFD, so the
    // fields are checked on the bytes themselves before it sees them.
    const bytes = new Uint8Array(await request.arrayBuffer());
    checkFormText(bytes, contentType);
    return { type: 'multipart', parts: await readForm(bytes, contentType) };
  }

  throw new ManyViewsError('UNSUPPORTED_MEDIA_TYPE', 'the request body has an unsupported type', {
    expected: 'Content-Type application/json or multipart/form-data',
    received: contentType === '' ? 'no Content-Type header' : contentType,
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') {
    throw new ManyViewsError('INVALID_JSON', 'the request body is empty', {
      expected: 'a JSON object',
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ManyViewsError(
      'INVALID_JSON',
      `the request body is not valid JSON: ${messageOf(e)}`,
      {
        expected: 'a JSON object',
        cause: e,
      },
    );
  }
}

async function readForm(bytes: Uint8Array, contentType: string): Promise<FormPart[]> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch (e) {
    throw new ManyViewsError(
      'INVALID_MULTIPART',
      `the multipart body cannot be read: ${messageOf(e)}`,
      {
        expected: 'multipart/form-data with a boundary and well-formed parts',
        cause: e,
      },
    );
  }

  const parts: FormPart[] = [];
  for (const [name, value] of form.entries()) parts.push({ name, value });
  return parts;
}

/**
 * The control fields of every multipart route. A part under one of these names is never taken
 * as an input: a route that does not take it refuses it, so `-F k=5` sent to the wrong route, or
 * `-F encoding_format=base64` to a text model, cannot silently become one more text to embed.
 */
export const CONTROL_FIELDS: readonly string[] = [
  'model',
  'k',
  'encoding_format',
  'dimensions',
  'user',
];

/**
 * Splits multipart parts into the route's control fields (`model`, `k`) and its inputs.
 *
 * @param parts every part, in order
 * @param controls the names of the plain-text fields the route takes (a subset of
 *   {@link CONTROL_FIELDS}, or any other names)
 * @returns the control values by name, and every other part in order
 * @throws {ManyViewsError} `INVALID_FIELD` when a control field is a file or appears twice,
 *   `UNKNOWN_FIELD` for a part named as a {@link CONTROL_FIELDS} entry the route does not take
 */
export function splitParts(
  parts: FormPart[],
  controls: readonly string[],
): { fields: Record<string, string>; inputs: FormPart[] } {
  const fields: Record<string, string> = {};
  const inputs: FormPart[] = [];

  for (const part of parts) {
    if (!controls.includes(part.name)) {
      if (CONTROL_FIELDS.includes(part.name)) {
        throw new ManyViewsError(
          'UNKNOWN_FIELD',
          `${part.name} is not a field of this request in multipart`,
          {
            expected: `the control fields ${controls.join(', ')}, then the inputs`,
            received: part.name,
          },
        );
      }
      inputs.push(part);
      continue;
    }
    if (typeof part.value !== 'string' || Object.hasOwn(fields, part.name)) {
      throw new ManyViewsError('INVALID_FIELD', `${part.name} must be one plain text field`, {
        expected: `a single field, e.g. -F ${part.name}=value`,
        received: typeof part.value === 'string' ? 'the field twice' : 'a file upload',
      });
    }
    fields[part.name] = part.value;
  }
  return { fields, inputs };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
