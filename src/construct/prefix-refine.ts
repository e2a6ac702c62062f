/**
 * The sup-aware refinement of a prefix of one greedy run (the ε-targeted
 * search's coresets are prefixes of a run with snapshots).
 * @module
 */
import type { Coreset, Instance } from '../types.js';
import { massCalibrated } from './build.js';
import type { HerdResult } from './herd.js';
import type { PreparedTarget } from './pipeline.js';
import { supRefine, type SupRefineOptions } from './sup-refine.js';

/**
 * Refines the first `m` rows of a greedy run with their snapshot weights
 * (`supRefine` on the leading m × m block of the run's Gram matrix and the
 * first m mean embeddings), mass-calibrated. The refinement returns its
 * input unless it gains (`lem:sup-refinement`), so the result is never worse
 * over the refinement's witness set than the plain prefix.
 * @lemma lem:sup-refinement
 */
export function refinedPrefix(
  inst: Instance,
  prep: PreparedTarget,
  run: HerdResult & { pool: Uint32Array },
  m: number,
  options: SupRefineOptions,
): Coreset {
  const size = run.rows.length;
  const G = new Float64Array(m * m);
  for (let a = 0; a < m; a++) G.set(run.gram.subarray(a * size, a * size + m), a * m);
  const r = supRefine(inst, prep.target, run.pool, run.rows.subarray(0, m), run.snapshots[m - 1], G, run.mean.subarray(0, m), prep.kernel, options);
  return massCalibrated(r.rows, r.weights, inst.n);
}
