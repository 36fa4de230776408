import { describeValue, ManyViewsError } from '@manyviews/augment-core';
import type { ModelInput, ServedModel } from './model-port.js';

/**
 * Runs a model on the inputs and checks what comes back against the port's promise: one
 * Float32Array of `manifest.embeddingDim` finite values per input.
 *
 * A model that breaks the promise is a server fault, not the caller's, so it surfaces as a 500
 * (`MODEL_OUTPUT_MISMATCH`, logged) rather than a wrong answer. A model that throws something
 * other than an Error still ends as a 500, because Hono's error handler only sees Errors.
 *
 * @param model the model to run
 * @param inputs at least one input
 * @returns one vector per input, in order
 * @throws whatever `model.embed` throws (ManyViewsError codes pass through to the error mapping)
 */
export async function embedInputs(
  model: ServedModel,
  inputs: ModelInput[],
): Promise<Float32Array[]> {
  let vectors: unknown;
  try {
    vectors = await model.embed(inputs);
  } catch (e) {
    if (e instanceof Error) throw e;
    throw new Error(`model ${model.name} threw a non-Error: ${describeValue(e)}`, { cause: e });
  }

  const dim = model.manifest.embeddingDim;
  if (!Array.isArray(vectors) || vectors.length !== inputs.length) {
    throw mismatch(model, `${inputs.length} vectors`, vectors);
  }
  for (const [i, v] of vectors.entries()) {
    if (!(v instanceof Float32Array) || v.length !== dim) {
      throw mismatch(model, `Float32Array(${dim}) for every input`, v);
    }
    // NaN and Infinity would leave as JSON nulls, and every score against them as NaN.
    const bad = v.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      throw mismatch(
        model,
        'finite values in every vector',
        `${v[bad]} in input ${i}, dimension ${bad}`,
      );
    }
  }
  return vectors as Float32Array[];
}

function mismatch(model: ServedModel, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError(
    'MODEL_OUTPUT_MISMATCH',
    `model ${model.name} returned the wrong output`,
    {
      expected,
      received,
    },
  );
}
