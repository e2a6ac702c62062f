/**
 * The falsifier: a lower bound on E(w) = sup_{‖q‖≤ρ} err_w(q) by search.
 * @module
 */
import type { Pair } from './batch.js';
import { batchEvaluator, type BatchEvaluator } from './batch-thread.js';
import { createRng } from './rng.js';
import { MAX_START_ENTRIES } from './defaults.js';
import { randomStarts, structuredStarts } from './starts.js';

/** Options of {@link falsify}. */
export interface FalsifyOptions {
  readonly rho: number;
  /** Evaluations (one query, full set and coreset) to spend. */
  readonly budget: number;
  /** @defaultValue 0 */
  readonly seed?: number;
  /** User queries (rows × d), each already checked to have norm ≤ ρ. */
  readonly queries?: Float64Array;
  /** Instance rows of the coreset side (for the structured starts); `null` for a cache. */
  readonly coreRows: Uint32Array | null;
  /** How many of the best distinct climbers' end points to return in `queries`. @defaultValue 0 */
  readonly keep?: number;
  /** Dropped rows sampled for the isolated-key starts (`structuredStarts`). @defaultValue 2048 */
  readonly probe?: number;
}

/** Result of {@link falsify}. */
export interface FalsifyResult {
  /** The best query found, ‖q‖ ≤ ρ in binary64 arithmetic. */
  readonly query: Float64Array;
  /** err_w(query) as evaluated in binary64. */
  readonly error: number;
  readonly evaluations: number;
  /**
   * With `keep`: up to `keep` distinct end points of the ascents (and the
   * best screened starts when fewer climbed), by decreasing err², each with
   * ‖q‖ ≤ ρ in binary64; the first is `query`.
   */
  readonly queries?: readonly Float64Array[];
}

/** Largest batch: bounds the m × B scratch of the batched evaluator. */
const MAX_BATCH = 64;

/** Projects row r of X onto B_ρ (radial scaling; the nearest point of the ball). */
function project(X: Float64Array, r: number, d: number, rho: number): void {
  let s = 0;
  for (let a = 0; a < d; a++) s += X[r * d + a] ** 2;
  const norm = Math.sqrt(s);
  if (norm <= rho) return;
  const f = rho / norm;
  for (let a = 0; a < d; a++) X[r * d + a] *= f;
}

/** Evaluates err² at every row of X in batches; returns the values. */
function screen(ev: BatchEvaluator, d: number, X: Float64Array, rows: number): Float64Array {
  const F = new Float64Array(rows);
  const tmp = new Float64Array(MAX_BATCH);
  for (let r0 = 0; r0 < rows; r0 += MAX_BATCH) {
    const B = Math.min(MAX_BATCH, rows - r0);
    ev.evaluate(X.subarray(r0 * d, (r0 + B) * d), B, tmp);
    F.set(tmp.subarray(0, B), r0);
  }
  return F;
}

/** State of one ascent: current point, value, gradient, step. */
interface Climber {
  q: Float64Array;
  f: number;
  g: Float64Array;
  h: number;
}

/**
 * Runs `steps` rounds of projected gradient ascent on err² for every climber,
 * all climbers batched in one evaluation per round. Normalised steps with an
 * adaptive size (×1.5 after an improvement, ×0.5 after a failure); on the
 * sphere an outward gradient is replaced by its tangential part, so steps
 * move along the boundary instead of being projected back to where they
 * started. Returns the evaluations spent.
 */
function ascend(ev: BatchEvaluator, d: number, cs: Climber[], steps: number, rho: number): number {
  let spent = 0;
  const hMin = 1e-9 * rho;
  for (let it = 0; it < steps; it++) {
    const active = cs.filter((c) => c.h > hMin);
    if (active.length === 0) break;
    for (let b0 = 0; b0 < active.length; b0 += MAX_BATCH) {
      const part = active.slice(b0, b0 + MAX_BATCH);
      const B = part.length;
      const X = new Float64Array(B * d);
      part.forEach((c, b) => {
        const dir = Float64Array.from(c.g);
        let qq = 0;
        let gq = 0;
        for (let a = 0; a < d; a++) {
          qq += c.q[a] * c.q[a];
          gq += c.g[a] * c.q[a];
        }
        if (gq > 0 && qq >= rho * rho * (1 - 1e-9)) for (let a = 0; a < d; a++) dir[a] -= (gq / qq) * c.q[a];
        let nd = 0;
        for (let a = 0; a < d; a++) nd += dir[a] * dir[a];
        nd = Math.sqrt(nd);
        const f = nd > 0 ? c.h / nd : 0;
        for (let a = 0; a < d; a++) X[b * d + a] = c.q[a] + f * dir[a];
        project(X, b, d, rho);
      });
      const F = new Float64Array(B);
      const G = new Float64Array(B * d);
      ev.evaluate(X, B, F, G);
      spent += B;
      part.forEach((c, b) => {
        if (F[b] > c.f) {
          c.q = X.slice(b * d, (b + 1) * d);
          c.f = F[b];
          c.g = G.slice(b * d, (b + 1) * d);
          c.h *= 1.5;
        } else {
          c.h *= 0.5;
        }
      });
    }
  }
  return spent;
}

/**
 * Computes a query q ∈ B_ρ with large err_w(q) (`def:coreset-error`),
 * hence a lower bound err_w(q) ≤ E(w).
 *
 * Method: (1) screening: evaluate err² at the user's queries, structured
 * starts (`structuredStarts`) and random ones (`randomStarts`),
 * about 40% of the budget; (2) successive halving of projected gradient
 * ascent with the analytic gradient 2(J_1 − J_w)ᵀ(A_1 − A_w)
 * (`lem:attention-jacobian`): the best 32 starts get half the rest, the best
 * 8 of those a quarter, the best 2 the last quarter; budget left by
 * converged climbers goes to the next-best starts. Deterministic for a seed.
 *
 * Error: the returned value is a binary64 evaluation (`lem:float-error`);
 * callers recompute it with the reference before drawing conclusions.
 * @lemma def:coreset-error
 * @lemma lem:attention-jacobian
 */
export function falsify(pair: Pair, opts: FalsifyOptions): FalsifyResult {
  // The batches' second halves on the helper thread when there is one (same bits).
  const ev = batchEvaluator(pair, MAX_BATCH);
  try {
    return search(pair, ev, opts);
  } finally {
    ev.close();
  }
}

function search(pair: Pair, ev: BatchEvaluator, opts: FalsifyOptions): FalsifyResult {
  const { rho } = opts;
  const d = pair.d;
  const rng = createRng(opts.seed ?? 0);
  const user = opts.queries ?? new Float64Array(0);
  const nUser = user.length / d;
  const budget = Math.max(opts.budget, nUser + 8);
  const screenBudget = Math.max(8, Math.min(Math.floor(0.4 * budget), Math.floor(MAX_START_ENTRIES / d)) - nUser);
  const structured = structuredStarts({ pair, coreRows: opts.coreRows, rho, rng }, Math.floor(screenBudget / 2), opts.probe ?? 2048);
  const nStruct = structured.length / d;
  const random = randomStarts(d, rho, screenBudget - nStruct, rng);
  const rows = nUser + nStruct + random.length / d;
  const X = new Float64Array(rows * d);
  X.set(user, 0);
  X.set(structured, nUser * d);
  X.set(random, (nUser + nStruct) * d);
  const F = screen(ev, d, X, rows);
  let spent = rows;
  const order = Array.from({ length: rows }, (_, r) => r).sort((a, b) => F[b] - F[a]);
  let bestQ: Float64Array = X.slice(order[0] * d, (order[0] + 1) * d);
  let bestF = F[order[0]];
  // Successive halving: the starts' gradients are computed in the first round.
  const rest = budget - spent;
  const plan: Array<[number, number]> = [
    [32, 0.5],
    [8, 0.25],
    [2, 0.25],
  ];
  const visited: Climber[] = [];
  let climbers: Climber[] = order.slice(0, Math.min(plan[0][0], rows)).map((r) => ({
    q: X.slice(r * d, (r + 1) * d),
    f: -Infinity,
    g: new Float64Array(d),
    h: 0.1 * rho,
  }));
  if (rest > climbers.length) {
    // First evaluation with gradient: a zero step from each start.
    const Q = new Float64Array(climbers.length * d);
    climbers.forEach((c, b) => Q.set(c.q, b * d));
    const Fs = new Float64Array(climbers.length);
    const Gs = new Float64Array(climbers.length * d);
    for (let b0 = 0; b0 < climbers.length; b0 += MAX_BATCH) {
      const B = Math.min(MAX_BATCH, climbers.length - b0);
      ev.evaluate(Q.subarray(b0 * d, (b0 + B) * d), B, Fs.subarray(b0, b0 + B), Gs.subarray(b0 * d, (b0 + B) * d));
    }
    spent += climbers.length;
    climbers.forEach((c, b) => {
      c.f = Fs[b];
      c.g = Gs.slice(b * d, (b + 1) * d);
    });
    visited.push(...climbers);
    const after = budget - spent;
    for (const [keep, share] of plan) {
      climbers.sort((a, b) => b.f - a.f);
      climbers = climbers.slice(0, keep);
      const steps = Math.floor((share * after) / climbers.length);
      spent += ascend(ev, d, climbers, steps, rho);
    }
    for (const c of climbers) {
      if (c.f > bestF) {
        bestF = c.f;
        bestQ = c.q;
      }
    }
    // Converged climbers stop early; spend what is left on the next-best
    // screened starts, 8 at a time.
    let next = Math.min(plan[0][0], rows);
    while (budget - spent >= 64 && next < rows) {
      const fresh: Climber[] = order.slice(next, next + 8).map((r) => ({ q: X.slice(r * d, (r + 1) * d), f: F[r], g: new Float64Array(d), h: 0.1 * rho }));
      next += fresh.length;
      visited.push(...fresh);
      const Q = new Float64Array(fresh.length * d);
      fresh.forEach((c, b) => Q.set(c.q, b * d));
      const Fs = new Float64Array(fresh.length);
      const Gs = new Float64Array(fresh.length * d);
      ev.evaluate(Q, fresh.length, Fs, Gs);
      spent += fresh.length;
      fresh.forEach((c, b) => {
        c.f = Fs[b];
        c.g = Gs.slice(b * d, (b + 1) * d);
      });
      spent += ascend(ev, d, fresh, Math.floor((budget - spent) / fresh.length), rho);
      for (const c of fresh) {
        if (c.f > bestF) {
          bestF = c.f;
          bestQ = c.q;
        }
      }
    }
  }
  const keep = opts.keep ?? 0;
  if (keep <= 0) return { query: bestQ, error: Math.sqrt(bestF), evaluations: spent };
  return { query: bestQ, error: Math.sqrt(bestF), evaluations: spent, queries: distinctBest(bestQ, visited, X, F, order, keep, rho) };
}

/** The best point first, then climbers' end points and screened starts by decreasing err², at least 10⁻⁶ρ apart. */
function distinctBest(best: Float64Array, visited: Climber[], X: Float64Array, F: Float64Array, order: number[], keep: number, rho: number): Float64Array[] {
  const d = best.length;
  const pool = [...visited].sort((a, b) => b.f - a.f).map((c) => c.q);
  for (const r of order.slice(0, keep)) pool.push(X.slice(r * d, (r + 1) * d));
  const out: Float64Array[] = [best];
  const tol = (1e-6 * rho) ** 2;
  for (const q of pool) {
    if (out.length >= keep) break;
    if (out.every((o) => o.reduce((s, x, a) => s + (x - q[a]) ** 2, 0) > tol)) out.push(q);
  }
  return out;
}
