import { ManyViewsError } from '@manyviews/augment-core';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The JSON body of every 4xx/5xx response. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** A mapped error: the HTTP status, the body to send, and whether it is the server's fault. */
export interface MappedError {
  status: ContentfulStatusCode;
  body: ErrorBody;
  /** True for a server fault: the caller should log the original error, since the body hides it. */
  internal: boolean;
  /** Headers to send with it: `Retry-After` for an overload (429, 503). */
  headers?: Record<string, string>;
}

// Codes the server raises itself, and those the model port documents, with their status.
const EXACT: Record<string, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  // A model refusing an input of the wrong kind (text sent to an image model) is the request's fault.
  INPUT_KIND_MISMATCH: 400,
  MISSING_FIELD: 400,
  UNKNOWN_FIELD: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  COLLECTION_NOT_FOUND: 404,
  ITEM_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INDEX_MISSING: 409,
  COLLECTION_EXISTS: 409,
  ITEM_EXISTS: 409,
  // Vectors of two versions of a model live in unrelated spaces; the collection must be rebuilt.
  MODEL_VERSION_MISMATCH: 409,
  RELOAD_UNAVAILABLE: 409,
  TOO_MANY_INPUTS: 413,
  TOO_MANY_ITEMS: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  QUEUE_FULL: 429,
  // The client closed the connection before the answer (nginx's 499): nobody reads the response,
  // but the request log and the metrics show why it ended.
  REQUEST_ABORTED: 499 as unknown as ContentfulStatusCode,
  SHUTTING_DOWN: 503,
  // The collection database is down or refusing connections: retrying later may work.
  STORE_UNAVAILABLE: 503,
  // A reload replaced the model while the request waited for it; sent again, it reaches the new one.
  MODEL_RETIRED: 503,
  REQUEST_TIMEOUT: 504,
};

// 5xx codes that are the server's state rather than a fault: their message is meant for the
// client, so it is sent as it is and nothing is logged at error level.
const EXPECTED_5XX = new Set([
  'SHUTTING_DOWN',
  'MODEL_RETIRED',
  'REQUEST_TIMEOUT',
  'STORE_UNAVAILABLE',
]);

// Overloads worth retrying after a pause (RFC 9110, section 10.2.3): one second, the order of a
// few batches' worth of forward passes.
const RETRY_AFTER: Record<string, string> = {
  QUEUE_FULL: '1',
  SHUTTING_DOWN: '1',
  MODEL_RETIRED: '1',
};

// Families of codes, so a model's own `AUDIO_DECODE_FAILED` or `TEXT_TOO_LARGE` needs no entry
// here. Anything that matches none of them is a server fault.
const FAMILIES: Array<[RegExp, ContentfulStatusCode]> = [
  [/_DECODE_FAILED$/, 400],
  // e.g. IMAGE_EMPTY: a well-formed file with no pixels.
  [/_EMPTY$/, 400],
  [/^INVALID_/, 400],
  [/_TOO_LARGE$/, 413],
  // e.g. TEXT_TOO_LONG, over limits.maxTextLength.
  [/_TOO_LONG$/, 413],
  // e.g. AUDIO_UNSUPPORTED_ENCODING: a well-formed file in an encoding the model cannot read.
  [/_UNSUPPORTED_(ENCODING|FORMAT)$/, 415],
];

const INTERNAL_MESSAGE = 'internal server error; the cause was logged on the server';

/**
 * The HTTP status for a ManyViewsError code.
 *
 * @param code a stable UPPER_SNAKE code
 * @returns 400 to 429 (and 499) for the client errors listed in the README, 503 and 504 for the
 *   server's overload and timeout codes, else 500
 */
export function statusForCode(code: string): ContentfulStatusCode {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  for (const [pattern, status] of FAMILIES) if (pattern.test(code)) return status;
  return 500;
}

/**
 * Turns anything a handler threw into the response to send. Only here do error codes become
 * statuses; the rest of the server throws `ManyViewsError` and never builds an error response.
 *
 * A client error keeps its code and message (written for the caller, with what was expected and
 * what was received); a server error becomes `INTERNAL_ERROR` with a generic message, so no
 * stack, path or model detail leaks out.
 *
 * @param err whatever was thrown
 */
export function mapError(err: unknown): MappedError {
  if (err instanceof ManyViewsError) {
    const status = statusForCode(err.code);
    if (status < 500 || EXPECTED_5XX.has(err.code)) {
      // The message already carries "expected ..., received ..." in words.
      const body = { error: { code: err.code, message: err.message } };
      const retryAfter = RETRY_AFTER[err.code];
      return retryAfter === undefined
        ? { status, body, internal: false }
        : { status, body, internal: false, headers: { 'Retry-After': retryAfter } };
    }
  }

  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own middleware throws these; keep the status, give the body our shape.
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'BODY_TOO_LARGE' : 'BAD_REQUEST';
    return {
      status,
      body: { error: { code, message: err.message || 'bad request' } },
      internal: false,
    };
  }

  return {
    status: 500,
    body: { error: { code: 'INTERNAL_ERROR', message: INTERNAL_MESSAGE } },
    internal: true,
  };
}
