/**
 * Why a conformance case failed. One closed vocabulary, shared by the
 * subprocess client, the harness and the reporters.
 * @module
 */

/**
 * Failure reasons, in the order a request meets them:
 * - `start`: the command could not be spawned, or died before the handshake;
 * - `handshake`: no valid hello (wrong protocol version, bad message);
 * - `timeout`: no complete answer line within the per-request timeout;
 * - `exit`: the implementation exited (or closed stdout) while a request was open;
 * - `line-too-long`: an output line exceeded the line cap;
 * - `not-json`: an output line was not JSON;
 * - `schema`: the message violates the protocol schema (this includes NaN
 *   and ∞, which JSON cannot carry, sent as strings or null);
 * - `id-mismatch`: the answer is for another request;
 * - `impl-error`: the implementation answered `{"type":"error"}`;
 * - `invalid-coreset`: lengths differ, index out of range, every weight 0;
 * - `size-claim`: the support exceeds the declared maximum size;
 * - `not-eps-coreset`: the verifier found a query with error > ε (`def:eps-coreset`);
 * - `not-run`: the case was not run (the implementation could not be restarted);
 * - `vector`: a conformance vector's own expectation does not hold (self-check).
 */
export type FailureReason =
  | 'start'
  | 'handshake'
  | 'timeout'
  | 'exit'
  | 'line-too-long'
  | 'not-json'
  | 'schema'
  | 'id-mismatch'
  | 'impl-error'
  | 'invalid-coreset'
  | 'size-claim'
  | 'not-eps-coreset'
  | 'not-run'
  | 'vector';

/** A failed exchange or check: the reason and a sentence for the report. */
export interface Failure {
  readonly reason: FailureReason;
  readonly message: string;
  /** The id of an earlier request whose answer this output followed: the case to blame. */
  readonly after?: string;
}

/**
 * Reasons after which the output stream can no longer be trusted to be in
 * step with the requests, so the harness kills the implementation and starts
 * it afresh for the next case.
 */
export const DESYNC_REASONS: ReadonlySet<FailureReason> = new Set<FailureReason>([
  'start',
  'handshake',
  'timeout',
  'exit',
  'line-too-long',
  'not-json',
  'schema',
  'id-mismatch',
]);
