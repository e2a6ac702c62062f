/**
 * `verify()`: a sandwich lower ≤ E(w) ≤ upper and a verdict (DESIGN §3).
 * @module
 */
import { Decimal } from 'decimal.js';
import { coresetErrorBound, evaluationProfile, gamma } from '../fast/float-error.js';
import { coresetError } from '../fast/coreset-error.js';
import { euclideanNorm } from '../fast/norm.js';
import { InputError, InternalError } from '../errors.js';
import * as Ref from '../reference/index.js';
import { validateCache } from '../cache.js';
import { isCache } from '../fast/support.js';
import { unionRows } from '../fast/union.js';
import type { Cache, Compressed, Instance } from '../types.js';
import { normalizeCoreset, validateInstance, validatePositive, type NormalizedCoreset } from '../validate.js';
import { makePair } from './batch.js';
import { branchAndBound, spanOf } from './branch-and-bound.js';
import { cellDefect } from './cell-defect.js';
import { leadingSpanOf, MAX_SPAN_RANK, type KeySpan } from './span.js';
import { defaultBudget, defaultNodes, MAX_BUDGET, REFERENCE_ALWAYS_LIMIT, REFERENCE_DIGITS } from './defaults.js';
import { falsify } from './falsify.js';
import { queryErrors, validateQueries } from './queries.js';
import { RKHS_MAX_N, rkhsCertificate } from './rkhs.js';
import type { UpperMethod, Verdict, VerifyOptions, VerifyResult, WitnessCheck, WitnessProof } from './types.js';
import { subsetMeasure } from './measure.js';
import { cacheMeasure } from './cache-measure.js';
import { MOMENT_MAX_ROWS, momentCertificate } from './moment.js';
import { intoBall } from './witness.js';
import { bnbProbeNodes, bnbProjectedNodes, bnbWorthContinuing } from './bnb-routing.js';
import type { BranchAndBoundResult } from './branch-and-bound.js';
import { coresetErrorFixed } from '../reference/fixed/coreset-error.js';

/** The exact-in-the-reals lower bound at a witness, and how it was obtained. */
interface WitnessValue {
  readonly value: number;
  readonly method: string;
  readonly proof: WitnessProof;
}

/**
 * Rounds a decimal down to a double ≤ it (the reference value is the
 * truth up to 40 digits; one ulp down more than covers its last-digit
 * rounding), so `lower` never overstates.
 */
function downToDouble(x: number): number {
  return x * (1 - 4 * 2 ** -53);
}

/** Rounds value − bound down, so the fixed-point lower bound never overstates. */
const FLOOR = Decimal.clone({ precision: 30, rounding: Decimal.ROUND_FLOOR });

/** The compressed side as the verifier holds it: a merged subset or a checked cache. */
type Checked = NormalizedCoreset | Cache;

function witnessValue(inst: Instance, c: Checked, q: Float64Array, eps: number, scale: number, force: boolean, check: WitnessCheck = 'auto'): WitnessValue {
  const fast = coresetError(inst, q, c, { scale });
  const bound = coresetErrorBound(evaluationProfile(inst, q, null, { scale }), evaluationProfile(inst, q, c, { scale }));
  const cheap = inst.n * (inst.d + inst.dv) <= REFERENCE_ALWAYS_LIMIT;
  const floatLower = Math.max(0, (fast - bound) * (1 - gamma(2)));
  const mayFail = (fast + bound) * (1 + gamma(2)) > eps;
  // 'auto': the float bound is the proof whenever it already decides the
  // comparison with ε (floatLower > ε proves fail); the reference runs only
  // when the witness sits within the bound of ε.
  const needReference = check === 'reference' ? mayFail : check === 'auto' ? mayFail && !(floatLower > eps) : false;
  if ((force || needReference) && !cheap) {
    // Large instances: exact logits and a certified fixed-point exponential
    // (lem:exact-fixed-point-logits), the same 40 digits in seconds.
    const fx = coresetErrorFixed(inst, q, c, { digits: REFERENCE_DIGITS, scale });
    const low = new FLOOR(fx.value).minus(fx.bound).toNumber();
    return { value: Math.max(0, downToDouble(low)), method: `exact fixed-point logits (${REFERENCE_DIGITS} digits, error ≤ ${fx.bound.toExponential(1)})`, proof: 'fixed-point' };
  }
  if (force || cheap || needReference) {
    const ref = Ref.coresetError(inst, q, c, { digits: REFERENCE_DIGITS, scale }).toNumber();
    // The reference is within 10^{1−digits}·(|err| + 2R_v) of the exact value
    // (final rounding plus its guard-digit work on both attention outputs).
    const allowance = 10 ** (1 - REFERENCE_DIGITS) * (ref + 2 * valueRadius(inst, c));
    return { value: Math.max(0, downToDouble(ref - allowance)), method: `reference (${REFERENCE_DIGITS} digits)`, proof: 'reference' };
  }
  return { value: floatLower, method: 'binary64 minus lem:float-error bound', proof: 'float-bound' };
}

/** max‖v_i‖ over the instance and (for a cache) its rows, rounded up. */
function valueRadius(inst: Instance, c: Checked): number {
  let best = 0;
  const scan = (V: Float64Array, rows: number): void => {
    for (let i = 0; i < rows; i++) {
      let t = 0;
      for (let a = 0; a < inst.dv; a++) t += V[i * inst.dv + a] ** 2;
      best = Math.max(best, t);
    }
  };
  scan(inst.V, inst.n);
  if (isCache(c)) scan(c.V, c.m);
  return Math.sqrt(best) * (1 + gamma(inst.dv + 2));
}

function verdictOf(lower: number, upper: number, eps: number): Verdict {
  // Second line of defence: the bounds are computed to be finite or +∞;
  // a NaN here is a bug and must not become a verdict.
  if (Number.isNaN(lower) || Number.isNaN(upper) || !Number.isFinite(lower)) {
    throw new InternalError(`verdict from lower = ${lower}, upper = ${upper}: a bound is not a number`);
  }
  if (lower > eps) return 'fail';
  if (upper <= eps) return 'certified';
  return 'not-refuted';
}

/**
 * With an explicit `bnbTolerance` the caller asks for the sup, not only the
 * verdict: the node limit is raised by this factor (each node is a few
 * evaluations, so the default limit's few seconds become about ten times that).
 */
const TOLERANCE_NODE_FACTOR = 8;

/**
 * The residual branch-and-bound runs (in `'auto'`) only when its floor,
 * 4R_v·tanh(|s|ρē/2) (a cell at the centre, `lem:residual-reduction`), is
 * below this fraction of the best upper bound so far and of 2R_v (which
 * bounds every error): above it the bound cannot gain enough to pay for
 * its node budget (keys of full rank 16 once spent minutes on it).
 */
const RESIDUAL_FLOOR_FRACTION = 0.5;

/** Extra options of {@link verify} beyond the shared contract. */
export interface VerifyExtraOptions extends VerifyOptions {
  /**
   * `'auto'`: the RKHS certificate when n ≤ `RKHS_MAX_N` (n + m for a
   * cache: its pair loop runs over both row sets); `'always'`;
   * `'never'`.
   * @defaultValue 'auto'
   */
  readonly rkhs?: 'auto' | 'always' | 'never';
  /**
   * Branch-and-bound tolerance on the sup when the keys span ≤ 4 dimensions
   * (absolute, on E(w)). Without it the search also stops as soon as the
   * verdict is settled (upper ≤ ε or lower > ε). @defaultValue min(ε/20, 1e-3)
   */
  readonly bnbTolerance?: number;
  /** Branch-and-bound node limit. @defaultValue defaultNodes(n, rank, dv) */
  readonly bnbNodes?: number;
  /**
   * Recompute the witness to 40 digits even for large n. Above
   * `REFERENCE_ALWAYS_LIMIT` every 40-digit recomputation is the exact-logit
   * fixed-point one (`lem:exact-fixed-point-logits`, ≈ 2 s at n = 65,536,
   * d = dv = 64; the decimal.js reference took 70–345 s there), below it the
   * decimal.js reference. @defaultValue false
   */
  readonly alwaysReference?: boolean;
  /**
   * How a witness that may decide `fail` is confirmed when n·(d + dv) is
   * above `REFERENCE_ALWAYS_LIMIT`: `'auto'` (binary64 minus its
   * `lem:float-error` bound when that alone exceeds ε, equally rigorous and
   * milliseconds; the 40-digit recomputation only when the witness lies
   * within the bound of ε), `'reference'` (the 40-digit recomputation for
   * every witness that may decide `fail`) or `'float-bound'`
   * (never the reference; for search loops such as the builder's ε-targeted
   * search).
   * @defaultValue 'auto'
   */
  readonly witnessCheck?: WitnessCheck;
  /**
   * `'auto'`: the moment certificate (`lem:moment-certificate`) when
   * its rows (n, or n + m for a cache) are ≤ `MOMENT_MAX_ROWS` and the verdict is not yet settled by the
   * witness or the other bounds (it costs seconds at n = 4096);
   * `'always'`; `'never'`. @defaultValue 'auto'
   */
  readonly moment?: 'auto' | 'always' | 'never';
  /**
   * Branch-and-bound on a span of ≤ 4 dimensions the keys are only near
   * (`lem:residual-reduction`), when they span more: `'auto'` when its
   * floor is below `RESIDUAL_FLOOR_FRACTION` of the other bounds and the
   * verdict is open (or `bnbTolerance` asks for the sup); `'always'`;
   * `'never'`. @defaultValue 'auto'
   */
  readonly residual?: 'auto' | 'always' | 'never';
}

function checkOptions(inst: Instance, o: VerifyExtraOptions): void {
  validatePositive(o.rho, 'rho');
  validatePositive(o.eps, 'eps');
  if (o.budget !== undefined && (!Number.isInteger(o.budget) || o.budget < 1 || o.budget > MAX_BUDGET)) {
    throw new InputError('parameter', 'budget', `must be an integer in 1..${MAX_BUDGET} (MAX_BUDGET), got ${o.budget}`);
  }
  if (o.seed !== undefined && !Number.isFinite(o.seed)) throw new InputError('parameter', 'seed', `must be a finite number, got ${o.seed}`);
  if (o.scale !== undefined && !Number.isFinite(o.scale)) throw new InputError('parameter', 'scale', `must be finite, got ${o.scale}`);
  if (o.scope !== undefined && o.scope !== 'ball' && o.scope !== 'queries') {
    throw new InputError('parameter', 'scope', `must be 'ball' or 'queries', got ${String(o.scope)}`);
  }
  if (o.bnbTolerance !== undefined) validatePositive(o.bnbTolerance, 'bnbTolerance');
  if (o.witnessCheck !== undefined && !['auto', 'reference', 'float-bound'].includes(o.witnessCheck)) {
    throw new InputError('parameter', 'witnessCheck', `must be 'auto', 'reference' or 'float-bound', got ${String(o.witnessCheck)}`);
  }
  if (o.residual !== undefined && !['auto', 'always', 'never'].includes(o.residual)) {
    throw new InputError('parameter', 'residual', `must be 'auto', 'always' or 'never', got ${String(o.residual)}`);
  }
  if (o.queries !== undefined) validateQueries(o.queries, inst.d, o.rho);
  checkLogitRange(inst, o.rho, o.scale ?? 1);
}

/**
 * Refuses a ball whose logits leave binary64 (`def:representable-output`):
 * over B_ρ the largest |logit| is |s|·ρ·max‖k_i‖, and the search evaluates
 * in binary64, so past 1.8e308 it could only see NaN. Only the product
 * matters, which the message says.
 */
function checkLogitRange(inst: Instance, rho: number, scale: number): void {
  let rk = 0;
  for (let i = 0; i < inst.n; i++) rk = Math.max(rk, euclideanNorm(inst.K, i * inst.d, inst.d));
  const top = Math.abs(scale) * rho * rk;
  if (!Number.isFinite(top)) {
    throw new InputError('overflow', 'rho', `|scale|·ρ·max‖k_i‖ = ${Math.abs(scale)}·${rho}·${rk} exceeds the largest binary64 (1.8e308): logits over the ball are not doubles; lower ρ or the scale (only their product matters)`);
  }
}

/**
 * Computes a verdict on whether `coreset` is an ε-coreset of `inst` over
 * B_ρ (`def:eps-coreset`), with evidence: lower ≤ E(w) ≤ upper.
 *
 * Method: lower: {@link falsify} (projected gradient ascent with the
 * analytic Jacobian, `lem:attention-jacobian`), witness pulled exactly into
 * the ball and recomputed by the reference; upper: the RKHS certificate
 * (`lem:rkhs-certificate`) and, when the keys span ≤ 4 dimensions, the
 * branch-and-bound (`lem:branch-and-bound`), or when they only lie near
 * such a span the residual branch-and-bound (`lem:residual-reduction`),
 * whichever is smallest. Branch-and-bound on a span runs a probe of
 * `bnbProbeNodes` first and the rest of its node limit only after the RKHS
 * and moment certificates, when its projected node count to go below them
 * is within reach (`bnbWorthContinuing`: ×4 per level, 2^rank boxes a level);
 * an explicit `bnbTolerance` or `bnbNodes` runs the whole limit at once. Verdict `fail` iff lower > ε,
 * `certified` iff upper ≤ ε, else `not-refuted`. With `scope: 'queries'`
 * the sup is over the given queries only: lower is the reference error at
 * the worst one, upper the largest binary64 error plus its `lem:float-error`
 * bound.
 *
 * The compressed side may be a weighted subset or a cache
 * (`def:compressed-cache`): one verifier, the same falsifier, certificates
 * and witness re-check for both (`lem:cache-error-identity`,
 * `lem:cache-rkhs-certificate`, `lem:cache-moment-certificate`,
 * `lem:cache-branch-and-bound`).
 *
 * Special cases: repeated coreset indices are merged (weights add) and
 * counted in `repeatedIndices` (0 for a cache).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { buildCoreset, sphereInstance, verify } from 'attn-coreset';
 *
 * const two = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };
 * const all = { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, 1) };
 * assert.equal(verify(two, all, { rho: 1, eps: 0.1 }).verdict, 'certified'); // the full set
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const { coreset } = buildCoreset(inst, { rho: 1, size: 16, seed: 1 });
 * const v = verify(inst, coreset, { rho: 1, eps: 0.05, seed: 1 });
 * // verdict 'fail' (a witness, proved), 'certified' (upper ≤ ε) or 'not-refuted'
 * console.log(v.verdict, v.lower, v.upper, v.upperMethod);
 * ```
 * @lemma def:eps-coreset
 * @lemma lem:rkhs-certificate
 * @lemma lem:branch-and-bound
 * @lemma def:compressed-cache
 * @lemma lem:cache-moment-certificate
 * @lemma lem:moment-certificate
 * @lemma lem:residual-reduction
 */
export function verify(inst: Instance, coreset: Compressed, options: VerifyExtraOptions): VerifyResult {
  const t0 = performance.now();
  validateInstance(inst);
  checkOptions(inst, options);
  let c: Checked;
  if (isCache(coreset)) {
    validateCache(coreset, inst.d, inst.dv);
    c = coreset;
  } else {
    c = normalizeCoreset(coreset, inst.n);
  }
  const repeated = isCache(c) ? 0 : c.repeated;
  const { rho, eps } = options;
  const scale = options.scale ?? 1;
  const seconds = (): number => (performance.now() - t0) / 1000;
  if (options.scope === 'queries') {
    const Q = options.queries;
    if (Q === undefined || Q.length === 0) throw new InputError('usage', 'queries', "scope 'queries' needs at least one query");
    const qe = queryErrors(inst, c, Q, scale);
    const witness = Q.slice(qe.argmax * inst.d, (qe.argmax + 1) * inst.d);
    const wv = witnessValue(inst, c, witness, eps, scale, true);
    const upper = Math.max(qe.upper, wv.value);
    return {
      verdict: verdictOf(wv.value, upper, eps),
      lower: wv.value,
      witness,
      upper,
      methods: [`queries: ${wv.method}`, 'queries: binary64 + lem:float-error'],
      upperMethod: 'queries',
      witnessProof: wv.proof,
      evaluations: Q.length / inst.d,
      seconds: seconds(),
      repeatedIndices: repeated,
    };
  }
  const pair = makePair(inst, c, scale);
  const budget = options.budget ?? defaultBudget(inst.n, inst.d, inst.dv);
  const f = falsify(pair, { rho, budget, seed: options.seed ?? 0, queries: options.queries, coreRows: isCache(c) ? null : c.indices });
  let witness = intoBall(f.query, rho);
  let wv = witnessValue(inst, c, witness, eps, scale, options.alwaysReference ?? false, options.witnessCheck);
  const methods: string[] = [`falsifier: ${wv.method}`];
  let upper = Infinity;
  let upperMethod: UpperMethod = 'none';
  let evaluations = f.evaluations;
  const nodes = (rank: number): number => options.bnbNodes ?? defaultNodes(inst.n + (isCache(c) ? c.m : 0), rank, inst.dv) * (options.bnbTolerance === undefined ? 1 : TOLERANCE_NODE_FACTOR);
  const tol = options.bnbTolerance ?? Math.min(eps / 20, 1e-3);
  let lastBnbWitness: Float64Array | null = null;
  const runBnb = (span: KeySpan, method: 'branch-and-bound' | 'residual-branch-and-bound', maxNodes = nodes(span.rank)): BranchAndBoundResult => {
    const label = method === 'branch-and-bound' ? method : 'residual branch-and-bound';
    const bb = branchAndBound(inst, c, rho, { scale, tolerance: tol, maxNodes, span, ...(options.bnbTolerance === undefined ? { decideAt: eps } : {}) });
    evaluations += bb.evaluations;
    if (bb.upper < upper) {
      upper = bb.upper;
      upperMethod = method;
    }
    const stopped = bb.complete ? '' : ' (stopped: verdict settled or node limit)';
    methods.push(`${label}: span ${span.rank}${method === 'branch-and-bound' ? '' : `, residual ≤ ${span.residual.toPrecision(3)}`}, ${bb.nodes} nodes, ${bb.upper.toPrecision(4)}${stopped}`);
    // B&B's best point is a witness too; keep whichever is larger. A
    // continued search often ends at its probe's point: that one is checked.
    const bq = intoBall(bb.witness, rho);
    if (lastBnbWitness !== null && bq.every((x, a) => Object.is(x, lastBnbWitness?.[a]))) return bb;
    lastBnbWitness = bq;
    const bv = witnessValue(inst, c, bq, eps, scale, options.alwaysReference ?? false, options.witnessCheck);
    if (bv.value > wv.value) {
      wv = bv;
      witness = bq;
      methods[0] = `${label} witness: ${bv.method}`;
    }
    return bb;
  };
  const span = spanOf(inst, c);
  // Branch-and-bound on a span of ≤ 4 dimensions: a probe first (the whole
  // limit when a tolerance asks for the sup or the caller set the limit), the rest after the other
  // certificates, only when it can plausibly beat them (bnbWorthContinuing).
  const bnbLimit = span.rank <= MAX_SPAN_RANK ? nodes(span.rank) : 0;
  const probeLimit = options.bnbTolerance === undefined && options.bnbNodes === undefined ? bnbProbeNodes(span.rank, bnbLimit) : bnbLimit;
  const probe = span.rank <= MAX_SPAN_RANK ? runBnb(span, 'branch-and-bound', probeLimit) : null;
  let otherBest = Infinity;
  const rk = options.rkhs ?? 'auto';
  // The certificate's pair loop runs over the union of both row sets (the
  // instance itself for a subset), so its size is what RKHS_MAX_N bounds.
  const rows = unionRows(inst, c).rows.n;
  if (rk === 'always' || (rk === 'auto' && rows <= RKHS_MAX_N)) {
    const cert = rkhsCertificate(inst, c, rho, scale);
    methods.push(`rkhs: ${cert.upper.toPrecision(4)} (s = ${cert.s.toPrecision(3)}, Z_min ${cert.zForm})`);
    otherBest = Math.min(otherBest, cert.upper);
    if (cert.upper < upper) {
      upper = cert.upper;
      upperMethod = 'rkhs';
    }
  } else if (rk === 'auto') {
    methods.push(`rkhs skipped: ${isCache(c) ? `n + m = ${rows}` : `n = ${rows}`} > ${RKHS_MAX_N} (O(n²) cost)`);
  }
  const mo = options.moment ?? 'auto';
  if (mo === 'auto' && (wv.value > eps || upper <= eps)) {
    // Seconds at n = 4096: in 'auto' it runs only when it can still change the verdict.
    methods.push('moment skipped: the verdict is already settled');
  } else if (mo === 'always' || (mo === 'auto' && rows <= MOMENT_MAX_ROWS)) {
    // A cache's signed measure lives on the union rows (lem:cache-moment-certificate).
    const mu = isCache(c) ? cacheMeasure(inst, c, rho, scale, true) : subsetMeasure(inst, c, rho, scale, true);
    const cert = momentCertificate(mu, rho, { scale });
    methods.push(`moment: ${cert.upper.toPrecision(4)} (orders ${cert.orders.spectral} spectral + ${cert.orders.frobenius - cert.orders.spectral} trace, Z_min ${cert.zForm})`);
    otherBest = Math.min(otherBest, cert.upper);
    if (cert.upper < upper) {
      upper = cert.upper;
      upperMethod = 'moment';
    }
  } else if (mo === 'auto') {
    methods.push(`moment skipped: ${isCache(c) ? `n + m = ${rows}` : `n = ${rows}`} > ${MOMENT_MAX_ROWS} (O(n²d) cost)`);
  }
  if (probe !== null && !probe.complete && probeLimit < bnbLimit && !(wv.value > eps || upper <= eps)) {
    if (bnbWorthContinuing(probe, span.rank, bnbLimit, otherBest)) runBnb(span, 'branch-and-bound', bnbLimit);
    else {
      const need = bnbProjectedNodes(probe.nodes, probe.upper, otherBest, span.rank);
      methods.push(`branch-and-bound stopped after its probe: ${probe.upper.toPrecision(3)} at ${probe.nodes} nodes would need ~${need.toPrecision(2)} nodes (limit ${bnbLimit}) to go below ${otherBest.toPrecision(3)}`);
    }
  }
  if (span.rank > MAX_SPAN_RANK && (options.residual === 'always' || ((options.residual ?? 'auto') === 'auto' && !(wv.value > eps)))) {
    // Keys near a span of ≤ 4 dimensions (lem:residual-reduction): worth
    // its node budget only when its floor, the residual term of a cell at
    // the centre, leaves room below the best bound so far.
    const lead = leadingSpanOf(inst, c, MAX_SPAN_RANK);
    // Against the other bounds and against 2R_v, which bounds every error.
    const Rv = valueRadius(inst, c);
    const floor = cellDefect(lead, rho, scale, Rv, 0, 0);
    const room = Math.min(upper, 2 * Rv) * RESIDUAL_FLOOR_FRACTION;
    if (options.residual === 'always' || (floor < room && !(upper <= eps && options.bnbTolerance === undefined))) runBnb(lead, 'residual-branch-and-bound');
    else methods.push(`residual branch-and-bound skipped: ${upper <= eps ? 'the verdict is already settled' : `its floor ${floor.toPrecision(3)} (residual ≤ ${lead.residual.toPrecision(3)}) leaves no room below ${Math.min(upper, 2 * Rv).toPrecision(3)}`}`);
  }
  if (wv.value > upper) {
    throw new InternalError(`lower bound ${wv.value} exceeds certified upper bound ${upper}: a bound is wrong`);
  }
  return {
    verdict: verdictOf(wv.value, upper, eps),
    lower: wv.value,
    witness,
    upper,
    methods,
    upperMethod,
    witnessProof: wv.proof,
    evaluations,
    seconds: seconds(),
    repeatedIndices: repeated,
  };
}
