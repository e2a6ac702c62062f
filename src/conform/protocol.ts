/**
 * The conformance protocol, versions 1 and 2: message types, encoding of requests
 * and decoding of the implementation's lines against the JSON Schemas in
 * `./schemas.ts`. Prose: `conformance/protocol.md`.
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Instance } from '../types.js';
import type { Failure } from './failure.js';
import { CACHE_RESPONSE_SCHEMA, ERROR_SCHEMA, IMPL_HELLO_SCHEMA, SUBSET_RESPONSE_SCHEMA } from './schemas.js';

/** The base protocol version, sent in the harness's hello (every implementation can answer it). */
export const PROTOCOL_VERSION = 1;
/** The protocol versions this harness speaks. */
export const PROTOCOL_VERSIONS: readonly number[] = [1, 2];
/** Response forms the harness accepts in protocol 2. */
export const RESPONSE_FORMS = ['subset', 'cache'] as const;

/** The implementation's hello. */
export interface ImplHello {
  readonly type: 'hello';
  readonly protocol: number;
  readonly name: string;
  readonly version?: string;
  readonly maxSize?: number | string;
  /** Protocol 2 (required there): the form of every response. */
  readonly response?: (typeof RESPONSE_FORMS)[number];
  /** Protocol 2, cache responses: how rows are written (informational). */
  readonly encoding?: 'json' | 'base64';
}

/** A subset response as it arrives (schema-valid, not yet checked against the instance). */
export interface SubsetResponseMessage {
  readonly type: 'response';
  readonly id: string;
  readonly indices: number[];
  readonly weights: number[];
}

/** A protocol-2 cache response as it arrives (schema-valid; decoded by `decodeCacheResponse`). */
export interface CacheResponseMessage {
  readonly type: 'response';
  readonly id: string;
  readonly keys: unknown;
  readonly values: unknown;
  readonly weights: unknown;
}

/** A response as it arrives: a subset (v1, v2) or a cache (v2). */
export type ResponseMessage = SubsetResponseMessage | CacheResponseMessage;

/**
 * True when a response is in the cache form.
 * @lemma def:compressed-cache
 */
export function isCacheResponse(msg: ResponseMessage): msg is CacheResponseMessage {
  return 'keys' in msg;
}

/** An implementation's refusal. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly id?: string;
  readonly message: string;
}

/** What one line from the implementation decodes to. */
export type ImplMessage = ImplHello | ResponseMessage | ErrorMessage;

const ajv = new Ajv({ allErrors: false, strict: true });
const validators: Record<ImplMessage['type'] | 'cache', ValidateFunction> = {
  hello: ajv.compile(IMPL_HELLO_SCHEMA),
  // The published response schema is oneOf these two; validating the one the
  // message's shape selects gives a precise error instead of "must match oneOf".
  response: ajv.compile(SUBSET_RESPONSE_SCHEMA),
  cache: ajv.compile(CACHE_RESPONSE_SCHEMA),
  error: ajv.compile(ERROR_SCHEMA),
};

function describeErrors(errors: ErrorObject[] | null | undefined, what: string): string {
  const e = errors?.[0];
  if (!e) return `${what} does not match the schema`;
  const at = e.instancePath === '' ? what : `${what}${e.instancePath.replaceAll(/\/(\d+)/g, '[$1]').replaceAll('/', '.')}`;
  return `${at} ${e.message ?? 'is invalid'}`;
}

function clip(s: string, max = 200): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}

/**
 * Decodes one output line of an implementation: JSON, then the schema of its
 * `type` (hello, response or error). Returns a {@link Failure} (`not-json`
 * or `schema`) instead of throwing.
 * @lemma def:weighted-set
 */
export function decodeLine(line: string): ImplMessage | Failure {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { reason: 'not-json', message: `output line is not JSON: ${JSON.stringify(clip(line))}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { reason: 'schema', message: `output line is JSON but not an object: ${clip(line)}` };
  }
  const type = (value as { type?: unknown }).type;
  if (type !== 'hello' && type !== 'response' && type !== 'error') {
    return { reason: 'schema', message: `message type ${JSON.stringify(type)} is not one of "hello", "response", "error"` };
  }
  const o = value as Record<string, unknown>;
  if (type === 'response' && 'keys' in o && 'indices' in o) return { reason: 'schema', message: 'response has both "indices" (subset) and "keys" (cache)' };
  const validate = validators[type === 'response' && 'keys' in o ? 'cache' : type];
  if (!validate(value)) return { reason: 'schema', message: describeErrors(validate.errors, type) };
  return value as ImplMessage;
}

/**
 * Returns true when `x` is a {@link Failure} rather than a decoded message.
 * @lemma def:weighted-set
 */
export function isFailure(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && 'reason' in x && 'message' in x && !('type' in x);
}

function rows(data: Float64Array, n: number, cols: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/**
 * Encodes a request line (without the newline). Numbers are written by
 * `JSON.stringify`, i.e. the shortest decimal that round-trips, so every
 * double arrives exactly (only the sign of a zero is lost, which changes no
 * logit and no attention output).
 * @lemma def:instance
 */
export function encodeRequest(id: string, inst: Instance, rho: number, eps: number, size?: number): string {
  const msg: Record<string, unknown> = { type: 'request', id, K: rows(inst.K, inst.n, inst.d), V: rows(inst.V, inst.n, inst.dv), rho, eps };
  if (size !== undefined) msg.size = size;
  return JSON.stringify(msg);
}

/** The harness's hello line. */
export const HELLO_LINE = JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, accepts: RESPONSE_FORMS });
/** The harness's stop line. */
export const STOP_LINE = JSON.stringify({ type: 'stop' });
