/**
 * Arbitrary: dominant sink keys (identical copies, a cone of near keys)
 * among weaker or isotropic ones.
 * @module
 */
import fc from 'fast-check';
import type { Instance } from '../../src/types.js';
import { instanceOf, normalize, scaleIntoBall, unitVector } from '../internal/rows.js';
import { shape, type ShapeConstraints } from '../internal/shape.js';

/** Constraints of {@link attentionSinkKeyInstance}. */
export interface AttentionSinkKeyInstanceConstraints extends ShapeConstraints {
  /** Smallest norm of the other keys (neither sink nor near it). @defaultValue 0 */
  readonly minOtherKeyNorm?: number;
  /** Largest norm of the other keys (the sinks have norm 1). @defaultValue 0.2 */
  readonly maxOtherKeyNorm?: number;
  /** Smallest number of identical sink rows (one key, one value), at least 1. @defaultValue 1 */
  readonly minSinks?: number;
  /** Largest number of identical sink rows. @defaultValue 1 */
  readonly maxSinks?: number;
  /** Smallest number of unit keys near the sink (isotropic values). @defaultValue 0 */
  readonly minNearSink?: number;
  /** Largest number of unit keys near the sink. @defaultValue 0 */
  readonly maxNearSink?: number;
  /** Largest angle (radians) between a near-sink key and the sink. @defaultValue 0.2 */
  readonly nearSinkRadius?: number;
}

/**
 * Generates ball keys where the first rows are identical copies of one unit
 * sink key with one value (the sink's weight is their number), the next are
 * unit keys within `nearSinkRadius` of it with unit values, and the rest have
 * norms in [minOtherKeyNorm, maxOtherKeyNorm], values unit: near the sink
 * direction the sink and its cone carry almost all the mass and the rest are
 * small corrections (`def:attention`). With the defaults (one sink, no cone)
 * it draws exactly what the single-sink arbitrary always drew.
 * @lemma def:attention
 */
export function attentionSinkKeyInstance(constraints: AttentionSinkKeyInstanceConstraints = {}): fc.Arbitrary<Instance> {
  const lo = constraints.minOtherKeyNorm ?? 0;
  const r = Math.max(lo, constraints.maxOtherKeyNorm ?? 0.2);
  const minSinks = Math.max(1, constraints.minSinks ?? 1);
  const maxSinks = Math.max(minSinks, constraints.maxSinks ?? 1);
  const minNear = Math.max(0, constraints.minNearSink ?? 0);
  const maxNear = Math.max(minNear, constraints.maxNearSink ?? 0);
  const base = shape({ ...constraints, minN: Math.max(2, minSinks + minNear, constraints.minN ?? 2) });
  const others = (n: number, d: number) => fc.array(fc.tuple(unitVector(d), fc.double({ min: lo, max: r, noNaN: true })), { minLength: n, maxLength: n });
  if (maxSinks === 1 && maxNear === 0) {
    return base.chain(({ n, d, dv }) =>
      fc
        .tuple(others(n, d), fc.array(unitVector(dv), { minLength: n, maxLength: n }))
        .map(([k, v]) => instanceOf(k.map(([x, s], i) => (i === 0 ? x : Array.from(scaleIntoBall(x, s)))), v)),
    );
  }
  const radius = constraints.nearSinkRadius ?? 0.2;
  return base.chain(({ n, d, dv }) =>
    fc.integer({ min: minSinks, max: Math.min(maxSinks, n - minNear) }).chain((sinks) =>
      fc.integer({ min: minNear, max: Math.min(maxNear, n - sinks) }).chain((near) =>
        fc
          .tuple(
            unitVector(d),
            unitVector(dv),
            fc.array(fc.tuple(unitVector(d), fc.double({ min: 0, max: radius, noNaN: true })), { minLength: near, maxLength: near }),
            others(n - sinks - near, d),
            fc.array(unitVector(dv), { minLength: n - sinks, maxLength: n - sinks }),
          )
          .map(([u, vs, cone, rest, vals]) => {
            const keys: number[][] = [];
            for (let i = 0; i < sinks; i++) keys.push(u);
            for (const [t, theta] of cone) keys.push(towards(u, t, theta));
            for (const [x, s] of rest) keys.push(Array.from(scaleIntoBall(x, s)));
            const values: number[][] = [];
            for (let i = 0; i < sinks; i++) values.push(vs);
            values.push(...vals);
            return instanceOf(keys, values);
          }),
      ),
    ),
  );
}

/** The unit vector at angle θ from u towards t's component orthogonal to u (u when that is ≈ 0). */
function towards(u: readonly number[], t: readonly number[], theta: number): number[] {
  const c = u.reduce((s, x, j) => s + x * t[j], 0);
  const o = t.map((x, j) => x - c * u[j]);
  const on = Math.sqrt(o.reduce((s, x) => s + x * x, 0));
  if (!(on > 1e-6)) return [...u];
  return normalize(u.map((x, j) => Math.cos(theta) * x + (Math.sin(theta) * o[j]) / on));
}
