/**
 * The report of `attn-coreset demo`: the data of `attn-coreset report` for
 * the ε-targeted build it has just made, reusing that build's verdict and
 * search, so that the demo stays fast.
 * @module
 */
import type { EpsBuildResult } from '../construct/targeted.js';
import type { Instance } from '../types.js';
import { reportData, type ReportData } from './data.js';

/**
 * Computes {@link reportData} for the coreset of an ε-targeted build
 * (`def:eps-coreset`) without verifying it again: the verdict is the
 * build's final verification, the builder's size–error points are the
 * search's own checks against the instance (the largest error found per
 * size, a lower bound), the baselines are run at three searched sizes, and
 * the value refit starts from the returned coreset.
 * @lemma def:eps-coreset
 * @lemma emp:size-constant
 */
export function demoReportData(inst: Instance, r: EpsBuildResult): ReportData {
  const bySize = new Map<number, number>();
  for (const t of r.trials) if (t.against === 'instance') bySize.set(t.size, Math.max(bySize.get(t.size) ?? 0, t.lower));
  const builder = [...bySize].sort((a, b) => a[0] - b[0]);
  // The baselines at three of the searched sizes (smallest, returned, largest): each size costs ≈ 0.2 s.
  const sizes = [...new Set([builder[0]?.[0], r.size, builder[builder.length - 1]?.[0]])].filter((m): m is number => m !== undefined);
  return reportData({
    inst,
    compressed: r.coreset,
    size: r.size,
    rho: r.rho,
    eps: r.eps,
    seed: r.seed,
    verdict: r.verification,
    sweep: { sizes, builder, refitFrom: [r.coreset] },
  });
}
