import { ManyViewsError } from '@manyviews/augment-core';

// fatal: a malformed sequence throws instead of becoming U+FFFD (WHATWG Encoding, "decode").
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes bytes as UTF-8, strictly: a byte sequence that is not UTF-8 is refused rather than
 * silently replaced by U+FFFD, which would embed or store text the client never sent.
 *
 * @param bytes the bytes to decode (a leading byte-order mark is dropped, as `TextDecoder` does)
 * @param what names the bytes in the message, e.g. `the JSON body`
 * @returns the text
 * @throws {ManyViewsError} `TEXT_DECODE_FAILED` (400) naming where the first bad byte is
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new ManyViewsError('TEXT_DECODE_FAILED', `${what} is not valid UTF-8`, {
      expected: 'UTF-8 text',
      received: `a malformed byte sequence near byte ${firstBadByte(bytes)}`,
      cause,
    });
  }
}

/**
 * Checks that every plain (non-file) field of a multipart/form-data body is UTF-8, on the raw
 * bytes (RFC 7578: parts are separated by CRLF `--boundary`; a part's headers end at an empty
 * line). File parts are left alone: their bytes are the model's to read. A body whose boundary
 * cannot be found is left to the form parser, which refuses it.
 *
 * @param body the whole request body
 * @param contentType the request's Content-Type, holding the `boundary` parameter
 * @throws {ManyViewsError} `TEXT_DECODE_FAILED` (400) naming the field
 */
export function checkFormText(body: Uint8Array, contentType: string): void {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  if (!boundary) return;

  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`);
  // The first delimiter may open the body without the CRLF before it.
  let at = bytes.indexOf(delimiter.subarray(2));
  while (at >= 0) {
    const start = bytes.indexOf('\r\n', at + delimiter.length - 2);
    const next = bytes.indexOf(delimiter, start);
    if (start < 0 || next < 0) return;
    checkPart(bytes.subarray(start + 2, next));
    at = next + 2;
  }
}

function checkPart(part: Buffer): void {
  const end = part.indexOf('\r\n\r\n');
  if (end < 0) return;

  const headers = part.subarray(0, end).toString('latin1');
  const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
  if (/;\s*filename\*?=/i.test(disposition)) return;

  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? 'a field';
  decodeUtf8(part.subarray(end + 4), `the multipart field ${JSON.stringify(name)}`);
}

function firstBadByte(bytes: Uint8Array): number {
  // Halving search for the longest prefix that still decodes; a prefix may end inside a
  // sequence, so the decoder is asked to keep the tail pending (stream: true) and not fail on it.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
