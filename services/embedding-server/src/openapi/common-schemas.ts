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

/** A vector given by the caller. */
export const VectorSchema = z
  .array(z.number().refine(Number.isFinite, 'a finite number'))
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

/** Multipart fields: plain fields and file uploads, documented loosely. */
export const MultipartSchema = z
  .record(z.string(), z.string())
  .meta({ description: 'model (and k), then one or more file uploads under any field names' });
