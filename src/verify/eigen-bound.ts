/**
 * A certified upper bound on the largest eigenvalue of a symmetric matrix
 * known only up to a computed approximation (`lem:certified-eigenvalue`).
 * @module
 */
import { gamma, SUBNORMAL_MIN, UNIT_ROUNDOFF } from '../fast/float-error.js';

/** Iterations of the power method that proposes the shift μ (the certificate does not depend on it). */
const POWER_ITERATIONS = 300;

/**
 * Bisection steps on the shift when the margins fail: the shift ends within
 * (gersh − est)·2^{−30} ≤ 2d·2^{−30} of the smallest that factors (X is
 * scaled to max|x| < 1, so |est|, gersh ≤ d), far inside a looseness of
 * 10^{−3}·max|x|·d.
 */
const SHIFT_BISECTIONS = 30;

/** Relative margins tried above the power-method estimate, smallest first. */
const MARGINS = [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 0.1, 1];

/** Result of {@link certifiedMaxEigenvalue}. */
export interface EigenBound {
  /** An upper bound on λ_max of every symmetric M with ‖M̃ − M‖_F ≤ err. */
  readonly upper: number;
  /** 'cholesky' (μI − M̃ factored) or 'gershgorin' (the fallback row-sum bound). */
  readonly method: 'cholesky' | 'gershgorin';
}

/**
 * Computes x·2^k for the power of two 2^k that brings max|x| into [½, 1),
 * returning the scaled copy and 2^{−k}… as its inverse factor.
 */
function scaled(S: Float64Array): { X: Float64Array; back: number } {
  let mx = 0;
  for (const v of S) mx = Math.max(mx, Math.abs(v));
  if (mx === 0) return { X: S, back: 1 };
  const e = Math.floor(Math.log2(mx)) + 1;
  const h = Math.trunc(e / 2);
  const f1 = 2 ** -h;
  const f2 = 2 ** -(e - h);
  return { X: S.map((v) => v * f1 * f2), back: 2 ** h * 2 ** (e - h) };
}

/**
 * Computes an approximate top eigenvector of a symmetric d × d matrix by
 * power iteration on X + σI (σ = Gershgorin radius, so the top of the
 * spectrum dominates). Only a proposal: nothing certified depends on it.
 * @lemma lem:certified-eigenvalue
 */
export function topEigenvector(X: Float64Array, d: number, iterations = 100): Float64Array {
  let sigma = 0;
  for (let a = 0; a < d; a++) {
    let r = 0;
    for (let b = 0; b < d; b++) r += Math.abs(X[a * d + b]);
    sigma = Math.max(sigma, r);
  }
  let x = Float64Array.from({ length: d }, (_, a) => 1 + ((a * 7919) % 13) / 29);
  for (let it = 0; it < iterations; it++) {
    const y = new Float64Array(d);
    let ny = 0;
    for (let a = 0; a < d; a++) {
      let s = sigma * x[a];
      for (let b = 0; b < d; b++) s += X[a * d + b] * x[b];
      y[a] = s;
      ny += s * s;
    }
    ny = Math.sqrt(ny);
    if (!(ny > 0) || !Number.isFinite(ny)) return x;
    x = y.map((v) => v / ny);
  }
  return x;
}

/** Rayleigh quotient after power iteration on X + σI (σ makes it PSD-dominant). */
function powerEstimate(X: Float64Array, d: number, sigma: number): number {
  let x = Float64Array.from({ length: d }, (_, a) => 1 + ((a * 7919) % 13) / 29);
  let lam = 0;
  const y = new Float64Array(d);
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    let nx = 0;
    for (let a = 0; a < d; a++) nx += x[a] * x[a];
    nx = Math.sqrt(nx);
    if (!(nx > 0)) return lam;
    let xy = 0;
    for (let a = 0; a < d; a++) {
      let s = sigma * x[a];
      for (let b = 0; b < d; b++) s += X[a * d + b] * x[b];
      y[a] = s;
      xy += s * x[a];
    }
    lam = xy / (nx * nx) - sigma;
    x = y.map((v) => v / nx);
  }
  return lam;
}

/**
 * Cholesky of B (d × d, row-major, symmetric); returns ‖R̃‖_F² (rounded up)
 * when every pivot is positive, else null.
 */
function choleskyFrobenius(B: Float64Array, d: number): number | null {
  const R = new Float64Array(d * d);
  let fro = 0;
  for (let j = 0; j < d; j++) {
    let s = B[j * d + j];
    for (let k = 0; k < j; k++) s -= R[k * d + j] * R[k * d + j];
    if (!(s > 0)) return null;
    const rjj = Math.sqrt(s);
    R[j * d + j] = rjj;
    fro += s;
    for (let i = j + 1; i < d; i++) {
      let t = B[j * d + i];
      for (let k = 0; k < j; k++) t -= R[k * d + j] * R[k * d + i];
      const r = t / rjj;
      R[j * d + i] = r;
      fro += r * r;
    }
  }
  // ‖R̃‖_F² = Σ r̃_ij² (+ the pivots' squares, rounded): bound it from above.
  let exact = 0;
  for (const r of R) exact += r * r;
  return Math.max(fro, exact) * (1 + gamma(d * d + 2));
}

/**
 * Computes an upper bound on λ_max(M) for every symmetric d × d matrix M with
 * ‖M̃ − M‖_F ≤ err, given the computed (possibly slightly asymmetric) M̃
 * (`lem:certified-eigenvalue`).
 *
 * Method: S = (M̃ + M̃ᵀ)/2, scaled by a power of two; a shift μ proposed by
 * the power method (Rayleigh quotient) plus a margin; if the binary64
 * Cholesky factorisation of B̃ = fl(μI − S) runs to completion, then
 * R̃ᵀR̃ = B̃ + ΔB with |ΔB| ≤ γ_{d+1}|R̃ᵀ||R̃| (Higham, Accuracy and Stability,
 * Thm 10.3; Demmel 1989), so S ⪯ (μ + u·max B̃_ii + γ_{d+1}‖R̃‖_F² + underflow) I.
 * Margins grow until a factorisation succeeds; Gershgorin's max row sum is the
 * fallback. The power method only proposes μ: the bound never depends on
 * its convergence.
 *
 * Error: the result is ≥ λ_max(M) for the exact real M, rounding included.
 * @lemma lem:certified-eigenvalue
 */
export function certifiedMaxEigenvalue(Mt: Float64Array, d: number, err: number): EigenBound {
  const u = UNIT_ROUNDOFF;
  const S = new Float64Array(d * d);
  let fro = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      const v = (Mt[a * d + b] + Mt[b * d + a]) * 0.5;
      S[a * d + b] = v;
      fro += v * v;
    }
  }
  // Rounding of the symmetrisation: ≤ u|S_ab| + 2^{−1074} per entry.
  const symErr = (Math.sqrt(fro) * (1 + gamma(d * d + 2)) * u + d * SUBNORMAL_MIN) * (1 + gamma(2));
  const slack = err + symErr;
  const { X, back } = scaled(S);
  if (X === S && fro === 0) return { upper: slack * (1 + gamma(2)), method: 'cholesky' };
  let gersh = 0;
  for (let a = 0; a < d; a++) {
    let r = 0;
    for (let b = 0; b < d; b++) r += Math.abs(X[a * d + b]);
    gersh = Math.max(gersh, r);
  }
  gersh *= 1 + gamma(d + 1);
  const est = powerEstimate(X, d, gersh);
  const B = new Float64Array(d * d);
  /** The certified bound from a successful Cholesky of μI − X, else null. */
  const attempt = (mu: number): number | null => {
    let maxDiag = 0;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) B[a * d + b] = -X[a * d + b];
      B[a * d + a] = mu - X[a * d + a];
      maxDiag = Math.max(maxDiag, Math.abs(B[a * d + a]));
    }
    const rf = choleskyFrobenius(B, d);
    if (rf === null) return null;
    // Entries are ≤ 2 after scaling, so every underflow costs ≤ 2^{−1073} per
    // operation, ≤ (d + 2) per entry, and ‖·‖₂ ≤ d·max entry.
    const under = d * (d + 2) * 2 ** -1070;
    const lam = (mu + u * Math.abs(mu) + u * maxDiag + gamma(d + 1) * rf * (1 + gamma(2)) + under) * (1 + gamma(4));
    return (lam * back + slack) * (1 + gamma(2));
  };
  for (const m of MARGINS) {
    const mu = est + (Math.abs(est) + 4 * d * u) * m;
    if (mu >= gersh) break;
    const got = attempt(mu);
    if (got !== null) return { upper: got, method: 'cholesky' };
  }
  // The estimate can sit far below λ_max when the top two eigenvalues of
  // X + σI nearly tie (λ_max ≈ 0 beside λ_min ≈ −σ): margins relative to
  // |est| then never reach λ_max. Bisect the shift between est and the
  // Gershgorin bound instead (found by certifiedEigenvalueIsAboveExact).
  let lo = est;
  let hi = gersh;
  let found: number | null = null;
  for (let it = 0; it < SHIFT_BISECTIONS; it++) {
    const mid = (lo + hi) / 2;
    const got = attempt(mid);
    if (got === null) lo = mid;
    else {
      found = got;
      hi = mid;
    }
  }
  if (found !== null) return { upper: found, method: 'cholesky' };
  return { upper: (gersh * back + slack) * (1 + gamma(2)), method: 'gershgorin' };
}
