/**
 * JSON Schema (draft-07) of a conformance vector file, version 2 (cache
 * cases); written to `conformance/schema/vectors-v2.json` by
 * `scripts/gen-vectors.ts`. Shapes (m rows of d and dv entries, base64
 * lengths) are checked by the reader, which names the entry.
 * @module
 */

import { CASE_PROPERTIES, hex, hexMatrix, hexRow } from './schema.js';

const base64 = { type: 'string', pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$', minLength: 4 } as const;
const confirmedBy = { type: 'string', minLength: 1 } as const;

const cache = {
  oneOf: [
    {
      type: 'object',
      required: ['m', 'encoding', 'keys', 'values', 'weights'],
      additionalProperties: false,
      properties: { m: { type: 'integer', minimum: 1 }, encoding: { const: 'hex' }, keys: hexMatrix, values: hexMatrix, weights: hexRow },
    },
    {
      type: 'object',
      required: ['m', 'encoding', 'keys', 'values', 'weights'],
      additionalProperties: false,
      properties: { m: { type: 'integer', minimum: 1 }, encoding: { const: 'base64' }, keys: base64, values: base64, weights: base64 },
    },
  ],
} as const;

const expect = {
  oneOf: [
    {
      type: 'object',
      required: ['outcome', 'witness', 'error', 'errorAtLeast', 'tolerance', 'confirmedBy'],
      additionalProperties: false,
      properties: { outcome: { const: 'fail' }, witness: hexRow, error: hex, errorAtLeast: hex, tolerance: hex, confirmedBy },
    },
    {
      type: 'object',
      required: ['outcome', 'proof', 'queries', 'confirmedBy'],
      additionalProperties: false,
      properties: { outcome: { const: 'pass' }, proof: { const: 'regrouping' }, queries: hexMatrix, confirmedBy },
    },
    {
      type: 'object',
      required: ['outcome', 'proof', 'upperAtMost', 'lower', 'confirmedBy'],
      additionalProperties: false,
      properties: { outcome: { const: 'pass' }, proof: { const: 'certificate' }, upperAtMost: hex, lower: hex, confirmedBy },
    },
  ],
} as const;

/** The schema of one v2 vector file. */
export const VECTORS_V2_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://attn-coreset.dev/conformance/schema/vectors-v2.json',
  title: 'attn-coreset conformance vectors, version 2 (compressed caches)',
  type: 'object',
  required: ['version', 'generator', 'confirmation', 'count', 'cases'],
  additionalProperties: false,
  properties: {
    version: { const: 2 },
    generator: { type: 'string', minLength: 1 },
    confirmation: { type: 'string', minLength: 1 },
    count: { type: 'integer', minimum: 0 },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'anchor', 'description', 'input', 'cache', 'expect'],
        additionalProperties: false,
        properties: {
          ...CASE_PROPERTIES,
          cache,
          construction: {
            type: 'object',
            required: ['method', 'bits', 'group'],
            additionalProperties: false,
            properties: { method: { const: 'kivi' }, bits: { enum: [2, 4, 8] }, group: { type: 'integer', minimum: 1 } },
          },
          expect,
        },
      },
    },
  },
} as const;
