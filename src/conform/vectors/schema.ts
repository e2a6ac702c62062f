/**
 * JSON Schema (draft-07) of a conformance vector file, version 1; written to
 * `conformance/schema/vectors-v1.json` by `scripts/gen-vectors.ts`.
 * @module
 */

/** An exact hex float (`formatHexFloat` of src/io). */
export const hex = { type: 'string', pattern: '^-?0x[01](\\.[0-9a-f]+)?p[+-][0-9]+$' } as const;
/** A non-empty row of hex floats. */
export const hexRow = { type: 'array', minItems: 1, items: hex } as const;
/** Non-empty rows of hex floats. */
export const hexMatrix = { type: 'array', minItems: 1, items: hexRow } as const;

/** A case's input, in every version: n, d, dv, K, V, ρ, ε. */
export const INPUT_SCHEMA = {
  type: 'object',
  required: ['n', 'd', 'dv', 'K', 'V', 'rho', 'eps'],
  additionalProperties: false,
  properties: {
    n: { type: 'integer', minimum: 1 },
    d: { type: 'integer', minimum: 1 },
    dv: { type: 'integer', minimum: 1 },
    K: hexMatrix,
    V: hexMatrix,
    rho: hex,
    eps: hex,
  },
} as const;
const coreset = {
  type: 'object',
  required: ['indices', 'weights'],
  additionalProperties: false,
  properties: { indices: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 0 } }, weights: { type: 'array', minItems: 1, items: hex } },
} as const;

/** The members every version's case opens with: id, anchor, description, input. */
export const CASE_PROPERTIES = {
  id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._/=-]*$' },
  anchor: { type: 'string', pattern: '^(def|thm|prop|lem):[a-z0-9-]+$' },
  description: { type: 'string' },
  input: INPUT_SCHEMA,
} as const;

/** The schema of one vector file. */
export const VECTORS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://attn-coreset.dev/conformance/schema/vectors-v1.json',
  title: 'attn-coreset conformance vectors, version 1',
  type: 'object',
  required: ['version', 'generator', 'count', 'cases'],
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    generator: { type: 'string', minLength: 1 },
    count: { type: 'integer', minimum: 0 },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'anchor', 'description', 'input', 'expect'],
        additionalProperties: false,
        properties: {
          ...CASE_PROPERTIES,
          expect: {
            oneOf: [
              {
                type: 'object',
                required: ['kind', 'coreset', 'queries'],
                additionalProperties: false,
                properties: { kind: { const: 'exact' }, coreset, queries: hexMatrix },
              },
              {
                type: 'object',
                required: ['kind', 'coreset', 'witness', 'errorAtLeast', 'closedForm', 'minUniformSize'],
                additionalProperties: false,
                properties: {
                  kind: { const: 'uniform-fails' },
                  coreset,
                  witness: hexRow,
                  errorAtLeast: hex,
                  closedForm: hex,
                  minUniformSize: { type: 'integer', minimum: 1 },
                },
              },
              {
                type: 'object',
                required: ['kind', 'minSize', 'omitted', 'witness', 'errorAtLeast'],
                additionalProperties: false,
                properties: {
                  kind: { const: 'floor' },
                  minSize: { type: 'integer', minimum: 1 },
                  omitted: { type: 'integer', minimum: 0 },
                  witness: hexRow,
                  errorAtLeast: hex,
                },
              },
              {
                type: 'object',
                required: ['kind', 'coreset', 'queries', 'values'],
                additionalProperties: false,
                properties: {
                  kind: { const: 'attention' },
                  coreset: { oneOf: [{ type: 'null' }, coreset] },
                  queries: hexMatrix,
                  values: hexMatrix,
                },
              },
            ],
          },
        },
      },
    },
  },
} as const;
