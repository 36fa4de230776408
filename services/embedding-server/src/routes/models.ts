import type { Handler } from 'hono';
import type { ServedModel } from '../model-port.js';
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
}

// Fields the summary sets itself; a manifest's own copy of one of them is not repeated.
const OWN = new Set(['name', 'domain', 'embeddingDim', 'inputShape', 'objective', 'evaluation']);
const DERIVED = new Set(['hasIndex', 'indexSize']);

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
  };
}

/**
 * `GET /v1/models`: every loaded model, sorted by name.
 *
 * @returns `{ data: ModelSummary[] }`
 */
export function modelsRoute({ registry }: Pick<RouteDeps, 'registry'>): Handler {
  return function models(c) {
    return c.json({ data: [...registry].map(summarizeModel) });
  };
}
