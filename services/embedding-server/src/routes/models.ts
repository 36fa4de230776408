import { z } from 'zod';
import type { ServedModel } from '../model-port.js';
import { modelVersionOf } from '../model-version.js';
import type { RouteDef } from '../route-def.js';
import type { RouteDeps } from './route-deps.js';

/** One entry of `GET /v1/models`. */
export interface ModelSummary {
  name: string;
  domain: string;
  embeddingDim: number;
  /** From the manifest; null when it has none. */
  inputShape: unknown;
  objective: unknown;
  evaluation: unknown;
  /** Every other manifest field follows as it is. */
  [field: string]: unknown;
  hasIndex: boolean;
  indexSize: number;
  /** The model version vectors made by it are tagged with (see `modelVersion`). */
  version: string;
}

/** The response of `GET /v1/models`. */
export const ModelsResponseSchema = z.object({
  data: z.array(
    z.looseObject({
      name: z.string(),
      domain: z.string(),
      embeddingDim: z.number().int(),
      inputShape: z.unknown(),
      objective: z.unknown(),
      evaluation: z.unknown(),
      hasIndex: z.boolean(),
      indexSize: z.number().int(),
      version: z.string().meta({
        description: 'Hash of manifest.json and weights.bin; stored vectors record it',
      }),
    }),
  ),
});

// Fields the summary sets itself; a manifest's own copy of one of them is not repeated.
const OWN = new Set(['name', 'domain', 'embeddingDim', 'inputShape', 'objective', 'evaluation']);
const DERIVED = new Set(['hasIndex', 'indexSize', 'version']);

/**
 * Describes a model from its manifest: the fields clients look for first, then the rest of the
 * manifest unchanged, then what the server knows about its index.
 */
export function summarizeModel(model: ServedModel): ModelSummary {
  const { manifest } = model;
  const rest = Object.entries(manifest).filter(([key]) => !OWN.has(key) && !DERIVED.has(key));

  return {
    name: model.name,
    domain: manifest.domain,
    embeddingDim: manifest.embeddingDim,
    inputShape: manifest.inputShape ?? null,
    objective: manifest.objective ?? null,
    evaluation: manifest.evaluation ?? null,
    ...Object.fromEntries(rest),
    hasIndex: model.index !== undefined,
    indexSize: model.index?.ids.length ?? 0,
    version: modelVersionOf(model),
  };
}

/**
 * `GET /v1/models`: every loaded model, sorted by name.
 *
 * @returns `{ data: ModelSummary[] }`
 */
export function modelsRoute({ registry }: Pick<RouteDeps, 'registry'>): RouteDef {
  return {
    method: 'GET',
    path: '/v1/models',
    operationId: 'listModels',
    summary: 'The loaded models, from their manifests',
    tag: 'models',
    access: 'read',
    responses: { 200: { description: 'Sorted by name', schema: ModelsResponseSchema } },
    handler: function models(c) {
      return c.json({ data: [...registry].map(summarizeModel) });
    },
  };
}
