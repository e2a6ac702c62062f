/**
 * The self-check of a vector directory as a {@link ConformReport}, so that
 * every reporter (human, JSON, TAP, JUnit) serves it too.
 * @module
 */
import type { CaseResult, ConformReport } from '../report-types.js';
import { isCacheVector, type AnyLoadedVector } from './read-set.js';
import { selfCheckVector } from './self-check.js';
import { selfCheckCacheVector } from './self-check-v2.js';

/**
 * Re-derives every vector's expectation with the reference (and, for a v2
 * cache case, the verifier's verdict) and reports each as a case (`vector`
 * failure when it does not hold).
 * @lemma prop:uniform-weights-fail
 * @lemma prop:orthonormal-floor
 * @lemma def:compressed-cache
 */
export function selfCheckReport(vectors: readonly AnyLoadedVector[], source: string): ConformReport {
  const started = Date.now();
  const cases: CaseResult[] = vectors.map((v) => {
    const { problem } = isCacheVector(v) ? selfCheckCacheVector(v) : selfCheckVector(v);
    const base = { id: v.vector.id, family: v.file, anchor: v.vector.anchor, n: v.inst.n, d: v.inst.d, dv: v.inst.dv, rho: v.rho, eps: v.eps };
    return problem === null ? { ...base, status: 'pass' } : { ...base, status: 'fail', failure: { reason: 'vector', message: problem } };
  });
  const failed = cases.filter((c) => c.status === 'fail').length;
  return {
    protocol: 1,
    implementation: { command: `self-check of ${source} (decimal.js reference)`, name: 'reference' },
    seed: 0,
    cases,
    counterexamples: [],
    passed: cases.length - failed,
    failed,
    seconds: (Date.now() - started) / 1000,
  };
}
