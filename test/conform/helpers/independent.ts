/**
 * An independent evaluation of the coreset error for confirming witnesses:
 * plain loops over number[][] (no src/fast, no src/reference), max-shifted
 * exponentials, weights summed per index (multiset).
 */
function attentionOf(K: number[][], V: number[][], q: number[], weight: (i: number) => number): number[] {
  const logits = K.map((k) => k.reduce((s, x, j) => s + x * q[j], 0));
  const m = Math.max(...logits.filter((_, i) => weight(i) > 0));
  const out = new Array<number>(V[0].length).fill(0);
  let z = 0;
  logits.forEach((l, i) => {
    const w = weight(i);
    if (w <= 0) return;
    const t = w * Math.exp(l - m);
    z += t;
    V[i].forEach((v, c) => (out[c] += t * v));
  });
  return out.map((x) => x / z);
}

/** err_w(q) = ‖A_1(q) − A_w(q)‖₂ for the sparse weighted set (indices, weights). */
export function independentError(K: number[][], V: number[][], q: number[], indices: number[], weights: number[]): number {
  const w = new Array<number>(K.length).fill(0);
  indices.forEach((i, j) => (w[i] += weights[j]));
  const a = attentionOf(K, V, q, () => 1);
  const b = attentionOf(K, V, q, (i) => w[i]);
  return Math.hypot(...a.map((x, c) => x - b[c]));
}
