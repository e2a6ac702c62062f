/**
 * The pass over pairs of the moment certificate (`lem:moment-certificate`,
 * `lem:moment-rounding`): the spectral matrices M_t and the trace sums, over
 * the upper triangle of row blocks only (every summand is symmetric in i, j).
 * @module
 */
import { accumulateTransposed, crossDots } from '../fast/gemm.js';

/** Rows per block (a block's panels are B × rows buffers). */
export const PASS_BLOCK = 32;

/**
 * Columns per chunk: a chunk's Gram, weights and Kᵀ slice (4·B·C + d·C
 * doubles, 768 KiB) stay in a core's L2 cache across all the orders.
 */
export const PASS_CHUNK = 512;

/** Inputs of {@link momentPairPass}. */
export interface PassInput {
  readonly N: number;
  readonly d: number;
  readonly dv: number;
  readonly K: Float64Array;
  readonly V: Float64Array;
  readonly c: Float64Array;
  /** Spectral orders Ts and trace orders up to Tf ≥ Ts. */
  readonly Ts: number;
  readonly Tf: number;
  /** Also accumulate M¹_t and Σ c c g^t (the split numerator). */
  readonly split: boolean;
  /** Reference coefficients a_i, ⟨v_i, b⟩ and ‖b‖², or null. */
  readonly ref: Float64Array | null;
  readonly rb: Float64Array;
  readonly bb: number;
  /** Rows per block. @defaultValue PASS_BLOCK */
  readonly block?: number;
  /** Columns per chunk. @defaultValue PASS_CHUNK */
  readonly chunk?: number;
}

/** Outputs of {@link momentPairPass} (index t; trace index 0 unused). */
export interface PassOutput {
  /** M^U_t (and M^1_t with `split`) for t = 1..Ts at index t − 1, d × d. */
  readonly MU: Float64Array[];
  readonly M1: Float64Array[];
  /** Σ_ij c c g^t, Σ c c g^t h^U and Σ a a g^t ⟨v_i − b, v_j − b⟩ over all ordered pairs. */
  readonly F1: Float64Array;
  readonly FU: Float64Array;
  readonly FA: Float64Array;
  /** Roundings a summand of a matrix entry passes through, at most (`lem:moment-rounding`, "Sums"). */
  readonly pathM: number;
  /** Roundings a summand of a trace sum passes through, at most. */
  readonly pathF: number;
}

/**
 * Computes the spectral matrices M^•_t = Σ_ij c_ic_j g_ij^{t−1} h^•_ij k_ik_jᵀ and
 * the trace sums of `lem:moment-certificate` over all ordered pairs.
 *
 * Method: row block I = [i0, i0 + B) meets columns I (diagonal panel, every
 * ordered pair once) and [i0 + B, N) (off panel, each unordered pair once),
 * each accumulated from zero; the block then adds D + (O + Oᵀ) to each
 * matrix and D + 2·O to each trace sum (the factor 2 exact). Columns go in
 * chunks of C that stay in cache across the orders: the chunk's Gram rows by
 * {@link crossDots}, per order P_t += W_t K_J by {@link crossDots} against a
 * copy of the chunk's Kᵀ; per panel K_Iᵀ P_t by {@link accumulateTransposed}.
 * The trace orders beyond the spectral ones, and the reference side, run per
 * pair with the powers in registers.
 *
 * Error: each matrix entry's summand passes through ≤ C + ⌈N/C⌉ + 2B +
 * blocks + 4 roundings, each trace summand through ≤ B·N + blocks + 4
 * (`lem:moment-rounding`, "Sums"); returned as `pathM`, `pathF`.
 * @lemma lem:moment-rounding
 */
export function momentPairPass(inp: PassInput): PassOutput {
  const { N, d, dv, K, V, c, Ts, Tf, split, ref, rb, bb } = inp;
  const MU = Array.from({ length: Ts }, () => new Float64Array(d * d));
  const M1 = Array.from({ length: split ? Ts : 0 }, () => new Float64Array(d * d));
  const F1 = new Float64Array(Tf + 1);
  const FU = new Float64Array(Tf + 1);
  const FA = new Float64Array(Tf + 1);
  const B = Math.max(1, Math.min(inp.block ?? PASS_BLOCK, N));
  const C = Math.max(1, Math.min(inp.chunk ?? PASS_CHUNK, N));
  const W = Math.max(B, C);
  const G = new Float64Array(B * W);
  const H = new Float64Array(B * W);
  const pw = new Float64Array(B * W);
  const wu = new Float64Array(B * W);
  const KT = new Float64Array(d * W);
  const scratch = new Float64Array(B * d);
  const sets = split ? 2 : 1;
  // Per block and panel: P_t = W_t K_J summed over the column chunks, then K_Iᵀ P_t from zero.
  const Pt = Array.from({ length: sets }, () => Array.from({ length: Ts }, () => new Float64Array(B * d)));
  const tmpD = Array.from({ length: sets }, () => Array.from({ length: Ts }, () => new Float64Array(d * d)));
  const tmpO = Array.from({ length: sets }, () => Array.from({ length: Ts }, () => new Float64Array(d * d)));
  const acc = (): Float64Array[] => [new Float64Array(Tf + 1), new Float64Array(Tf + 1), new Float64Array(Tf + 1)];
  const accD = acc();
  const accO = acc();
  let blocks = 0;
  /** Adds the pairs I × [j0, j0 + nc) into P_t and the trace sums `sums`. */
  const chunk = (i0: number, nb: number, j0: number, nc: number, sums: Float64Array[]): void => {
    const [a1, aU, aA] = sums;
    const len = nb * nc;
    crossDots(K, i0 * d, nb, K, j0 * d, nc, d, G, 0, nc);
    crossDots(V, i0 * dv, nb, V, j0 * dv, nc, dv, H, 0, nc);
    for (let e = 0; e < len; e++) H[e] += 1; // h^U = 1 + ⟨v_i, v_j⟩
    for (let r = 0; r < nb; r++) {
      const ci = c[i0 + r];
      for (let j = 0; j < nc; j++) pw[r * nc + j] = ci * c[j0 + j];
    }
    for (let j = 0; j < nc; j++) for (let a = 0; a < d; a++) KT[a * nc + j] = K[(j0 + j) * d + a];
    const addTo = (Wm: Float64Array, out: Float64Array): void => {
      crossDots(Wm, 0, nb, KT, 0, d, nc, scratch, 0, d);
      for (let e = 0; e < nb * d; e++) out[e] += scratch[e];
    };
    for (let t = 1; t <= Ts; t++) {
      for (let e = 0; e < len; e++) wu[e] = pw[e] * H[e];
      addTo(wu, Pt[0][t - 1]);
      if (split) addTo(pw, Pt[1][t - 1]);
      let f1 = a1[t];
      let fu = aU[t];
      for (let e = 0; e < len; e++) {
        const w = pw[e] * G[e];
        pw[e] = w;
        f1 += w;
        fu += w * H[e];
      }
      a1[t] = f1;
      aU[t] = fu;
    }
    // Trace orders beyond Ts: the powers stay in a register, one sum per order.
    if (Tf > Ts) {
      for (let e = 0; e < len; e++) {
        let w = pw[e];
        const g = G[e];
        const h = H[e];
        for (let t = Ts + 1; t <= Tf; t++) {
          w *= g;
          a1[t] += w;
          aU[t] += w * h;
        }
      }
    }
    if (ref !== null) {
      for (let r = 0; r < nb; r++) {
        const ai = ref[i0 + r];
        const ri = rb[i0 + r];
        for (let j = 0; j < nc; j++) {
          const e = r * nc + j;
          let w = ai * ref[j0 + j];
          const g = G[e];
          const hp = H[e] - 1 - ri - rb[j0 + j] + bb; // ⟨v_i − b, v_j − b⟩
          for (let t = 1; t <= Tf; t++) {
            w *= g;
            aA[t] += w * hp;
          }
        }
      }
    }
  };
  /** The panel I × [j0, j1) in chunks of C columns; its matrices K_Iᵀ P_t into `mats`. */
  const panel = (i0: number, nb: number, j0: number, j1: number, sums: Float64Array[], mats: Float64Array[][]): void => {
    for (const m of [...sums, ...Pt.flat(), ...mats.flat()]) m.fill(0);
    for (let j = j0; j < j1; j += C) chunk(i0, nb, j, Math.min(C, j1 - j), sums);
    for (let s = 0; s < sets; s++) for (let t = 0; t < Ts; t++) accumulateTransposed(K, i0 * d, d, 1, d, Pt[s][t], 0, nb, d, mats[s][t]);
  };
  for (let i0 = 0; i0 < N; i0 += B) {
    const nb = Math.min(B, N - i0);
    blocks++;
    panel(i0, nb, i0, i0 + nb, accD, tmpD);
    panel(i0, nb, i0 + nb, N, accO, tmpO); // empty for the last block: zeros
    // One addition into each accumulator per block: diagonal + (off + offᵀ), diagonal + 2·off.
    for (let s = 0; s < sets; s++) {
      for (let t = 0; t < Ts; t++) {
        const M = s === 0 ? MU[t] : M1[t];
        const D = tmpD[s][t];
        const O = tmpO[s][t];
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) M[a * d + b] += D[a * d + b] + (O[a * d + b] + O[b * d + a]);
      }
    }
    const outs = [F1, FU, FA];
    for (let k = 0; k < 3; k++) for (let t = 1; t <= Tf; t++) outs[k][t] += accD[k][t] + 2 * accO[k][t];
  }
  // Matrix summand: w·k, ≤ C in its chunk's dot, ≤ ⌈N/C⌉ chunk additions, ·k, ≤ B in K_Iᵀ P,
  // O + Oᵀ, D + ·, one per block. Trace summand: ≤ B·N in its panel, D + 2·O, one per block.
  return { MU, M1, F1, FU, FA, pathM: C + Math.ceil(N / C) + 2 * B + blocks + 4, pathF: B * N + blocks + 4 };
}
