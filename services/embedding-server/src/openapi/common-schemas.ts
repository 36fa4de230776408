import { z } from 'zod';

/** The body of every 4xx and 5xx response. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable UPPER_SNAKE code, e.g. MODEL_NOT_FOUND' }),
      message: z.string().meta({ description: 'What was expected and what was received' }),
    }),
  })
  .meta({ description: 'The body of every 4xx and 5xx response' });

/** A model name as requests give it. */
export const ModelNameSchema = z
  .string()
  .min(1)
  .meta({ description: 'A loaded model, as listed by GET /v1/models' });

/**
 * One input: base64 (or a `data:` URL) of a file for image and audio models, the text itself for
 * text models.
 */
export const InputSchema = z.string().min(1).meta({
  description: 'Base64 or a data: URL of a file (image, audio models), or the text itself',
});

/** The largest finite float32, `(2 - 2^-23) * 2^127`: vectors are stored as float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A vector given by the caller. Each value must fit a float32, which is how vectors are stored
 * and compared: a finite JSON number such as 1e39 overflows to Infinity there.
 */
export const VectorSchema = z
  .array(
    z
      .number()
      .refine(
        (v) => Math.abs(v) <= FLOAT32_MAX,
        `a number a float32 holds (|x| <= ${FLOAT32_MAX.toExponential(7)})`,
      ),
  )
  .min(1)
  .meta({ description: 'Embedding values, as many as the model’s embeddingDim' });

/** An item's metadata: a flat object of JSON scalars and lists of them. */
export const MetadataSchema = z
  .record(
    z.string(),
    z.union(
      [z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))],
      // What a client is told when a value is none of these (see expectationOf).
      {
        error:
          'a string, number, boolean, null, or a list of strings and numbers (no nested objects, no booleans in lists)',
      },
    ),
  )
  .meta({ description: 'Flat object: strings, numbers, booleans, null, or lists' });

/**
 * `k` of a search, bounded by the server's `limits.maxK` so that the document states the limit
 * that is enforced.
 *
 * @param maxK the largest `k` (limits.maxK)
 * @param defaultK what an absent `k` means
 */
export function kSchema(maxK: number, defaultK: number) {
  return z
    .number()
    .int()
    .min(1)
    .max(maxK)
    .optional()
    .meta({ description: `How many results, 1 to ${maxK} (limits.maxK); default ${defaultK}` });
}

/** Multipart fields: plain fields and file uploads, documented loosely. */
export const MultipartSchema = z
  .record(z.string(), z.string())
  .meta({ description: 'model (and k), then one or more file uploads under any field names' });
