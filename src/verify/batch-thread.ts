/**
 * The falsifier's batches on two threads: the helper thread
 * (`helper-thread.ts`) evaluates the second half of each batch's queries
 * while the calling thread evaluates the first, synchronously.
 *
 * Why the results are bit-for-bit those of one thread: a query's F and G
 * do not depend on the other queries of its batch (`batch-kernel.ts`), and
 * both halves are computed by the same source text; when the helper is
 * unavailable, fails or stops answering, the calling thread evaluates the
 * second half itself.
 * @module
 */
import { controlBlock, openChannel, shared, sharedFloat64, startedHelper, type Channel } from '../helper-thread.js';
import { evalBatch, type Pair, type Side } from './batch.js';

/** Evaluates batches of up to `capacity` queries against one {@link Pair}. */
export interface BatchEvaluator {
  /** As {@link evalBatch}(pair, Q, B, F, G), bit for bit. */
  evaluate(Q: Float64Array, B: number, F: Float64Array, G?: Float64Array): void;
  /** Batches whose second half the helper thread evaluated (for tests and benches). */
  readonly helped: number;
  /** Ends the helper's session; later batches run on the calling thread. */
  close(): void;
}

/**
 * Below this many multiply-adds in the helper's half of a batch, the batch
 * stays on the calling thread: a hand-off costs a few tens of μs when the
 * helper is spinning, ≈ 0.1 ms when it sleeps, about 10⁵ multiply-adds.
 */
const HELPER_MIN_WORK = 2e5;

/**
 * Largest copy to shared memory a session may make (bytes): the instance's
 * rows are copied once per `falsify` unless already shared, so above this
 * (n·(d + dv)·8 > 256 MiB, n ≳ 260,000 at d = dv = 64) the search stays on one
 * thread rather than double its memory.
 */
const HELPER_MAX_COPY = 2 ** 28;

/** Command of a batch session (`helper-jobs.ts`). */
const CMD_EVAL = 1;

function copyBytes(s: Side): number {
  const own = (x: Float64Array | null): number => (x === null || x.buffer instanceof SharedArrayBuffer ? 0 : x.byteLength);
  return own(s.K) + own(s.V) + own(s.w);
}

function sharedSide(s: Side): Side {
  return { m: s.m, K: shared(s.K), V: shared(s.V), w: s.w === null ? null : shared(s.w) };
}

/**
 * Returns an evaluator for `pair` that gives the helper thread the last
 * 2⌊B/4⌋ queries of each batch large enough to be worth a hand-off (see
 * `HELPER_MIN_WORK`). The pair's arrays are copied once to shared memory,
 * on the first such batch. Call `close` when done (in a `finally`): the
 * helper serves nothing else until then.
 * @lemma def:coreset-error
 * @lemma lem:attention-jacobian
 */
export function batchEvaluator(pair: Pair, capacity: number): BatchEvaluator {
  const { d, dv } = pair;
  const perQuery = (pair.full.m + pair.core.m) * (d + dv);
  let ch: Channel | null = null;
  let tried = false;
  let Q: Float64Array | null = null;
  let F: Float64Array | null = null;
  let G: Float64Array | null = null;
  let helped = 0;
  const channel = (): Channel | null => {
    if (tried) return ch;
    tried = true;
    if (copyBytes(pair.full) + copyBytes(pair.core) > HELPER_MAX_COPY) return null;
    const h = startedHelper();
    if (h === null) return null;
    Q = sharedFloat64(capacity * d);
    F = sharedFloat64(capacity);
    G = sharedFloat64(capacity * d);
    const p: Pair = { d, dv, scale: pair.scale, full: sharedSide(pair.full), core: sharedSide(pair.core) };
    ch = openChannel(h, { type: 'batch', ctrl: controlBlock(), pair: p, Q, F, G });
    return ch;
  };
  return {
    evaluate(X, B, out, grad) {
      // Even halves: a lone query runs about half as fast per query as a
      // pair (it streams the keys for one query instead of two), so a
      // batch of 2 or 3 stays on this thread.
      const theirs = 2 * Math.floor(B / 4);
      const mine = B - theirs;
      const c = theirs > 0 && B <= capacity && theirs * perQuery >= HELPER_MIN_WORK ? channel() : null;
      if (c === null || Q === null || F === null || G === null) {
        evalBatch(pair, X, B, out, grad);
        return;
      }
      const sQ = Q;
      sQ.set(X.subarray(mine * d, B * d));
      const rest = (): void => evalBatch(pair, X.subarray(mine * d, B * d), theirs, out.subarray(mine, B), grad?.subarray(mine * d, B * d));
      const own = (): void => evalBatch(pair, X, mine, out, grad);
      if (c.run(CMD_EVAL, [theirs, grad === undefined ? 0 : 1], own, rest)) {
        out.set(F.subarray(0, theirs), mine);
        if (grad !== undefined) grad.set(G.subarray(0, theirs * d), mine * d);
        helped++;
      }
    },
    get helped() {
      return helped;
    },
    close() {
      if (ch !== null) ch.close();
      ch = null;
    },
  };
}
