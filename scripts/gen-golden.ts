/**
 * Writes the golden vectors test/golden/*.json: reference values at 50
 * significant digits for a fixed set of small inputs (logits near ±700 and
 * beyond, ρ up to 50, weighted and unweighted, lifting, Jacobian).
 *
 * The expected values are computed here by the plain formulas of
 * `def:attention`, `def:coreset-error`, `lem:attention-jacobian` and
 * `lem:lifting` written inline with decimal.js at 90 digits (no src/reference
 * code on this path), so the golden test checks the reference as well as the
 * fast path. Inputs are stored as hexadecimal floats (exact); outputs as
 * decimal strings. Run with `npm run golden`.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
import { formatHexFloat } from '../src/io/hex-float.js';

const OUT_DIGITS = 50;
const D = Decimal.clone({ precision: 90, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
type Dec = InstanceType<typeof D>;

/** Exact decimal of a double: x = m·2^e, m < 2⁵³ integer. */
function ex(x: number): Dec {
  if (x === 0) return new D(0);
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  // BigInt: a double above 2⁵³ prints in shortest form ("1e+306"), not exactly.
  const M = new D(BigInt(m).toString());
  return e === 0 ? M : M.times(new D(5).pow(-e)).div(new D(10).pow(-e));
}

/** A small deterministic generator (xorshift32), independent of src/. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function unitRows(r: () => number, n: number, d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: d }, () => 2 * r() - 1);
    const norm = Math.sqrt(x.reduce((s, t) => s + t * t, 0));
    out.push(...x.map((t) => t / norm));
  }
  return out;
}

interface Case {
  id: string;
  note: string;
  n: number;
  d: number;
  dv: number;
  K: number[];
  V: number[];
  q: number[];
  w: { indices: number[]; weights: number[] } | null;
  scale: number;
}

function scaled(v: number[], r: number): number[] {
  const norm = Math.sqrt(v.reduce((s, t) => s + t * t, 0));
  return v.map((t) => (t / norm) * r);
}

function cases(): Case[] {
  const out: Case[] = [];
  const r = rng(20260527);
  const pm = { n: 2, d: 1, dv: 1, K: [1, -1], V: [1, -1] };
  out.push({ id: 'pair-half', note: 'A(q) = tanh(q) on the ±1 pair', ...pm, q: [0.5], w: null, scale: 1 });
  out.push({ id: 'pair-weighted', note: 'weights (1, 7): tanh(q − ½ln 7)', ...pm, q: [0.5], w: { indices: [0, 1], weights: [1, 7] }, scale: 1 });
  for (const t of [700, 708.5, 745.25, 5000]) {
    out.push({ id: `pair-logit-${t}`, note: `logits ±${t}`, ...pm, q: [t], w: null, scale: 1 });
  }
  out.push({ id: 'pair-logit-minus-746', note: 'logits ∓746 (e^{−746} underflows in binary64)', ...pm, q: [-746], w: { indices: [0, 1], weights: [3, 0.25] }, scale: 1 });
  for (const [rho, n, d, dv] of [
    [0.5, 5, 3, 2],
    [2, 6, 4, 3],
    [8, 8, 4, 2],
    [50, 8, 4, 2],
    [50, 12, 6, 3],
  ] as const) {
    const K = unitRows(r, n, d);
    const V = unitRows(r, n, dv);
    const q = scaled(Array.from({ length: d }, () => 2 * r() - 1), rho * 0.999);
    const idx = [0, 2, 3].filter((i) => i < n);
    out.push({ id: `sphere-rho${rho}-n${n}-full`, note: `unit sphere, ‖q‖ ≈ ${rho}`, n, d, dv, K, V, q, w: null, scale: 1 });
    out.push({ id: `sphere-rho${rho}-n${n}-weighted`, note: 'skewed weights', n, d, dv, K, V, q, w: { indices: idx, weights: idx.map((_, j) => 2 ** (3 * j) * (1 + r())) }, scale: 1 });
  }
  {
    const K = unitRows(r, 6, 4);
    const V = unitRows(r, 6, 2);
    const q = scaled(K.slice(4, 8), 700);
    out.push({ id: 'sphere-aligned-700', note: 'q = 700·k_1: top logit 700', n: 6, d: 4, dv: 2, K, V, q, w: { indices: [1, 3, 5], weights: [1e-300, 3e-300, 2e-300] }, scale: 1 });
    out.push({ id: 'sphere-aligned-700-huge', note: 'huge weights with a finite sum', n: 6, d: 4, dv: 2, K, V, q, w: { indices: [0, 1, 4], weights: [1e306, 2e306, 5e305] }, scale: 1 });
  }
  {
    const k = unitRows(r, 1, 3);
    const x = unitRows(r, 1, 3);
    const k2 = scaled(k.map((t, a) => t + 1e-9 * x[a]), 1);
    const v = unitRows(r, 1, 2);
    out.push({
      id: 'near-duplicate-opposite',
      note: 'keys 1e−9 apart with values v and −v',
      n: 3,
      d: 3,
      dv: 2,
      K: [...k, ...k2, ...unitRows(r, 1, 3)],
      V: [...v, ...v.map((t) => -t), ...unitRows(r, 1, 2)],
      q: scaled(k, 10),
      w: { indices: [0, 2], weights: [1, 1] },
      scale: 1,
    });
  }
  {
    const K = unitRows(r, 5, 4).map((t) => t * 6);
    const V = unitRows(r, 5, 3).map((t) => t * 2);
    const q = scaled(Array.from({ length: 4 }, () => 2 * r() - 1), 9);
    out.push({ id: 'head-scale-0.125', note: 'head with R_k = 6, R_v = 2, scale 1/√64', n: 5, d: 4, dv: 3, K, V, q, w: { indices: [0, 4], weights: [1, 3] }, scale: 0.125 });
  }
  return out;
}

interface Eval {
  logits: Dec[];
  logZ: Dec;
  A: Dec[];
  J: Dec[];
}

function evaluate(c: Case, w: Case['w']): Eval {
  const s = ex(c.scale);
  const logits = Array.from({ length: c.n }, (_, i) => {
    let t = new D(0);
    for (let a = 0; a < c.d; a++) t = t.plus(ex(c.q[a]).times(ex(c.K[i * c.d + a])));
    return t.times(s);
  });
  const rows = w === null ? Array.from({ length: c.n }, (_, i) => i) : w.indices;
  const wts = w === null ? rows.map(() => new D(1)) : w.weights.map(ex);
  const e = rows.map((i, j) => D.exp(logits[i]).times(wts[j]));
  const Z = e.reduce((a, b) => a.plus(b), new D(0));
  const p = e.map((x) => x.div(Z));
  const A = Array.from({ length: c.dv }, (_, t) => rows.reduce((acc, i, j) => acc.plus(p[j].times(ex(c.V[i * c.dv + t]))), new D(0)));
  const kbar = Array.from({ length: c.d }, (_, a) => rows.reduce((acc, i, j) => acc.plus(p[j].times(ex(c.K[i * c.d + a]))), new D(0)));
  const J: Dec[] = [];
  for (let t = 0; t < c.dv; t++) {
    for (let a = 0; a < c.d; a++) {
      const M = rows.reduce((acc, i, j) => acc.plus(p[j].times(ex(c.V[i * c.dv + t])).times(ex(c.K[i * c.d + a]))), new D(0));
      J.push(M.minus(A[t].times(kbar[a])).times(s));
    }
  }
  return { logits, logZ: D.ln(Z), A, J };
}

const str = (x: Dec): string => x.toSignificantDigits(OUT_DIGITS, Decimal.ROUND_HALF_EVEN).toString();
const hex = (xs: readonly number[]): string[] => xs.map(formatHexFloat);

function attentionGolden(): unknown {
  return cases().map((c) => {
    const full = evaluate(c, null);
    const sub = c.w === null ? null : evaluate(c, c.w);
    let err: string | null = null;
    if (sub) err = str(full.A.reduce((acc, x, t) => acc.plus(x.minus(sub.A[t]).pow(2)), new D(0)).sqrt());
    const mine = sub ?? full;
    return {
      id: c.id,
      note: c.note,
      input: { n: c.n, d: c.d, dv: c.dv, K: hex(c.K), V: hex(c.V), q: hex(c.q), w: c.w && { indices: c.w.indices, weights: hex(c.w.weights) }, scale: formatHexFloat(c.scale) },
      output: {
        logits: full.logits.map(str),
        logPartition: str(mine.logZ),
        attention: mine.A.map(str),
        jacobian: mine.J.map(str),
        coresetError: err,
        logMassError: sub ? str(sub.logZ.minus(full.logZ).abs()) : null,
      },
    };
  });
}

function liftingGolden(): unknown {
  const r = rng(7);
  const out = [];
  for (const [n, d] of [
    [4, 2],
    [5, 3],
    [3, 6],
  ] as const) {
    const K: number[] = [];
    for (let i = 0; i < n; i++) K.push(...scaled(Array.from({ length: d }, () => 2 * r() - 1), i === 0 ? 1 : i === 1 ? 0 : 0.1 + 0.8 * r()));
    // Row 0 is on the sphere in binary64 only up to rounding; shrink until ‖k‖² ≤ 1 exactly.
    for (let guard = 0; ; guard++) {
      const s = K.slice(0, d).reduce((acc, t) => acc.plus(ex(t).pow(2)), new D(0));
      if (s.lte(1) || guard > 10) break;
      for (let a = 0; a < d; a++) K[a] *= 1 - 2 ** -52;
    }
    const lastCoordinate = Array.from({ length: n }, (_, i) => {
      const s = K.slice(i * d, (i + 1) * d).reduce((acc, t) => acc.plus(ex(t).pow(2)), new D(0));
      return str(D.sqrt(new D(1).minus(s)));
    });
    out.push({ id: `lift-n${n}-d${d}`, note: 'k̃ = (k, √(1 − ‖k‖²))', input: { n, d, K: hex(K) }, output: { lastCoordinate } });
  }
  return out;
}

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'test', 'golden');
const header = { generator: 'scripts/gen-golden.ts', digits: OUT_DIGITS, workingDigits: 90, inputs: 'hexadecimal floats (exact)', outputs: 'decimal strings, 50 significant digits, round half even' };
writeFileSync(join(dir, 'attention.json'), `${JSON.stringify({ ...header, cases: attentionGolden() }, null, 1)}\n`);
writeFileSync(join(dir, 'lifting.json'), `${JSON.stringify({ ...header, cases: liftingGolden() }, null, 1)}\n`);
process.stdout.write(`wrote ${join(dir, 'attention.json')} and lifting.json\n`);
