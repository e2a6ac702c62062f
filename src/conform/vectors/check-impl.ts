/**
 * `vectors check --impl`: asks an implementation to compress each vector's
 * input at its (ρ, ε) and checks the answer: a valid weighted set, the
 * vector's necessary condition (the orthonormal floor; the uniform-weights
 * bound on T_ρ) with an exact witness, then the verifier.
 * @module
 */
import type { Decimal } from 'decimal.js';
import { orthonormalWitness } from '../../families/index.js';
import * as Ref from '../../reference/index.js';
import type { Coreset } from '../../types.js';
import { normalizeCoreset } from '../../validate.js';
import type { ConformCase } from '../cases.js';
import { checkAnswer, toCompressed, type VerifyFn } from '../check.js';
import type { Failure } from '../failure.js';
import type { CaseResult, ConformReport } from '../report-types.js';
import { Session } from '../session.js';
import type { LoadedVector } from './read.js';
import { isCacheVector, type AnyLoadedVector } from './read-set.js';

/** Options of {@link runVectors}. */
export interface VectorRunOptions {
  readonly command: string;
  readonly verify: VerifyFn;
  /** Per-request timeout in ms. @defaultValue 10000 */
  readonly timeoutMs?: number;
  readonly budget?: number;
  /** @defaultValue 1 */
  readonly seed?: number;
  readonly maxLineBytes?: number;
  /** Receives the implementation's stderr (diagnostics), chunk by chunk. */
  readonly onStderr?: (chunk: string) => void;
}

interface Witnessed {
  readonly failure: Failure;
  readonly witness: Float64Array;
  readonly lower: Decimal;
}

function along(d: number, t: number): Float64Array {
  const q = new Float64Array(d);
  q[0] = t;
  return q;
}

/**
 * The vector's necessary condition on any ε-coreset, with an exact witness
 * when the answer breaks it.
 * @lemma prop:orthonormal-floor
 * @lemma prop:uniform-weights-fail
 */
export function necessaryCondition(v: LoadedVector, answer: Coreset): Witnessed | null {
  const e = v.vector.expect;
  const norm = normalizeCoreset(answer, v.inst.n, 'response');
  const kept = new Set(norm.indices);
  if (e.kind === 'floor') {
    for (let i = 0; i < v.inst.n; i++) {
      if (kept.has(i)) continue;
      const q = orthonormalWitness(v.inst.n, i, v.rho);
      const lower = Ref.coresetError(v.inst, q, answer);
      return { witness: q, lower, failure: { reason: 'not-eps-coreset', message: `omits row ${i}; every ε-coreset of this instance keeps all ${v.inst.n} rows (prop:orthonormal-floor): error ${lower.toSignificantDigits(6)} > ε = ${v.eps} at q = ρ·e_${i}` } };
    }
  }
  if (e.kind === 'uniform-fails') {
    const w = Array.from(norm.weights);
    const uniform = w.every((x) => x === w[0]);
    if (uniform && norm.indices.length < e.minUniformSize) {
      // Row 0 is the + key of T_ρ, rows 1..M the − keys (see trapInstance).
      const M = v.inst.n - 1;
      const minus = norm.indices.length - (kept.has(0) ? 1 : 0);
      const t = !kept.has(0) ? v.rho : minus === 0 ? -v.rho : (Math.log(M) + Math.log(minus)) / 4;
      const q = along(v.inst.d, t);
      const lower = Ref.coresetError(v.inst, q, answer);
      return {
        witness: q,
        lower,
        failure: { reason: 'not-eps-coreset', message: `a uniform-weight set of ${norm.indices.length} < ${e.minUniformSize} points (prop:uniform-weights-fail): error ${lower.toSignificantDigits(6)} > ε = ${v.eps}` },
      };
    }
  }
  return null;
}

/**
 * Runs every vector (v1 or v2: the implementation compresses the vector's
 * input; a v2 vector's own cache is not involved) against the implementation and returns a report in the
 * format of the live harness (cases named by vector id, family = file).
 * Never throws for anything the implementation does; always stops it.
 * @lemma def:eps-coreset
 */
export async function runVectors(vectors: readonly AnyLoadedVector[], opts: VectorRunOptions): Promise<ConformReport> {
  const started = Date.now();
  const seed = opts.seed ?? 1;
  const session = new Session(opts.command, opts.timeoutMs ?? 10_000, { maxLineBytes: opts.maxLineBytes, onStderr: opts.onStderr }, undefined);
  const cases: CaseResult[] = [];
  let internalError: string | undefined;
  try {
    for (const v of vectors) {
      const c: ConformCase = { family: v.file, inst: v.inst, rho: v.rho, eps: v.eps };
      const base = { id: v.vector.id, family: v.file, anchor: v.vector.anchor, n: v.inst.n, d: v.inst.d, dv: v.inst.dv, rho: v.rho, eps: v.eps };
      const ans = await session.ask(c, v.vector.id);
      if ('failure' in ans) {
        cases.push({ ...base, status: 'fail', failure: ans.failure });
        continue;
      }
      const coreset = toCompressed(ans.response, session.responseForm, v.inst);
      if ('reason' in coreset) {
        cases.push({ ...base, status: 'fail', failure: coreset });
        continue;
      }
      const size = 'indices' in coreset ? normalizeCoreset(coreset, v.inst.n, 'response').indices.length : coreset.m;
      // The v1 vectors' necessary conditions are statements about subsets; a
      // cache answer, and any answer to a v2 vector's input, goes to the verifier alone.
      const broken = 'indices' in coreset && !isCacheVector(v) ? necessaryCondition(v, coreset) : null;
      if (broken !== null && broken.lower.greaterThan(v.eps)) {
        const lower = Ref.toNearestDouble(broken.lower);
        cases.push({ ...base, size, status: 'fail', failure: broken.failure, verdict: 'fail', lower, upper: Infinity, witness: Array.from(broken.witness) });
        continue;
      }
      const check = await checkAnswer(c, coreset, opts.verify, { budget: opts.budget, seed });
      const r = check.verify;
      const verdict = r ? { verdict: r.verdict, lower: r.lower, upper: r.upper, witness: Array.from(r.witness) } : {};
      cases.push(check.failure ? { ...base, size, ...verdict, status: 'fail', failure: check.failure } : { ...base, size, ...verdict, status: 'pass' });
    }
  } catch (e) {
    internalError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    await session.close();
  }
  const failed = cases.filter((r) => r.status === 'fail').length;
  const h = session.hello;
  return {
    protocol: session.hello?.protocol === 2 ? 2 : 1,
    implementation: { command: opts.command, ...(h ? { name: h.name } : {}), ...(h?.version !== undefined ? { version: h.version } : {}) },
    seed,
    cases,
    counterexamples: [],
    passed: cases.length - failed,
    failed,
    seconds: (Date.now() - started) / 1000,
    ...(internalError !== undefined ? { internalError } : {}),
  };
}
