/**
 * Kernel halving by the self-balancing walk (Alweiss–Liu–Sawhney; the
 * KT-SPLIT threshold schedule of Dwivedi–Mackey) in the attention kernel.
 * @module
 */
import type { Instance } from '../types.js';
import { crossDots } from '../fast/gemm.js';
import { kernelEntry, type KernelParams } from './kernel.js';
import type { Rng } from './rng.js';

/** Options of {@link halve}. */
export interface HalveOptions {
  readonly kernel: KernelParams;
  /**
   * Failure probability δ of the walk's threshold (the walk is clipped, so it
   * never fails, but a smaller δ widens the threshold).
   * @defaultValue 0.5
   */
  readonly delta?: number;
  /** 'walk' (randomised, the theorem's algorithm) or 'greedy' (η = −sign α). @defaultValue 'walk' */
  readonly mode?: 'walk' | 'greedy';
}

/** Result of {@link halve}: the kept half and the walk's accounting. */
export interface HalveResult {
  /** Kept rows (one of each consecutive input pair). */
  readonly kept: Uint32Array;
  /** ‖ψ‖² of the final signed sum ψ = Σ_kept Φ − Σ_dropped Φ. */
  readonly psiNormSq: number;
  /** max over pairs of |⟨ψ_{i−1}, f_i⟩| / a_i: ≤ 1 means no step was clipped. */
  readonly maxRatio: number;
}

/**
 * Halves a row list by the self-balancing walk in the attention kernel
 * κ_s((k,v),(k′,v′)) = e^{s⟨k,k′⟩}(⟨v,v′⟩+λ): consecutive pairs (x, x′) give
 * f = Φ(x) − Φ(x′); with α = ⟨ψ, f⟩ and threshold a, x is kept (ψ ← ψ + f)
 * with probability ½(1 − α/a), else x′ is kept (ψ ← ψ − f).
 *
 * Method: Dwivedi–Mackey's KT-SPLIT schedule a = max(bσ√(2 ln(2/δ)), b²),
 * σ² ← σ² + b²(1 + (b² − 2α)σ²/a²), b² = ‖f‖², which keeps every
 * |⟨ψ, f_i⟩| ≤ a_i with probability ≥ 1 − δ (`thm:kernel-halving`,
 * `thm:self-balancing-walk`); a clipped probability handles the rest.
 * Inner products use kernel sums over the rows already walked (tiled
 * products of a contiguous copy), so the cost is O(p²(d + dv)) for p rows
 * and the memory O(p(d + dv)).
 *
 * Special cases: an odd last row is kept.
 * @lemma thm:self-balancing-walk
 * @lemma thm:kernel-halving
 */
export function halve(inst: Instance, rows: Uint32Array, rng: Rng, options: HalveOptions): HalveResult {
  const p = options.kernel;
  const delta = options.delta ?? 0.5;
  const greedy = options.mode === 'greedy';
  const pairs = Math.floor(rows.length / 2);
  const sign = new Float64Array(2 * pairs);
  const kept = new Uint32Array(pairs + (rows.length % 2));
  let sigma2 = 0;
  let psi2 = 0;
  let maxRatio = 0;
  const logTerm = 2 * Math.log(2 / delta);
  // The rows in walk order, contiguous: the pair (x, y) is local rows 2t and
  // 2t + 1 and the walked rows are 0..2t−1, so both rows' kernel sums come
  // from one 2-row tiled product.
  const { d, dv } = inst;
  const Kl = new Float64Array(2 * pairs * d);
  const Vl = new Float64Array(2 * pairs * dv);
  for (let j = 0; j < 2 * pairs; j++) {
    Kl.set(inst.K.subarray(rows[j] * d, (rows[j] + 1) * d), j * d);
    Vl.set(inst.V.subarray(rows[j] * dv, (rows[j] + 1) * dv), j * dv);
  }
  const width = Math.max(1, 2 * pairs);
  const KD = new Float64Array(2 * width);
  const VD = new Float64Array(2 * width);
  const lam = p.lambda ?? 1;
  for (let t = 0; t < pairs; t++) {
    const x = rows[2 * t];
    const y = rows[2 * t + 1];
    const w = 2 * t;
    crossDots(Kl, w * d, 2, Kl, 0, w, d, KD, 0, width);
    crossDots(Vl, w * dv, 2, Vl, 0, w, dv, VD, 0, width);
    let alpha = 0;
    for (let j = 0; j < w; j++) {
      alpha += sign[j] * (Math.exp(p.s * KD[j]) * (VD[j] + lam) - Math.exp(p.s * KD[width + j]) * (VD[width + j] + lam));
    }
    const kxy = kernelEntry(inst, x, y, p);
    const b2 = Math.max(0, kernelEntry(inst, x, x, p) + kernelEntry(inst, y, y, p) - 2 * kxy);
    const b = Math.sqrt(b2);
    const a = Math.max(b * Math.sqrt(sigma2 * logTerm), b2);
    let eta: number;
    if (a === 0) eta = rng.next() < 0.5 ? 1 : -1;
    else {
      maxRatio = Math.max(maxRatio, Math.abs(alpha) / a);
      const prob = greedy ? (alpha < 0 ? 1 : alpha > 0 ? 0 : 0.5) : Math.min(1, Math.max(0, 0.5 * (1 - alpha / a)));
      eta = rng.next() < prob ? 1 : -1;
      sigma2 += b2 * (1 + ((b2 - 2 * alpha) * sigma2) / (a * a));
      sigma2 = Math.max(0, sigma2);
    }
    psi2 += b2 + 2 * eta * alpha;
    sign[2 * t] = eta;
    sign[2 * t + 1] = -eta;
    kept[t] = eta > 0 ? x : y;
  }
  if (rows.length % 2 === 1) kept[pairs] = rows[rows.length - 1];
  return { kept, psiNormSq: psi2, maxRatio };
}
