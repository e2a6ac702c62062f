/**
 * The worst-case error estimator of ../shared/bench/README.md, implemented
 * exactly, so the builder's quality is scored the way the peers were:
 * 1. 4096 queries uniform on the sphere of radius ρ plus ρ·k_i for 1024 random
 *    keys; 2. from the 32 worst, 200 steps of projected, normalised gradient
 *    ascent on err(q)² with the analytic gradient, step ×1.5 on success and
 *    ×0.5 on failure, starting at 0.1ρ. A lower bound on sup_{‖q‖≤ρ} err_w(q).
 * @module
 */
import type { Coreset, Instance } from '../src/types.js';
import { createRng } from '../src/construct/rng.js';

/** Options of {@link protocolError}; defaults are the README's numbers. */
export interface ProtocolOptions {
  readonly rho: number;
  readonly seed?: number;
  readonly sphere?: number;
  readonly keyStarts?: number;
  readonly top?: number;
  readonly steps?: number;
}

interface Rows {
  readonly m: number;
  readonly K: Float64Array;
  readonly V: Float64Array;
  readonly w: Float64Array;
}

function rowsOf(inst: Instance, c: Coreset | null): Rows {
  const { d, dv } = inst;
  if (c === null) return { m: inst.n, K: inst.K, V: inst.V, w: new Float64Array(inst.n).fill(1) };
  const m = c.indices.length;
  const K = new Float64Array(m * d);
  const V = new Float64Array(m * dv);
  for (let j = 0; j < m; j++) {
    K.set(inst.K.subarray(c.indices[j] * d, c.indices[j] * d + d), j * d);
    V.set(inst.V.subarray(c.indices[j] * dv, c.indices[j] * dv + dv), j * dv);
  }
  return { m, K, V, w: Float64Array.from(c.weights) };
}

/** Softmax attention of a row set at q; fills p (unnormalised-then-normalised) and A. */
function attn(r: Rows, d: number, dv: number, q: Float64Array, p: Float64Array, A: Float64Array): void {
  let mx = -Infinity;
  for (let i = 0; i < r.m; i++) {
    let s = 0;
    const b = i * d;
    for (let a = 0; a < d; a++) s += q[a] * r.K[b + a];
    p[i] = s;
    if (r.w[i] > 0 && s > mx) mx = s;
  }
  let Z = 0;
  for (let i = 0; i < r.m; i++) {
    const t = r.w[i] * Math.exp(p[i] - mx);
    p[i] = t;
    Z += t;
  }
  A.fill(0);
  for (let i = 0; i < r.m; i++) {
    const t = p[i] / Z;
    p[i] = t;
    if (t === 0) continue;
    const b = i * dv;
    for (let c = 0; c < dv; c++) A[c] += t * r.V[b + c];
  }
}

/** Adds sgn·J(q)ᵀe = sgn·Σ p_i(⟨v_i,e⟩ − ⟨A,e⟩)k_i to g. */
function addJte(r: Rows, d: number, dv: number, p: Float64Array, A: Float64Array, e: Float64Array, sgn: number, g: Float64Array): void {
  let ae = 0;
  for (let c = 0; c < dv; c++) ae += A[c] * e[c];
  for (let i = 0; i < r.m; i++) {
    const t = p[i];
    if (t === 0) continue;
    let ve = 0;
    const bv = i * dv;
    for (let c = 0; c < dv; c++) ve += r.V[bv + c] * e[c];
    const f = sgn * t * (ve - ae);
    const bk = i * d;
    for (let a = 0; a < d; a++) g[a] += f * r.K[bk + a];
  }
}

/** A query evaluator err_w(q) and ∇ err_w(q)² for one coreset. */
export function makeEvaluator(inst: Instance, c: Coreset) {
  const { d, dv } = inst;
  const full = rowsOf(inst, null);
  const sub = rowsOf(inst, c);
  const p1 = new Float64Array(full.m);
  const pw = new Float64Array(sub.m);
  const A1 = new Float64Array(dv);
  const Aw = new Float64Array(dv);
  const e = new Float64Array(dv);
  const err = (q: Float64Array): number => {
    attn(full, d, dv, q, p1, A1);
    attn(sub, d, dv, q, pw, Aw);
    let s = 0;
    for (let k = 0; k < dv; k++) {
      e[k] = A1[k] - Aw[k];
      s += e[k] * e[k];
    }
    return Math.sqrt(s);
  };
  /** err at q, and g = ∇ err² / 2 (direction only matters). */
  const errGrad = (q: Float64Array, g: Float64Array): number => {
    const v = err(q);
    g.fill(0);
    addJte(full, d, dv, p1, A1, e, 1, g);
    addJte(sub, d, dv, pw, Aw, e, -1, g);
    return v;
  };
  return { err, errGrad };
}

/** Projected normalised gradient ascent from q (modified in place); returns the final error. */
export function ascend(ev: ReturnType<typeof makeEvaluator>, q: Float64Array, rho: number, steps: number): number {
  const d = q.length;
  const g = new Float64Array(d);
  const cand = new Float64Array(d);
  let cur = ev.errGrad(q, g);
  let step = 0.1 * rho;
  for (let t = 0; t < steps; t++) {
    let gn = 0;
    for (let a = 0; a < d; a++) gn += g[a] * g[a];
    gn = Math.sqrt(gn);
    if (gn === 0) break;
    let nn = 0;
    for (let a = 0; a < d; a++) {
      cand[a] = q[a] + (step * g[a]) / gn;
      nn += cand[a] * cand[a];
    }
    nn = Math.sqrt(nn);
    if (nn > rho) for (let a = 0; a < d; a++) cand[a] *= rho / nn;
    const v = ev.err(cand);
    if (v > cur) {
      q.set(cand);
      cur = ev.errGrad(q, g);
      step *= 1.5;
    } else step *= 0.5;
  }
  return cur;
}

/** Result of {@link protocolError}. */
export interface ProtocolResult {
  readonly error: number;
  readonly witness: Float64Array;
  readonly screened: number;
}

/**
 * The README estimator of sup_{‖q‖≤ρ} err_w(q) (a lower bound).
 * @lemma def:coreset-error
 */
export function protocolError(inst: Instance, c: Coreset, opts: ProtocolOptions): ProtocolResult {
  const { rho } = opts;
  const sphere = opts.sphere ?? 4096;
  const keyStarts = Math.min(opts.keyStarts ?? 1024, inst.n);
  const top = opts.top ?? 32;
  const steps = opts.steps ?? 200;
  const rng = createRng(opts.seed ?? 12345);
  const { d, n } = inst;
  const ev = makeEvaluator(inst, c);
  const starts: Float64Array[] = [];
  for (let s = 0; s < sphere; s++) {
    const q = new Float64Array(d);
    let nn = 0;
    for (let a = 0; a < d; a++) {
      q[a] = rng.gauss();
      nn += q[a] * q[a];
    }
    nn = Math.sqrt(nn);
    for (let a = 0; a < d; a++) q[a] *= rho / nn;
    starts.push(q);
  }
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < keyStarts; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
    const q = new Float64Array(d);
    let nn = 0;
    for (let a = 0; a < d; a++) nn += inst.K[perm[i] * d + a] ** 2;
    nn = Math.sqrt(nn) || 1;
    for (let a = 0; a < d; a++) q[a] = (rho * inst.K[perm[i] * d + a]) / nn;
    starts.push(q);
  }
  const scored = starts.map((q) => ({ q, v: ev.err(q) }));
  scored.sort((x, y) => y.v - x.v);
  let best = scored[0].v;
  let witness = scored[0].q.slice();
  const screened = best;
  for (let t = 0; t < Math.min(top, scored.length); t++) {
    const q = scored[t].q.slice();
    const v = ascend(ev, q, rho, steps);
    if (v > best) {
      best = v;
      witness = q;
    }
  }
  return { error: best, witness, screened };
}
