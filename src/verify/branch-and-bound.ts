/**
 * Exact (to a requested tolerance) sup of err_w over the ball when the keys
 * span at most 4 dimensions (`lem:branch-and-bound`), and an upper bound
 * when they only lie near such a span, each cell widened by what the
 * residuals can do to its logits (`lem:residual-reduction`).
 * @module
 */
import { attention } from '../fast/attention.js';
import { coresetErrorBound, evaluationProfile, gamma, jacobianErrorBound } from '../fast/float-error.js';
import { attentionJacobian } from '../fast/jacobian.js';
import { InputError } from '../errors.js';
import { isCache } from '../fast/support.js';
import { unionRows } from '../fast/union.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';
import { cellDefect } from './cell-defect.js';
import type { Expansion } from './cell-expansion.js';
import { translatedCellBound } from './cell-translate.js';
import { cellMeasure, centreData, recentredCell } from './local-cell.js';
import { keySpan, MAX_SPAN_RANK, type KeySpan } from './span.js';

export { keySpan, spanOf, type KeySpan } from './span.js';

/** Options of {@link branchAndBound}. */
export interface BranchAndBoundOptions {
  /** Stop when upper − lower ≤ tolerance. */
  readonly tolerance: number;
  /** Also stop when upper − lower ≤ this × lower. @defaultValue 0 */
  readonly relativeTolerance?: number;
  /** Stop (with a valid, looser upper bound) after this many evaluated boxes. */
  readonly maxNodes: number;
  /** Stop (with a valid, looser upper bound) after this many seconds. @defaultValue none */
  readonly maxSeconds?: number;
  /** @defaultValue 1 */
  readonly scale?: number;
  /**
   * Also stop once the question "is E(w) ≤ this?" is settled: upper ≤ it,
   * or lower > it (verify() passes ε). @defaultValue none
   */
  readonly decideAt?: number;
  /**
   * A precomputed {@link keySpan} of the instance, or a `leadingSpan` the
   * keys are only near (`lem:residual-reduction`: each cell's bound then adds
   * its residual term).
   */
  readonly span?: KeySpan;
  /**
   * Tighten each cell that reaches the top of the queue with the recentred
   * bound of `lem:recentred-cell-bound` (the smaller of the two is kept).
   * @defaultValue true
   */
  readonly recentred?: boolean;
}

/** Result of {@link branchAndBound}. */
export interface BranchAndBoundResult {
  /** Certified upper bound on E(w). */
  readonly upper: number;
  /**
   * Largest binary64 error of the reduced instance found at a ball point (a
   * lower estimate of the sup when the keys lie in the span; with a residual
   * span only of the reduced problem: recompute `witness` on the instance).
   */
  readonly lower: number;
  /** That point, in the original coordinates (norm ≤ ρ up to rounding). */
  readonly witness: Float64Array;
  readonly nodes: number;
  readonly evaluations: number;
  /** Whether upper − lower ≤ tolerance was reached (not stopped by the node limit or `decideAt`). */
  readonly complete: boolean;
  /** Cells given the recentred bound, and how many of them it tightened (`lem:recentred-cell-bound`). */
  readonly recentred: { readonly evaluated: number; readonly tighter: number; readonly translated: number };
}

/** Share of the gap between a cell's centre error and the stopping level the recentred bound's tail may use (any value in [0, 1) is sound; it trades order for tightness). */
const TAIL_BUDGET_SHARE = 0.25;

/** A cell computes its own expansion when the enclosing one is at least this many times wider (measured: from 8× wider the translated bound is within ~1 % of the direct one on the rank-4 bench). */
const REANCHOR = 8;

interface Box {
  readonly c: Float64Array;
  readonly half: number;
  readonly ub: number;
  /** Whether the recentred bound has been tried. */
  readonly refined: boolean;
  /** err_w at the centre (binary64), for the recentred bound's tail budget. */
  readonly err: number;
  /** The nearest enclosing cell's expansion (`lem:recentred-cell-bound`, *Sub-cells*), or null. */
  readonly anchor: Expansion | null;
}

/** Smallest and largest ‖y‖ over the cube of centre c and half-width h, rounded down and up. */
function normRange(c: Float64Array, h: number): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const x of c) {
    const gap = Math.max(0, Math.abs(x) - h);
    lo += gap * gap;
    hi += (Math.abs(x) + h) ** 2;
  }
  const g = gamma(2 * c.length + 2);
  return [Math.sqrt(lo) * (1 - g), Math.sqrt(hi) * (1 + g)];
}

/**
 * Largest distance of the rows of X (`total` rows × cols) from the mean of
 * its first `rows` rows, rounded up: for a cache, the union's rows about the
 * instance's mean (`lem:cache-jacobian`).
 */
function radiusAboutMean(X: Float64Array, rows: number, cols: number, total = rows): number {
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let a = 0; a < cols; a++) mean[a] += X[i * cols + a] / rows;
  let r = 0;
  for (let i = 0; i < total; i++) {
    let s = 0;
    for (let a = 0; a < cols; a++) s += (X[i * cols + a] - mean[a]) ** 2;
    r = Math.max(r, s);
  }
  // Any centre works in the bounds (covariances are shift-invariant); the
  // computed one is within rounding of the mean, and the distance is rounded up.
  return Math.sqrt(r) * (1 + gamma(cols + 4));
}

/** A binary-max-heap of boxes by upper bound. */
class Heap {
  private a: Box[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): Box {
    return this.a[0];
  }
  push(b: Box): void {
    const a = this.a;
    a.push(b);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].ub >= a[i].ub) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): Box {
    const a = this.a;
    const top = a[0];
    const last = a.pop() as Box;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].ub > a[m].ub) m = l;
        if (r < a.length && a[r].ub > a[m].ub) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Computes the sup of err_w(q) over ‖q‖ ≤ ρ to within `tolerance` when the
 * keys span r ≤ 4 dimensions (`lem:branch-and-bound`); given a residual span
 * (`leadingSpan`), a certified upper bound (`lem:residual-reduction`).
 *
 * Method: reduce to the span (y = Bᵀq; the orthogonal part of q changes no
 * logit). Cover the ball of radius ρ(1 + η) by cubes; a cube with centre
 * y_c and circumradius δ is bounded by
 * err(y_c) + min(L·δ, ‖D r(y_c)‖_F·δ + 2s²R_vR_k²·δ²), L = 2|s|R_kR_v
 * (`lem:attention-jacobian`: r = A_1 − A_w has ‖Dr‖ ≤ 2|s|R_kR_v and
 * ‖D²r‖ ≤ 4s²R_vR_k²; R_k, R_v are radii about the mean, since covariances
 * are shift-invariant), every binary64 quantity inflated by its
 * `lem:float-error` bound. Best-first: the largest bound is split into 2^r
 * children; cubes missing the ball are dropped; centres (projected into the
 * ball) are witnesses. Every cube's bound adds 4R_v·tanh(M/2), M the
 * largest move of a logit by the keys' residuals over the cube
 * (`lem:residual-reduction`: it shrinks towards the sphere, where the
 * orthogonal part of q must vanish; 0 for coordinate subspaces). A cell
 * reaching the top of the queue is also given the recentred bound of
 * `lem:recentred-cell-bound` (its remainder is a signed moment of the
 * error's measure about the centre, so it shrinks with the error; from the
 * enclosing cell's expansion when one is near) and keeps the smaller.
 *
 * Error: upper is certified; lower is a binary64 value (callers recompute the
 * witness with the reference).
 * @lemma lem:branch-and-bound
 * @lemma lem:attention-jacobian
 * @lemma lem:cache-branch-and-bound
 * @lemma lem:residual-reduction
 * @lemma lem:recentred-cell-bound
 */
export function branchAndBound(inst: Instance, cIn: NormalizedCoreset | Cache, rho: number, opts: BranchAndBoundOptions): BranchAndBoundResult {
  const { rows: U } = unionRows(inst, cIn);
  const span = opts.span ?? keySpan(U);
  if (span.rank > MAX_SPAN_RANK) throw new InputError('parameter', 'keys', `span of ${span.rank} or more dimensions; branch-and-bound needs ≤ ${MAX_SPAN_RANK}`);
  const r = span.rank;
  const { n, d, dv } = inst;
  const scale = opts.scale ?? 1;
  // Reduced coordinates of the instance's rows, and of the cache's (the
  // span is the union's: lem:cache-branch-and-bound).
  const red: Instance = { n, d: r, dv, K: span.keys.subarray(0, n * r), V: inst.V };
  const c: NormalizedCoreset | Cache = isCache(cIn) ? { ...cIn, d: r, K: span.keys.subarray(n * r, (n + cIn.m) * r) } : cIn;
  const Rk = radiusAboutMean(span.keys, n, r, U.n);
  const Rv = radiusAboutMean(U.V, n, dv, U.n);
  const s = Math.abs(scale);
  const L = 2 * s * Rk * Rv * (1 + gamma(4));
  const H = 2 * s * s * Rv * Rk * Rk * (1 + gamma(6));
  const R = rho * (1 + span.radiusDefect) * (1 + gamma(2));
  const widen = (yc: Float64Array, half: number): number => {
    const [lo, hi] = normRange(yc, half);
    return cellDefect(span, rho, s, Rv, lo, Math.min(hi, R));
  };
  let lower = -Infinity;
  let best = new Float64Array(r);
  let evaluations = 0;
  const opt = { scale };
  let centreErr = 0;
  const bound = (yc: Float64Array, half: number): number => {
    evaluations++;
    const a1 = attention(red, yc, null, opt);
    const aw = attention(red, yc, c, opt);
    let e2 = 0;
    for (let k = 0; k < dv; k++) e2 += (a1[k] - aw[k]) ** 2;
    const p1 = evaluationProfile(red, yc, null, opt);
    const pw = evaluationProfile(red, yc, c, opt);
    const err = Math.sqrt(e2);
    centreErr = err;
    const errUp = err + coresetErrorBound(p1, pw);
    // A witness: the centre, pulled into the ball if outside.
    const nc = Math.hypot(...yc);
    const inside = nc <= rho ? yc : yc.map((x) => (x * rho) / nc);
    const errIn = inside === yc ? err : errAt(inside);
    if (errIn > lower) {
      lower = errIn;
      best = Float64Array.from(inside);
    }
    const delta = half * Math.sqrt(r) * (1 + gamma(2));
    const J1 = attentionJacobian(red, yc, null, opt);
    const Jw = attentionJacobian(red, yc, c, opt);
    // D̂ = Ĵ_1 − Ĵ_w (dv × r) and its distance to the exact Dr.
    const Dm = new Float64Array(J1.length);
    let f2 = 0;
    for (let t = 0; t < J1.length; t++) {
      Dm[t] = J1[t] - Jw[t];
      f2 += Dm[t] ** 2;
    }
    const eJ = (jacobianErrorBound(p1, scale) + jacobianErrorBound(pw, scale)) * (1 + gamma(2)) + Math.sqrt(f2) * gamma(J1.length + 2);
    const dF = Math.sqrt(f2) * (1 + gamma(J1.length + 2));
    const eR = errUp - err;
    // (a) Lipschitz; (b) first order + Taylor remainder.
    let inc = Math.min(L * delta, (dF + eJ) * delta + H * delta * delta);
    // (c) ‖â + D̂δ‖ ≤ ‖â‖ + ⟨g, δ⟩ + ‖D̂‖²δ²/(2‖â‖), g = D̂ᵀâ/‖â‖, and over the
    // ball ⟨g, δ⟩ ≤ min(‖g‖δ, R‖g‖ − ⟨g, y_c⟩): at a maximum on the sphere the
    // gradient points outward and the linear term vanishes.
    if (err > 0) {
      const g = new Float64Array(r);
      for (let t = 0; t < r; t++) {
        let x = 0;
        for (let k = 0; k < dv; k++) x += Dm[k * r + t] * (a1[k] - aw[k]);
        g[t] = x / err;
      }
      const gn = Math.hypot(...g) * (1 + gamma(dv + r + 4));
      let gc = 0;
      for (let t = 0; t < r; t++) gc += g[t] * yc[t];
      const gcLow = gc - Math.abs(gc) * gamma(r + 2) - gamma(dv + r + 4) * gn * Math.hypot(...yc) * 2;
      const lin = Math.max(0, Math.min(gn * delta, R * gn * (1 + gamma(2)) - gcLow));
      const quad = (dF * dF * delta * delta) / (2 * err * (1 - gamma(dv + 4)));
      inc = Math.min(inc, lin + quad + eJ * delta + H * delta * delta);
    }
    return (err + eR + inc) * (1 + gamma(8));
  };
  const errAt = (y: Float64Array): number => {
    const a1 = attention(red, y, null, opt);
    const aw = attention(red, y, c, opt);
    let e2 = 0;
    for (let k = 0; k < dv; k++) e2 += (a1[k] - aw[k]) ** 2;
    return Math.sqrt(e2);
  };
  const meetsBall = (yc: Float64Array, half: number): boolean => {
    let s2 = 0;
    for (const x of yc) {
      const gap = Math.max(0, Math.abs(x) - half);
      s2 += gap * gap;
    }
    return Math.sqrt(s2) * (1 - gamma(r + 2)) <= R;
  };
  const useLocal = opts.recentred ?? true;
  const cm = useLocal ? cellMeasure(n, span.keys, r, U.V, dv, cIn, scale) : null;
  const H1 = s * s * Rv * Rk * Rk * (1 + gamma(6));
  let localEvaluated = 0;
  let localTighter = 0;
  let translated = 0;
  // A cell's own expansion (N-row moments) is computed when no enclosing one
  // is within REANCHOR halvings, else it is translated from the enclosing one.
  const localBound = (box: Box, stopAt: number): { bound: number; anchor: Expansion | null } => {
    if (cm === null) return { bound: Infinity, anchor: null };
    localEvaluated++;
    const cd = centreData(red, box.c, scale, H1);
    let bound = Infinity;
    let anchor = box.anchor;
    const extra = widen(box.c, box.half);
    if (anchor !== null) {
      bound = translatedCellBound(cm, anchor, box.c, box.half, R, cd);
      translated++;
    }
    if (bound + extra > stopAt && (anchor === null || box.half * REANCHOR <= anchor.h)) {
      const own = recentredCell(cm, box.c, box.half, R, cd, TAIL_BUDGET_SHARE * Math.max(0, stopAt - box.err));
      bound = Math.min(bound, own.bound);
      if (own.expansion !== null) anchor = own.expansion;
    }
    return { bound: (bound + extra) * (1 + gamma(2)), anchor };
  };
  const t0 = performance.now();
  const heap = new Heap();
  const root = new Float64Array(r);
  heap.push({ c: root, half: R, ub: bound(root, R) + widen(root, R), refined: !useLocal, err: centreErr, anchor: null });
  let nodes = 1;
  let complete = false;
  while (heap.size > 0) {
    const top = heap.peek();
    if (top.ub - lower <= Math.max(opts.tolerance, (opts.relativeTolerance ?? 0) * lower)) {
      complete = true;
      break;
    }
    if (opts.decideAt !== undefined && (top.ub <= opts.decideAt || lower > opts.decideAt * (1 + 1e-9))) break;
    if (nodes >= opts.maxNodes) break;
    if (opts.maxSeconds !== undefined && performance.now() - t0 > opts.maxSeconds * 1000) break;
    heap.pop();
    if (!top.refined) {
      // A cell well below the stopping level needs no small tail to be dropped.
      const stopAt = Math.max(lower + opts.tolerance, lower * (1 + (opts.relativeTolerance ?? 0)), opts.decideAt ?? -Infinity);
      const { bound: lb, anchor } = localBound(top, stopAt);
      if (lb < top.ub) localTighter++;
      heap.push({ ...top, ub: Math.min(top.ub, lb), refined: true, anchor });
      continue;
    }
    const h = top.half / 2;
    for (let mask = 0; mask < 1 << r; mask++) {
      const yc = Float64Array.from(top.c, (x, t) => x + ((mask >> t) & 1 ? h : -h));
      if (!meetsBall(yc, h)) continue;
      const ub = bound(yc, h) + widen(yc, h);
      heap.push({ c: yc, half: h, ub, refined: !useLocal, err: centreErr, anchor: top.anchor });
      nodes++;
    }
  }
  const ub = heap.size > 0 ? heap.peek().ub : lower;
  const witness = new Float64Array(d);
  for (let t = 0; t < r; t++) for (let a = 0; a < d; a++) witness[a] += best[t] * span.basis[t * d + a];
  return { upper: ub * (1 + gamma(2)), lower, witness, nodes, evaluations, complete, recentred: { evaluated: localEvaluated, tighter: localTighter, translated } };
}
