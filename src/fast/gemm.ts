/**
 * Register-tiled products of row-major blocks: the hot loops of the batched
 * falsifier and of the builder's kernel sums.
 *
 * Why tiled: a 2 × 4 tile loads 6 numbers per 8 multiply-adds where a plain
 * dot product loads 2 per 1, and V8 keeps the 8 accumulators in registers.
 * On the benchmark machine a 2048 × 4096 product of length-64 rows took
 * about 250 ms against 510–750 ms for a {@link dot} per entry (one-off
 * timing, 2026-11-28; a 3 × 4 tile gained another 10 %, not worth its
 * register pressure). bench/RESULTS.md shows the effect on `evalBatch`.
 * @module
 */

/**
 * Computes out[io + i·ld + j] = ⟨a_i, b_j⟩ for the `na` rows
 * a_i = A[ia + i·len ..] and the `nb` rows b_j = B[ib + j·len ..] (both
 * row-major with stride `len`).
 *
 * Error: each entry is a sum of `len` products in some order, so
 * |fl − exact| ≤ γ_len·Σ_k |a_ik b_jk| (`lem:float-error`, as for `dot`).
 * @lemma lem:float-error
 */
export function crossDots(A: Float64Array, ia: number, na: number, B: Float64Array, ib: number, nb: number, len: number, out: Float64Array, io: number, ld: number): void {
  const nb4 = nb - (nb % 4);
  let i = 0;
  for (; i + 1 < na; i += 2) {
    const a0 = ia + i * len;
    const a1 = a0 + len;
    const o0 = io + i * ld;
    const o1 = o0 + ld;
    let j = 0;
    for (; j < nb4; j += 4) {
      const b0 = ib + j * len;
      const b1 = b0 + len;
      const b2 = b1 + len;
      const b3 = b2 + len;
      let c00 = 0;
      let c01 = 0;
      let c02 = 0;
      let c03 = 0;
      let c10 = 0;
      let c11 = 0;
      let c12 = 0;
      let c13 = 0;
      for (let k = 0; k < len; k++) {
        const x0 = A[a0 + k];
        const x1 = A[a1 + k];
        const y0 = B[b0 + k];
        const y1 = B[b1 + k];
        const y2 = B[b2 + k];
        const y3 = B[b3 + k];
        c00 += x0 * y0;
        c01 += x0 * y1;
        c02 += x0 * y2;
        c03 += x0 * y3;
        c10 += x1 * y0;
        c11 += x1 * y1;
        c12 += x1 * y2;
        c13 += x1 * y3;
      }
      out[o0 + j] = c00;
      out[o0 + j + 1] = c01;
      out[o0 + j + 2] = c02;
      out[o0 + j + 3] = c03;
      out[o1 + j] = c10;
      out[o1 + j + 1] = c11;
      out[o1 + j + 2] = c12;
      out[o1 + j + 3] = c13;
    }
    for (; j < nb; j++) {
      const b0 = ib + j * len;
      let c0 = 0;
      let c1 = 0;
      for (let k = 0; k < len; k++) {
        c0 += A[a0 + k] * B[b0 + k];
        c1 += A[a1 + k] * B[b0 + k];
      }
      out[o0 + j] = c0;
      out[o1 + j] = c1;
    }
  }
  if (i < na) {
    // The last row of an odd count (or a single row): a 1 × 4 tile.
    const a0 = ia + i * len;
    const o0 = io + i * ld;
    let j = 0;
    for (; j < nb4; j += 4) {
      const b0 = ib + j * len;
      const b1 = b0 + len;
      const b2 = b1 + len;
      const b3 = b2 + len;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let k = 0; k < len; k++) {
        const x = A[a0 + k];
        c0 += x * B[b0 + k];
        c1 += x * B[b1 + k];
        c2 += x * B[b2 + k];
        c3 += x * B[b3 + k];
      }
      out[o0 + j] = c0;
      out[o0 + j + 1] = c1;
      out[o0 + j + 2] = c2;
      out[o0 + j + 3] = c3;
    }
    for (; j < nb; j++) {
      const b0 = ib + j * len;
      let c0 = 0;
      for (let k = 0; k < len; k++) c0 += A[a0 + k] * B[b0 + k];
      out[o0 + j] = c0;
    }
  }
}

/**
 * Computes out[b·len + c] += Σ_i P[ip + i·pi + b·pb]·X[ix + i·len + c] for
 * b < nb, c < len, i < rows: out (nb × len) += Pᵀ X, with P a rows × nb
 * block addressed by the strides `pi` (rows) and `pb` (columns), so either
 * layout of P serves, and X a row-major rows × len block.
 *
 * Error: each entry adds `rows` products to its old value, so
 * |fl − exact| ≤ γ_{rows+1}·(|out| + Σ_i |P_ib X_ic|) (`lem:float-error`).
 * @lemma lem:float-error
 */
export function accumulateTransposed(P: Float64Array, ip: number, pi: number, pb: number, nb: number, X: Float64Array, ix: number, rows: number, len: number, out: Float64Array): void {
  const len4 = len - (len % 4);
  let b = 0;
  for (; b + 1 < nb; b += 2) {
    const o0 = b * len;
    const o1 = o0 + len;
    let c = 0;
    for (; c < len4; c += 4) {
      let s00 = out[o0 + c];
      let s01 = out[o0 + c + 1];
      let s02 = out[o0 + c + 2];
      let s03 = out[o0 + c + 3];
      let s10 = out[o1 + c];
      let s11 = out[o1 + c + 1];
      let s12 = out[o1 + c + 2];
      let s13 = out[o1 + c + 3];
      const pBase = ip + b * pb;
      for (let i = 0; i < rows; i++) {
        const p = pBase + i * pi;
        const x = ix + i * len + c;
        const p0 = P[p];
        const p1 = P[p + pb];
        const x0 = X[x];
        const x1 = X[x + 1];
        const x2 = X[x + 2];
        const x3 = X[x + 3];
        s00 += p0 * x0;
        s01 += p0 * x1;
        s02 += p0 * x2;
        s03 += p0 * x3;
        s10 += p1 * x0;
        s11 += p1 * x1;
        s12 += p1 * x2;
        s13 += p1 * x3;
      }
      out[o0 + c] = s00;
      out[o0 + c + 1] = s01;
      out[o0 + c + 2] = s02;
      out[o0 + c + 3] = s03;
      out[o1 + c] = s10;
      out[o1 + c + 1] = s11;
      out[o1 + c + 2] = s12;
      out[o1 + c + 3] = s13;
    }
    for (; c < len; c++) {
      let s0 = out[o0 + c];
      let s1 = out[o1 + c];
      for (let i = 0; i < rows; i++) {
        const x = X[ix + i * len + c];
        s0 += P[ip + i * pi + b * pb] * x;
        s1 += P[ip + i * pi + (b + 1) * pb] * x;
      }
      out[o0 + c] = s0;
      out[o1 + c] = s1;
    }
  }
  if (b < nb) {
    // The last column of an odd count (or a single one, as in a falsifier
    // batch split in two): a 1 × 4 tile, each entry summed over i in the
    // same order as above, so the bits do not depend on the tiling.
    const o0 = b * len;
    const pBase = ip + b * pb;
    let c = 0;
    for (; c < len4; c += 4) {
      let s0 = out[o0 + c];
      let s1 = out[o0 + c + 1];
      let s2 = out[o0 + c + 2];
      let s3 = out[o0 + c + 3];
      for (let i = 0; i < rows; i++) {
        const p0 = P[pBase + i * pi];
        const x = ix + i * len + c;
        s0 += p0 * X[x];
        s1 += p0 * X[x + 1];
        s2 += p0 * X[x + 2];
        s3 += p0 * X[x + 3];
      }
      out[o0 + c] = s0;
      out[o0 + c + 1] = s1;
      out[o0 + c + 2] = s2;
      out[o0 + c + 3] = s3;
    }
    for (; c < len; c++) {
      let s0 = out[o0 + c];
      for (let i = 0; i < rows; i++) s0 += P[pBase + i * pi] * X[ix + i * len + c];
      out[o0 + c] = s0;
    }
  }
}
