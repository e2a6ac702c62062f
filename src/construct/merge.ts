/**
 * Composing coresets of disjoint parts with (ε, δ) accounting (`lem:merge`).
 * @module
 */
import { InputError } from '../errors.js';
import type { Coreset } from '../types.js';
import { validatePositive } from '../validate.js';

/** A weighted set with its (ε, δ) accounting relative to the rows it summarises. */
export interface AccountedCoreset {
  readonly coreset: Coreset;
  /** Bound (or measured value) on the attention error E(w | a). */
  readonly eps: number;
  /** Bound (or measured value) on the mass error δ(w | a) (`def:mass-error`). */
  readonly delta: number;
}

/**
 * Computes the accounting of a union of coresets of disjoint parts
 * (`lem:merge`, parts 1–2): ε = max_j ε_j + ½R_v(δ₍₁₎ + δ₍₂₎) with δ₍₁₎ ≥ δ₍₂₎
 * the two largest δ_j (for two parts: ½R_v(δ₁ + δ₂)), and δ = max_j δ_j.
 *
 * Special cases: one part returns its own (ε, δ).
 * @lemma lem:merge
 */
export function mergeAccounting(parts: readonly { eps: number; delta: number }[], valueBound: number): { eps: number; delta: number } {
  if (parts.length === 0) throw new InputError('empty', 'parts', 'merging needs at least one part');
  validatePositive(valueBound, 'valueBound');
  for (const [j, p] of parts.entries()) {
    if (!(p.eps >= 0) || !(p.delta >= 0)) throw new InputError('parameter', `parts[${j}]`, `needs ε ≥ 0 and δ ≥ 0, got (${p.eps}, ${p.delta})`);
  }
  const deltas = parts.map((p) => p.delta).sort((a, b) => b - a);
  const eps = parts.reduce((m, p) => Math.max(m, p.eps), -Infinity);
  if (parts.length === 1) return { eps, delta: deltas[0] };
  return { eps: eps + 0.5 * valueBound * (deltas[0] + deltas[1]), delta: deltas[0] };
}

/**
 * Computes the accounting of a reduce step (`lem:merge`, part 3): a coreset
 * (ε′, δ′) of a coreset (ε, δ) of a is an (ε + ε′, δ + δ′)-coreset of a.
 * @lemma lem:merge
 */
export function reduceAccounting(outer: { eps: number; delta: number }, inner: { eps: number; delta: number }): { eps: number; delta: number } {
  return { eps: outer.eps + inner.eps, delta: outer.delta + inner.delta };
}

/**
 * Merges coresets of disjoint parts into one weighted set (weights kept, so
 * masses add: Z_{w₁+w₂} = Z_{w₁} + Z_{w₂}) with the accounting of
 * {@link mergeAccounting}. `valueBound` is R_v, a bound on the value norms of
 * the kept rows.
 *
 * Special cases: shards sharing an index are rejected (the lemma needs
 * disjoint supports of the summarised parts; a shared kept row means the
 * parts overlap).
 * @lemma lem:merge
 * @example
 * ```ts
 * import { mergeCoresets } from 'attn-coreset';
 *
 * // Coresets of two disjoint halves of one instance, with their (ε, δ): the union and its accounting.
 * const a = { coreset: { indices: new Uint32Array([0, 1]), weights: new Float64Array([2, 2]) }, eps: 0.01, delta: 0.02 };
 * const b = { coreset: { indices: new Uint32Array([5]), weights: new Float64Array([4]) }, eps: 0.02, delta: 0.01 };
 * const merged = mergeCoresets([a, b], 1); // valueBound R_v = 1
 * console.log(merged.coreset.indices, merged.eps, merged.delta); // eps = 0.02 + ½(0.02 + 0.01)
 * ```
 */
export function mergeCoresets(shards: readonly AccountedCoreset[], valueBound: number): AccountedCoreset {
  const acc = mergeAccounting(shards, valueBound);
  const seen = new Set<number>();
  const idx: number[] = [];
  const w: number[] = [];
  shards.forEach((s, j) => {
    if (s.coreset.indices.length !== s.coreset.weights.length) {
      throw new InputError('shape', `shards[${j}]`, `has ${s.coreset.indices.length} indices but ${s.coreset.weights.length} weights`);
    }
    s.coreset.indices.forEach((i, t) => {
      if (seen.has(i)) throw new InputError('index-range', `shards[${j}].indices[${t}]`, `row ${i} appears in two shards; shards must be disjoint`);
      seen.add(i);
      idx.push(i);
      w.push(s.coreset.weights[t]);
    });
  });
  return { coreset: { indices: Uint32Array.from(idx), weights: Float64Array.from(w) }, ...acc };
}
