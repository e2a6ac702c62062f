/** The seed CI uses when FC_SEED is not set. Changing it is a visible commit. */
export const DEFAULT_SEED = 20260527;

/** The fast-check seed of this run: FC_SEED if set (an integer), else {@link DEFAULT_SEED}. */
export function propertySeed(): number {
  const raw = process.env.FC_SEED;
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return seed;
}

/**
 * Runs for a property: FC_NUM_RUNS if set, else the property's own default
 * (expensive reference properties use fewer runs than cheap ones).
 */
export function runs(defaultRuns: number): number {
  const raw = process.env.FC_NUM_RUNS;
  return raw ? Number(raw) : defaultRuns;
}
