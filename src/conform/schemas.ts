/**
 * JSON Schemas (draft-07) of every message of the conformance protocol,
 * versions 1 and 2 (v2 adds the `cache` response form). These objects are the source of truth; `scripts/gen-vectors.ts`
 * writes them to `conformance/schema/*.json` for implementers, and a test
 * checks that the files are in sync.
 *
 * Messages from the implementation allow extra properties (ignored, so a
 * later minor addition does not break old harnesses); messages from the
 * harness do not.
 * @module
 */

const DRAFT = 'http://json-schema.org/draft-07/schema#';
const BASE = 'https://attn-coreset.dev/conformance/schema/';

const matrix = {
  type: 'array',
  minItems: 1,
  items: { type: 'array', minItems: 1, items: { type: 'number' } },
} as const;

/** The harness's opening message. */
export const HARNESS_HELLO_SCHEMA = {
  $schema: DRAFT,
  $id: `${BASE}harness-hello.json`,
  title: 'harness → implementation: hello',
  type: 'object',
  required: ['type', 'protocol'],
  additionalProperties: false,
  properties: {
    type: { const: 'hello' },
    protocol: { const: 1, description: 'the base version every implementation can answer; an implementation that knows version 2 answers protocol 2' },
    accepts: { type: 'array', items: { enum: ['subset', 'cache'] }, description: 'protocol 2: the response forms the harness accepts' },
  },
} as const;

/** The implementation's answer to the handshake. */
export const IMPL_HELLO_SCHEMA = {
  $schema: DRAFT,
  $id: `${BASE}impl-hello.json`,
  title: 'implementation → harness: hello',
  type: 'object',
  required: ['type', 'protocol', 'name'],
  properties: {
    type: { const: 'hello' },
    protocol: { type: 'integer', minimum: 1 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    version: { type: 'string', maxLength: 200 },
    maxSize: {
      description: 'The size the implementation claims never to exceed: a number, or a formula in d, rho, eps, n (e.g. "8*sqrt(d)*exp(rho)/eps").',
      oneOf: [{ type: 'number', minimum: 1 }, { type: 'string', minLength: 1, maxLength: 500 }],
    },
    response: { enum: ['subset', 'cache'], description: 'protocol 2 (required there): the form of every response' },
    encoding: { enum: ['json', 'base64'], description: 'protocol 2, cache responses: how the rows are written (informational: the harness reads either form in every member)' },
  },
} as const;

/** One compression request. */
export const REQUEST_SCHEMA = {
  $schema: DRAFT,
  $id: `${BASE}request.json`,
  title: 'harness → implementation: request',
  type: 'object',
  required: ['type', 'id', 'K', 'V', 'rho', 'eps'],
  additionalProperties: false,
  properties: {
    type: { const: 'request' },
    id: { type: 'string', minLength: 1 },
    K: { ...matrix, description: 'keys, n rows of d numbers' },
    V: { ...matrix, description: 'values, n rows of dv numbers' },
    rho: { type: 'number', exclusiveMinimum: 0 },
    eps: { type: 'number', exclusiveMinimum: 0 },
    size: { type: 'integer', minimum: 1, description: 'the largest support the harness accepts for this case (sent when a size claim is in force)' },
  },
} as const;

/** A subset response: a weighted set (`def:weighted-set`), protocol 1 and 2. */
export const SUBSET_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['type', 'id', 'indices', 'weights'],
  properties: {
    type: { const: 'response' },
    id: { type: 'string', minLength: 1 },
    indices: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 0 } },
    weights: { type: 'array', minItems: 1, items: { type: 'number', minimum: 0 } },
  },
} as const;

const numberOrHex = { anyOf: [{ type: 'number' }, { type: 'string' }] } as const;

const cacheMember = {
  oneOf: [
    { type: 'string', description: 'base64 of little-endian binary64 values, row-major' },
    { type: 'array', items: { type: 'array', items: numberOrHex }, description: 'rows of numbers or exact hex floats' },
  ],
} as const;

/**
 * A cache response (`def:compressed-cache`), protocol 2. Shapes, finiteness
 * and signs are checked by the decoder (`cache-response.ts`), which names
 * the offending entry; the schema only fixes the members' forms.
 */
export const CACHE_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['type', 'id', 'keys', 'values', 'weights'],
  properties: {
    type: { const: 'response' },
    id: { type: 'string', minLength: 1 },
    keys: { ...cacheMember, description: 'K′: m rows of d entries' },
    values: { ...cacheMember, description: 'V′: m rows of dv entries' },
    weights: {
      oneOf: [
        { type: 'string', description: 'base64 of m little-endian binary64 values' },
        { type: 'array', items: numberOrHex, description: 'm numbers or exact hex floats' },
      ],
    },
  },
} as const;

/** One compression answer: a weighted set (v1, v2) or a compressed cache (v2). */
export const RESPONSE_SCHEMA = {
  $schema: DRAFT,
  $id: `${BASE}response.json`,
  title: 'implementation → harness: response',
  oneOf: [
    { title: 'subset', ...SUBSET_RESPONSE_SCHEMA },
    { title: 'cache', ...CACHE_RESPONSE_SCHEMA, not: { required: ['indices'] } },
  ],
} as const;

/** The implementation declines a request (it counts as a failed case). */
export const ERROR_SCHEMA = {
  $schema: DRAFT,
  $id: `${BASE}error.json`,
  title: 'implementation → harness: error',
  type: 'object',
  required: ['type', 'message'],
  properties: {
    type: { const: 'error' },
    id: { type: 'string' },
    message: { type: 'string', maxLength: 100000 },
  },
} as const;

/** The harness's last message; the implementation exits 0. */
export const STOP_SCHEMA = {
  $schema: DRAFT,
  $id: `${BASE}stop.json`,
  title: 'harness → implementation: stop',
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: { type: { const: 'stop' } },
} as const;

/** Every protocol schema under the file name it is published as. */
export const PROTOCOL_SCHEMAS = {
  'harness-hello.json': HARNESS_HELLO_SCHEMA,
  'impl-hello.json': IMPL_HELLO_SCHEMA,
  'request.json': REQUEST_SCHEMA,
  'response.json': RESPONSE_SCHEMA,
  'error.json': ERROR_SCHEMA,
  'stop.json': STOP_SCHEMA,
} as const;
