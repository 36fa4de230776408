/**
 * Linear warm-up then cosine decay to zero (Goyal et al. 2017; Loshchilov and Hutter 2017), the
 * schedule SimCLR trains with.
 *
 * @param step current step, from 0
 * @param totalSteps steps of the whole run
 * @param baseLr peak learning rate
 * @param warmupSteps steps of linear warm-up (default 0)
 * @returns the learning rate at `step`
 */
export function warmupCosine(
  step: number,
  totalSteps: number,
  baseLr: number,
  warmupSteps = 0,
): number {
  if (warmupSteps > 0 && step < warmupSteps) return (baseLr * (step + 1)) / warmupSteps;
  const span = Math.max(1, totalSteps - warmupSteps);
  const t = Math.min(1, (step - warmupSteps) / span);
  return baseLr * 0.5 * (1 + Math.cos(Math.PI * t));
}
