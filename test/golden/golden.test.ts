import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, it } from 'vitest';
import { attention } from '../../src/fast/attention.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import {
  attentionErrorBound,
  coresetErrorBound,
  evaluationProfile,
  gamma,
  jacobianErrorBound,
  logPartitionErrorBound,
  UNIT_ROUNDOFF,
} from '../../src/fast/float-error.js';
import { attentionJacobian } from '../../src/fast/jacobian.js';
import { lift } from '../../src/fast/lifting.js';
import { logits } from '../../src/fast/logits.js';
import { logMassError, logMassErrorBound } from '../../src/fast/mass-error.js';
import { logPartition } from '../../src/fast/partition.js';
import { parseHexFloat } from '../../src/io/hex-float.js';
import * as Ref from '../../src/reference/index.js';
import { logMassError as refLogMassError } from '../../src/reference/mass-error.js';
import type { Coreset, Instance } from '../../src/types.js';
import { assertWithin } from '../helpers/assert.js';

// Golden vectors from scripts/gen-golden.ts (inline decimal.js formulas at 90
// digits, rounded to 50): the fast path must be within its lem:float-error
// bound of them, the reference within GOLDEN_AGREEMENT of them.

/**
 * Both the golden value and the reference at 50 digits are the exact value
 * rounded once to 50 significant digits (≤ ½·10⁻⁴⁹ relative each) after work
 * with ≥ 10 guard digits whose error is relative to the scale of the terms
 * (R_v for attention, |s|R_kR_v for the Jacobian, …), not to |value|; so they
 * differ by ≤ 10⁻⁴⁹·(|value| + scale). This constant is that factor.
 */
const GOLDEN_AGREEMENT = new Decimal('1e-49');
/** The golden value's own distance from the exact one, same derivation (one side only). */
const GOLDEN_ERROR = GOLDEN_AGREEMENT;
const REF_DIGITS = 50;

interface Golden {
  id: string;
  note: string;
  input: { n: number; d: number; dv: number; K: string[]; V: string[]; q: string[]; w: { indices: number[]; weights: string[] } | null; scale: string };
  output: { logits: string[]; logPartition: string; attention: string[]; jacobian: string[]; coresetError: string | null; logMassError: string | null };
}

const read = <T>(name: string): { cases: T[] } => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8'));
const hx = (xs: string[]) => Float64Array.from(xs, (s) => parseHexFloat(s));
const norm = (a: ArrayLike<number>, from: number, len: number) => {
  let s = 0;
  for (let j = 0; j < len; j++) s += a[from + j] ** 2;
  return Math.sqrt(s) * (1 + gamma(len + 2));
};
const dec = (s: string) => new Decimal(s);
const frob = (fast: ArrayLike<number>, gold: string[]) => {
  let s = new Decimal(0);
  gold.forEach((g, k) => (s = s.plus(Ref.exactDecimal(fast[k]).minus(g).pow(2))));
  return s.sqrt();
};

describe('golden vectors: attention', () => {
  for (const g of read<Golden>('./attention.json').cases) {
    const { n, d, dv } = g.input;
    const inst: Instance = { n, d, dv, K: hx(g.input.K), V: hx(g.input.V) };
    const q = hx(g.input.q);
    const w: Coreset | null = g.input.w && { indices: Uint32Array.from(g.input.w.indices), weights: hx(g.input.w.weights) };
    const scale = parseHexFloat(g.input.scale);
    const opts = { scale };
    const info = `${g.id} (${g.note})`;
    const p = evaluationProfile(inst, q, w, opts);
    const Rv = p.valueNorm;
    const sRkRv = Math.abs(scale) * p.keyNorm * p.valueNorm;
    const tolG = (x: string, size: number) => GOLDEN_ERROR.times(dec(x).abs().plus(size));

    it(`${g.id}: fast path within lem:float-error`, () => {
      const l = logits(inst, q, opts);
      g.output.logits.forEach((x, i) => {
        const size = Math.abs(scale) * norm(q, 0, d) * norm(inst.K, i * d, d);
        assertWithin(`logit ${i}`, l[i], dec(x), tolG(x, size).plus(gamma(d + 1) * size), info);
      });
      const lz = logPartition(inst, q, w, opts);
      const lzSize = 1 + p.scaledQueryNorm * p.keyNorm;
      assertWithin('ln Z', lz, dec(g.output.logPartition), tolG(g.output.logPartition, lzSize).plus(logPartitionErrorBound(p, lz)), info);
      const A = attention(inst, q, w, opts);
      const dA = frob(A, g.output.attention);
      assertWithin('‖Â − A‖', 0, dA, GOLDEN_ERROR.times(2 * Rv * Math.sqrt(dv)).plus(attentionErrorBound(p)), info);
      const J = attentionJacobian(inst, q, w, opts);
      assertWithin('‖Ĵ − J‖_F', 0, frob(J, g.output.jacobian), GOLDEN_ERROR.times(2 * sRkRv * Math.sqrt(d * dv)).plus(jacobianErrorBound(p, scale)), info);
      if (w && g.output.coresetError !== null && g.output.logMassError !== null) {
        const full = evaluationProfile(inst, q, null, opts);
        assertWithin('err', coresetError(inst, q, w, opts), dec(g.output.coresetError), tolG(g.output.coresetError, 4 * Rv).plus(coresetErrorBound(full, p)), info);
        const l1 = logPartition(inst, q, null, opts);
        const bound = logMassErrorBound(full, p, l1, lz);
        assertWithin('log mass error', logMassError(inst, q, w, opts), dec(g.output.logMassError), tolG(g.output.logMassError, Math.abs(l1) + Math.abs(lz) + 1).plus(bound), info);
      }
    });

    it(`${g.id}: reference at 50 digits agrees to GOLDEN_AGREEMENT`, () => {
      const r = { scale, digits: REF_DIGITS };
      const agree = (x: string, size: number) => GOLDEN_AGREEMENT.times(dec(x).abs().plus(size));
      Ref.logits(inst, q, r).forEach((x, i) => {
        const size = Math.abs(scale) * norm(q, 0, d) * norm(inst.K, i * d, d);
        assertWithin(`logit ${i}`, x, dec(g.output.logits[i]), agree(g.output.logits[i], size), info);
      });
      const lz = g.output.logPartition;
      assertWithin('ln Z', Ref.logPartition(inst, q, w, r), dec(lz), agree(lz, 1 + p.scaledQueryNorm * p.keyNorm), info);
      Ref.attention(inst, q, w, r).forEach((x, c) => assertWithin(`A[${c}]`, x, dec(g.output.attention[c]), agree(g.output.attention[c], Rv), info));
      Ref.attentionJacobian(inst, q, w, r).forEach((x, k) => assertWithin(`J[${k}]`, x, dec(g.output.jacobian[k]), agree(g.output.jacobian[k], sRkRv), info));
      if (w && g.output.coresetError !== null && g.output.logMassError !== null) {
        assertWithin('err', Ref.coresetError(inst, q, w, r), dec(g.output.coresetError), agree(g.output.coresetError, 2 * Rv), info);
        const lm = g.output.logMassError;
        assertWithin('log mass error', refLogMassError(inst, q, w, r), dec(lm), agree(lm, 1 + 2 * p.scaledQueryNorm * p.keyNorm), info);
      }
    });
  }
});

interface LiftGolden {
  id: string;
  input: { n: number; d: number; K: string[] };
  output: { lastCoordinate: string[] };
}

describe('golden vectors: lift', () => {
  for (const g of read<LiftGolden>('./lifting.json').cases) {
    const { n, d } = g.input;
    const inst: Instance = { n, d, dv: 1, K: hx(g.input.K), V: new Float64Array(n).fill(1) };
    it(`${g.id}: reference and fast lift`, () => {
      const L = Ref.lift(inst, { digits: REF_DIGITS });
      const F = lift(inst);
      g.output.lastCoordinate.forEach((y, i) => {
        assertWithin(`reference k̃_${i}`, L.K[i * (d + 1) + d], dec(y), GOLDEN_AGREEMENT.times(dec(y).abs().plus(1)), g.id);
        // |t − y²| ≤ γ_{d+2} for the computed t = fl(1 − fl(Σk²)), so
        // |√t − y| ≤ γ_{d+2}/y (y > 0) or √γ_{d+2} (y = 0), plus the sqrt's
        // rounding u·√t ≤ u·(y + 1).
        const yy = Number(y);
        const g2 = gamma(d + 2);
        const tol = (yy > 0 ? Math.min(g2 / yy, Math.sqrt(g2)) : Math.sqrt(g2)) + UNIT_ROUNDOFF * (yy + 1);
        assertWithin(`fast k̃_${i}`, F.K[i * (d + 1) + d], dec(y), GOLDEN_ERROR.plus(tol), g.id);
      });
    });
  }
});
