/**
 * The conformance harness: generates seeded cases from fast-check families,
 * asks the implementation under test, checks every answer, and shrinks the
 * first failure of each family to a minimal counterexample by re-asking the
 * implementation on smaller instances (fast-check replay + shrink).
 * @module
 */
import fc from 'fast-check';
import { InputError } from '../errors.js';
import { DEFAULT_MAX_LINE_BYTES } from './child.js';
import type { CaseFamily, ConformCase } from './cases.js';
import { defaultFamilies } from './families.js';
import { checkAnswer, toCompressed, type VerifyFn } from './check.js';
import type { AnswerRows, CaseResult, ConformReport, Counterexample } from './report-types.js';
import type { Compressed } from '../types.js';
import type { Failure, FailureReason } from './failure.js';
import { parseSizeClaim, Session } from './session.js';
import type { PlannedCase } from './profiles.js';

/** Lets signals (SIGTERM, Ctrl-C) and timers run between synchronous stretches. */
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Options of {@link runConformance}. */
export interface HarnessOptions {
  /** Shell command that starts the implementation. */
  readonly command: string;
  /** The verifier (`verify` of `src/verify`, or a stand-in). */
  readonly verify: VerifyFn;
  /** Number of cases, spread over the families. @defaultValue 50 */
  readonly cases?: number;
  /** fast-check seed of the case generation. @defaultValue 1 */
  readonly seed?: number;
  /** Per-request timeout in ms. @defaultValue 10000 */
  readonly timeoutMs?: number;
  /** Handshake timeout in ms. @defaultValue max(timeoutMs, 10000) */
  readonly handshakeTimeoutMs?: number;
  /** Size claim (number or formula in d, dv, n, rho, eps); overrides the hello's. */
  readonly maxSize?: number | string;
  /** Verifier budget per answer. @defaultValue the verifier's */
  readonly budget?: number;
  /** Case families. @defaultValue {@link defaultFamilies} */
  readonly families?: readonly CaseFamily[];
  /**
   * Shrinking limits: implementation calls per failing family, and a time
   * limit for all shrinking; `false` reports failures unshrunk.
   * @defaultValue { maxCalls: 300, maxMs: 60000 }
   */
  readonly shrink?: false | { readonly maxCalls?: number; readonly maxMs?: number };
  /**
   * Cases generated when their turn comes, after the small families: the
   * scaled cases of a profile, or the user's `--instances`. Not shrunk; each
   * result names the flags that regenerate it.
   */
  readonly planned?: readonly PlannedCase[];
  /** Whole-run budget in ms: no case starts, and no wait lasts, past it. */
  readonly deadlineMs?: number;
  /** Stop at the first failed case (after shrinking it within the budgets). */
  readonly failFast?: boolean;
  /** Output line cap in bytes. @defaultValue 64 MiB */
  readonly maxLineBytes?: number;
  readonly cwd?: string;
  /** Called when output after an earlier answer fails that earlier case. @internal */
  readonly onBlame?: (id: string, failure: Failure) => void;
  /** Called after each case of the main run. */
  readonly onCase?: (r: CaseResult) => void;
  /** Receives the implementation's stderr. */
  readonly onStderr?: (chunk: string) => void;
}

function rows(data: Float64Array, n: number, cols: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/** Splits `total` cases over `families` round-robin (hard families first). */
function spread(total: number, families: number): number[] {
  return Array.from({ length: families }, (_, f) => Math.floor(total / families) + (f < total % families ? 1 : 0));
}

/** A harness-side exception caught inside a fast-check predicate. */
interface Abort {
  error?: unknown;
}

interface Asked {
  readonly result: CaseResult;
  readonly response?: AnswerRows;
}

/** The answer as reported: the subset as sent, or the decoded cache's rows. */
function answerRows(c: Compressed): AnswerRows {
  if ('indices' in c) return { indices: Array.from(c.indices), weights: Array.from(c.weights) };
  return { keys: rows(c.K, c.m, c.d), values: rows(c.V, c.m, c.dv), weights: Array.from(c.weights) };
}

/**
 * Asks the implementation one case and checks the answer: protocol,
 * weighted-set validity, size claim, then the verifier at (ρ, ε).
 * @lemma def:eps-coreset
 */
async function askAndCheck(session: Session, c: ConformCase, id: string, anchor: string, opts: HarnessOptions, seed: number, regen?: readonly string[]): Promise<Asked> {
  const t0 = Date.now();
  const asked = await askAndCheckUntimed(session, c, id, anchor, opts, seed);
  const result: CaseResult = { ...asked.result, seconds: (Date.now() - t0) / 1000, ...(regen ? { regen } : {}) };
  return { ...asked, result };
}

async function askAndCheckUntimed(session: Session, c: ConformCase, id: string, anchor: string, opts: HarnessOptions, seed: number): Promise<Asked> {
  const base = { id, family: c.family, anchor, n: c.inst.n, d: c.inst.d, dv: c.inst.dv, rho: c.rho, eps: c.eps };
  await yieldToLoop();
  let ans = await session.ask(c, id);
  if ('blamed' in ans && ans.blamed !== undefined) {
    opts.onBlame?.(ans.blamed, ans.failure);
    ans = await session.ask(c, id);
  }
  const maxSize = ans.maxSize !== undefined ? { maxSize: ans.maxSize } : {};
  if ('failure' in ans) return { result: { ...base, ...maxSize, status: 'fail', failure: ans.failure } };
  const raw = ans.response;
  const coreset = toCompressed(raw, session.responseForm, c.inst);
  // A subset is reported as sent (even when invalid); a cache once decoded.
  const response = 'indices' in raw ? { indices: raw.indices, weights: raw.weights } : 'reason' in coreset ? undefined : answerRows(coreset);
  if ('reason' in coreset) return { result: { ...base, ...maxSize, status: 'fail', failure: coreset }, ...(response ? { response } : {}) };
  await yieldToLoop();
  const check = await checkAnswer(c, coreset, opts.verify, { maxSize: ans.maxSize, budget: opts.budget, seed });
  const v = check.verify;
  const verdict = v ? { verdict: v.verdict, lower: v.lower, upper: v.upper, witness: Array.from(v.witness) } : {};
  const result: CaseResult = check.failure
    ? { ...base, ...maxSize, size: check.size, ...verdict, status: 'fail', failure: check.failure }
    : { ...base, ...maxSize, size: check.size, ...verdict, status: 'pass' };
  return { result, response };
}

/**
 * Runs the conformance suite against one implementation command and
 * returns the report; never throws for anything the implementation does
 * (a verifier exception is recorded as `internalError`), and always kills
 * the implementation before returning.
 *
 * Method: for each family, `fc.check` over its arbitrary with a seed
 * derived from `seed` runs its share of the cases (every case is asked and
 * recorded, none stops the run); then the first failing run of the family is
 * replayed by its fast-check path and shrunk, each shrink candidate being
 * asked of the implementation afresh, within the shrink budget.
 *
 * Error: {@link InputError} for bad options (usage).
 * @lemma def:eps-coreset
 */
export async function runConformance(opts: HarnessOptions): Promise<ConformReport> {
  const started = Date.now();
  const total = opts.cases ?? 50;
  if (!Number.isInteger(total) || total < 0) throw new InputError('usage', '--cases', `must be an integer ≥ 0, got ${total}`);
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed)) throw new InputError('usage', '--seed', `must be an integer, got ${seed}`);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw new InputError('usage', '--timeout', `must be > 0 ms, got ${timeoutMs}`);
  const claim = opts.maxSize !== undefined ? parseSizeClaim(opts.maxSize, '--max-size') : undefined;
  const families = total === 0 ? [] : (opts.families ?? defaultFamilies());
  const planned = opts.planned ?? [];
  if (families.length === 0 && planned.length === 0) throw new InputError('usage', 'families', 'no cases to run (no family selected, or every case count is 0)');
  const session = new Session(
    opts.command,
    timeoutMs,
    { handshakeTimeoutMs: opts.handshakeTimeoutMs ?? Math.max(timeoutMs, 10_000), maxLineBytes: opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, cwd: opts.cwd, onStderr: opts.onStderr },
    claim,
  );
  const deadline = opts.deadlineMs !== undefined ? started + opts.deadlineMs : Infinity;
  session.deadline = deadline;
  const cases: CaseResult[] = [];
  const counterexamples: Counterexample[] = [];
  let internalError: string | undefined;
  let stopReason: 'deadline' | 'fail-fast' | undefined;
  const abort: Abort = {};
  /** True when no further case may start (and records why). */
  const mustStop = (): boolean => {
    if (stopReason !== undefined) return true;
    if (Date.now() >= deadline) stopReason = 'deadline';
    else if (opts.failFast && cases.some((r) => r.status === 'fail')) stopReason = 'fail-fast';
    return stopReason !== undefined;
  };
  const blame = (id: string, failure: Failure): void => {
    const k = cases.findIndex((r) => r.id === id);
    if (k >= 0) cases[k] = { ...cases[k], status: 'fail', failure };
  };
  opts = { ...opts, onBlame: blame };
  const record = (r: CaseResult): void => {
    cases.push(r);
    opts.onCase?.(r);
  };
  const counts = spread(total, Math.max(1, families.length));
  const plannedTotal = counts.slice(0, families.length).reduce((a, b) => a + b, 0) + planned.length;
  try {
    const firstFailures: FirstFailure[] = [];
    for (let f = 0; f < families.length && !mustStop(); f++) {
      const family = families[f];
      const famSeed = (seed + f * 7919) | 0;
      const runs = counts[f];
      if (runs === 0) continue;
      let k = 0;
      let first: FirstFailure | undefined;
      await fc.check(
        fc.asyncProperty(family.arbitrary, async (c) => {
          if (abort.error !== undefined || mustStop()) return true;
          const id = `${family.name}-${k}`;
          let result: CaseResult;
          try {
            ({ result } = await askAndCheck(session, c, id, family.anchor, opts, seed));
          } catch (e) {
            abort.error = e; // fast-check must not shrink a harness error: stop quietly, rethrow below
            return true;
          }
          record(result);
          if (result.status === 'fail' && first === undefined) first = { family, famSeed, runs, index: k, id, reason: result.failure!.reason };
          k++;
          return true;
        }),
        { seed: famSeed, numRuns: runs, endOnFailure: true },
      );
      if (abort.error !== undefined) throw abort.error;
      if (first !== undefined) {
        firstFailures.push(first);
        // With --fail-fast, shrink the one failure now, before stopping.
        if (opts.failFast) break;
      }
    }
    for (const p of planned) {
      if (mustStop()) break;
      await yieldToLoop();
      let made: ReturnType<PlannedCase['make']>;
      try {
        made = p.make();
      } catch (e) {
        // A user's dump that cannot be read is bad input (exit 2), not a harness bug.
        throw e instanceof InputError ? new PlannedInputError(e) : e;
      }
      const { result } = await askAndCheck(session, made.case, p.id, p.anchor, opts, p.seed, made.regen);
      record(result);
    }
    if (opts.shrink !== false) {
      const maxCalls = opts.shrink?.maxCalls ?? 300;
      const shrinkEnd = Math.min(deadline, Date.now() + (opts.shrink?.maxMs ?? 60_000));
      for (const ff of firstFailures) {
        const cx = await shrinkOne(session, ff, opts, seed, maxCalls, shrinkEnd, abort);
        if (abort.error !== undefined) throw abort.error;
        if (cx) counterexamples.push(cx);
      }
    }
  } catch (e) {
    if (e instanceof InputError && e.code === 'usage') throw e;
    if (e instanceof PlannedInputError) throw e.cause;
    internalError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    const late = await session.close();
    if (late?.after !== undefined) blame(late.after, late);
  }
  mustStop();
  const notRun = plannedTotal - cases.length;
  const failed = cases.filter((r) => r.status === 'fail').length;
  const h = session.hello;
  const implementation = {
    command: opts.command,
    ...(h ? { name: h.name } : {}),
    ...(h?.version !== undefined ? { version: h.version } : {}),
    ...(session.sizeClaim ? { maxSize: session.sizeClaim.text } : {}),
  };
  return {
    protocol: h?.protocol === 2 ? 2 : 1,
    implementation,
    seed,
    cases,
    counterexamples,
    passed: cases.length - failed,
    failed,
    seconds: (Date.now() - started) / 1000,
    ...(stopReason !== undefined && notRun > 0 ? { stopped: { reason: stopReason, notRun } } : {}),
    ...(internalError !== undefined ? { internalError } : {}),
  };
}

class PlannedInputError extends Error {
  constructor(override readonly cause: InputError) {
    super(cause.message);
  }
}

/** The first failing case of a family: where fast-check can replay it, and why it failed. */
interface FirstFailure {
  readonly family: CaseFamily;
  readonly famSeed: number;
  readonly runs: number;
  readonly index: number;
  readonly id: string;
  readonly reason: FailureReason;
}

async function shrinkOne(
  session: Session,
  ff: FirstFailure,
  opts: HarnessOptions,
  seed: number,
  maxCalls: number,
  deadline: number,
  abort: Abort,
): Promise<Counterexample | undefined> {
  let calls = 0;
  let last: { c: ConformCase; asked: Asked } | undefined;
  let failures = 0;
  const details = await fc.check(
    fc.asyncProperty(ff.family.arbitrary, async (c) => {
      // Budget spent (or harness error): "pass" every further candidate, so
      // fast-check keeps the smallest failure found so far and stops.
      if (abort.error !== undefined || calls >= maxCalls || Date.now() > deadline) return true;
      const id = `${ff.id}/s${calls}`;
      calls++;
      let asked: Asked;
      try {
        asked = await askAndCheck(session, c, id, ff.family.anchor, opts, seed);
      } catch (e) {
        abort.error = e;
        return true;
      }
      // Only a failure of the same reason counts: a wrong answer must not
      // shrink into the implementation's refusal of a tiny input.
      if (asked.result.status === 'pass' || asked.result.failure?.reason !== ff.reason) return true;
      failures++;
      last = { c, asked };
      return false;
    }),
    { seed: ff.famSeed, numRuns: ff.runs, path: String(ff.index), endOnFailure: false },
  );
  if (last === undefined || !details.failed) return undefined;
  return {
    original: ff.id,
    result: last.asked.result,
    shrinks: Math.max(0, failures - 1),
    calls,
    K: rows(last.c.inst.K, last.c.inst.n, last.c.inst.d),
    V: rows(last.c.inst.V, last.c.inst.n, last.c.inst.dv),
    ...(last.asked.response ? { response: last.asked.response } : {}),
  };
}
