import fc from 'fast-check';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ImplProcess } from '../../src/conform/child.js';
import { decodeLine, encodeRequest, HELLO_LINE, isFailure, STOP_LINE } from '../../src/conform/protocol.js';
import { HARNESS_HELLO_SCHEMA, REQUEST_SCHEMA, STOP_SCHEMA } from '../../src/conform/schemas.js';
import type { Instance } from '../../src/types.js';
import { runs } from '../helpers/seed.js';
import { hasPython } from '../helpers/python.js';

const ajv = new Ajv({ strict: true });

describe('decodeLine', () => {
  it.each([
    ['{"type":"hello","protocol":1,"name":"x"}', 'hello'],
    ['{"type":"hello","protocol":1,"name":"x","maxSize":"2*d","extra":true}', 'hello'],
    ['{"type":"response","id":"a","indices":[0,2],"weights":[1,0.5]}', 'response'],
    ['{"type":"error","id":"a","message":"no"}', 'error'],
  ])('accepts %s', (line, type) => {
    const m = decodeLine(line);
    expect(isFailure(m)).toBe(false);
    expect((m as { type: string }).type).toBe(type);
  });

  it.each([
    ['garbage', 'not-json', /not JSON/],
    ['{"type":"response","id":"a","indices":[0],"weights":[NaN]}', 'not-json', /not JSON/],
    ['[1,2]', 'schema', /not an object/],
    ['{"type":"reply"}', 'schema', /"reply"/],
    ['{"type":"response","id":"a","indices":[0],"weights":["NaN"]}', 'schema', /response\.weights\[0\] must be number/],
    ['{"type":"response","id":"a","indices":[0],"weights":[null]}', 'schema', /response\.weights\[0\] must be number/],
    ['{"type":"response","id":"a","indices":[0],"weights":[-1]}', 'schema', /response\.weights\[0\] must be >= 0/],
    ['{"type":"response","id":"a","indices":[1.5],"weights":[1]}', 'schema', /response\.indices\[0\] must be integer/],
    ['{"type":"response","id":"a","indices":[-1],"weights":[1]}', 'schema', /must be >= 0/],
    ['{"type":"response","indices":[0],"weights":[1]}', 'schema', /must have required property 'id'/],
    ['{"type":"response","id":"a","indices":[],"weights":[]}', 'schema', /fewer than 1/],
    ['{"type":"hello","protocol":1}', 'schema', /name/],
  ])('rejects %s as %s', (line, reason, message) => {
    const m = decodeLine(line);
    expect(isFailure(m)).toBe(true);
    expect(m).toMatchObject({ reason });
    expect((m as { message: string }).message).toMatch(message);
  });
});

describe('harness messages', () => {
  it('match their schemas', () => {
    expect(ajv.validate(HARNESS_HELLO_SCHEMA, JSON.parse(HELLO_LINE))).toBe(true);
    expect(ajv.validate(STOP_SCHEMA, JSON.parse(STOP_LINE))).toBe(true);
    const inst: Instance = { n: 2, d: 1, dv: 2, K: Float64Array.of(1, -1), V: Float64Array.of(1, 0, 0, 1) };
    expect(ajv.validate(REQUEST_SCHEMA, JSON.parse(encodeRequest('x', inst, 1, 0.1, 2)))).toBe(true);
    expect(ajv.validate(REQUEST_SCHEMA, JSON.parse(encodeRequest('x', inst, 1, 0.1)))).toBe(true);
  });
});

describe('encodeRequest (property)', () => {
  it('carries every double exactly (JSON.stringify prints the shortest round-trip decimal)', () => {
    const dbl = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(dbl, { minLength: 1, maxLength: 8 }), fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (xs, rho) => {
        const inst: Instance = { n: xs.length, d: 1, dv: 1, K: Float64Array.from(xs), V: Float64Array.from(xs) };
        const msg = JSON.parse(encodeRequest('id', inst, rho, rho));
        // -0 is written 0 (no logit changes); everything else is bit-exact.
        return msg.K.every((row: number[], i: number) => row[0] === xs[i] || (row[0] === 0 && xs[i] === 0)) && msg.rho === rho;
      }),
      { numRuns: runs(200) },
    );
  });
});


describe('the Python adapter', () => {
  it.skipIf(!hasPython())('round-trips hard doubles bit for bit through json.loads and json.dumps', async () => {
    const xs = [0.1, 1 / 3, 2 ** -1074, 2 ** -1022, Number.MAX_VALUE, 1 - 2 ** -53, 5e-324 * 3, 123456789.12345679, Math.PI, 2 ** 60 + 2 ** 8];
    const inst: Instance = { n: xs.length, d: 1, dv: 1, K: Float64Array.from(xs), V: Float64Array.from(xs) };
    const p = await ImplProcess.start('python3 test/conform/impls/echo_exact.py');
    if (isFailure(p)) throw new Error(p.message);
    try {
      const ans = await p.request('r1', encodeRequest('r1', inst, 1, 0.5), 10_000);
      if (isFailure(ans) || ans.type !== 'response' || !('indices' in ans)) throw new Error(JSON.stringify(ans));
      expect(ans.weights).toEqual(xs);
      expect(ans.weights.every((w, i) => Object.is(w, xs[i]))).toBe(true);
    } finally {
      await p.stop();
    }
  });
});
