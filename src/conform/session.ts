/**
 * One implementation under test across many cases: starts it lazily,
 * restarts it after a failure that leaves its output out of step, gives up
 * after repeated start failures, and asks it one case at a time.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import { ImplProcess, type ImplProcessOptions } from './child.js';
import type { ConformCase } from './cases.js';
import { parseSizeFormula, sizeBound, type SizeVars } from './expr.js';
import { DESYNC_REASONS, type Failure } from './failure.js';
import { encodeRequest, isFailure, type ResponseMessage } from './protocol.js';

/** Consecutive start failures after which remaining cases are not run. */
export const MAX_START_FAILURES = 3;

/** A size claim: a number or a parsed formula, with its source text. */
export interface SizeClaim {
  readonly text: string;
  readonly bound: number | ((v: SizeVars) => number);
}

/**
 * Parses a size claim given as a number or a formula (`--max-size`, or the
 * implementation's hello).
 * @lemma thm:upper-bound
 */
export function parseSizeClaim(claim: number | string, where: string): SizeClaim {
  // Numbers and formulas alike: a number is the constant formula.
  const bound = typeof claim === 'number' ? claim : parseSizeFormula(claim, where);
  const constant = typeof bound === 'number' ? bound : bound.constant ? bound({ d: 1, dv: 1, n: 1, rho: 1, eps: 1 }) : undefined;
  if (constant !== undefined && !(constant >= 1)) {
    throw new InputError('usage', where, `a size claim that is NaN or below 1 can never be met (every answer has at least one point), got ${claim}`);
  }
  return { text: String(claim), bound };
}

/** Long messages keep their head and their tail (where a traceback's exception is). */
function clipMiddle(s: string, head = 200, tail = 400): string {
  return s.length <= head + tail ? s : `${s.slice(0, head)} … ${s.slice(-tail)}`;
}

/** What asking one case gives: an answer, or a failure. */
export type Answer = { readonly response: ResponseMessage; readonly maxSize?: number } | { readonly failure: Failure; readonly maxSize?: number; readonly blamed?: string };

/**
 * Drives one implementation command through many requests.
 * @lemma def:eps-coreset
 */
export class Session {
  private proc: ImplProcess | null = null;
  private startFailures = 0;
  private claim: SizeClaim | undefined;
  /** Absolute time (ms since the epoch) no wait may pass: the run's `--deadline`. */
  deadline = Infinity;
  /** The hello of the last successful start. */
  hello: ImplProcess['hello'] | undefined;

  constructor(
    private readonly command: string,
    private readonly timeoutMs: number,
    private readonly processOptions: ImplProcessOptions,
    claim: SizeClaim | undefined,
  ) {
    this.claim = claim;
  }

  /** The size claim in force (the caller's, else the implementation's). */
  get sizeClaim(): SizeClaim | undefined {
    return this.claim;
  }

  private async ensure(): Promise<ImplProcess | Failure> {
    if (this.proc !== null && !this.proc.stopped) return this.proc;
    if (this.startFailures >= MAX_START_FAILURES) {
      return { reason: 'not-run', message: `not run: the implementation failed to start ${MAX_START_FAILURES} times in a row` };
    }
    const handshake = this.processOptions.handshakeTimeoutMs ?? 10_000;
    const p = await ImplProcess.start(this.command, { ...this.processOptions, handshakeTimeoutMs: Math.max(1, Math.min(handshake, this.deadline - Date.now())) });
    if (isFailure(p)) {
      this.startFailures++;
      return p;
    }
    this.startFailures = 0;
    this.hello = p.hello;
    if (this.claim === undefined && p.hello.maxSize !== undefined) {
      try {
        this.claim = parseSizeClaim(p.hello.maxSize, 'hello.maxSize');
      } catch (e) {
        p.kill();
        this.startFailures++;
        return { reason: 'handshake', message: (e as Error).message };
      }
    }
    this.proc = p;
    return p;
  }

  /** The response form the running implementation negotiated (`subset` unless its hello said protocol 2 and `cache`). */
  get responseForm(): 'subset' | 'cache' {
    return this.hello?.protocol === 2 && this.hello.response === 'cache' ? 'cache' : 'subset';
  }

  /** The size bound at an instance, when a claim is in force. */
  boundAt(inst: Instance, rho: number, eps: number): number | undefined {
    if (this.claim === undefined) return undefined;
    return sizeBound(this.claim.bound, { d: inst.d, dv: inst.dv, n: inst.n, rho, eps });
  }

  /** Sends one case as request `id` and returns the answer or why there is none. */
  async ask(c: ConformCase, id: string): Promise<Answer> {
    const proc = await this.ensure();
    if (isFailure(proc)) return { failure: proc };
    const maxSize = this.boundAt(c.inst, c.rho, c.eps);
    const sizeField = maxSize !== undefined && Number.isFinite(maxSize) && maxSize >= 1 ? maxSize : undefined;
    const timeout = Math.max(1, Math.min(this.timeoutMs, this.deadline - Date.now()));
    const ans = await proc.request(id, encodeRequest(id, c.inst, c.rho, c.eps, sizeField), timeout);
    if (isFailure(ans)) {
      if (DESYNC_REASONS.has(ans.reason)) proc.kill();
      // Late output belongs to the case it followed; this one is asked afresh.
      if (ans.after !== undefined) return { failure: ans, maxSize, blamed: ans.after };
      return { failure: ans, maxSize };
    }
    if (ans.type === 'error') return { failure: { reason: 'impl-error', message: `the implementation declined: ${clipMiddle(ans.message)}` }, maxSize };
    return { response: ans, maxSize };
  }

  /**
   * Stops the implementation (stop message, grace period, group kill);
   * returns the late-output failure of the last answered case, if any.
   */
  async close(): Promise<Failure | undefined> {
    const p = this.proc;
    this.proc = null;
    if (p === null) return undefined;
    await new Promise((r) => setTimeout(r, 100)); // a line written right after the last answer
    const late = p.stopped ? undefined : p.lateOutput();
    await p.stop();
    return late;
  }
}
