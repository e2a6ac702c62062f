import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJsonMatrix, parseJsonMatrix } from '../../src/io/json-matrix.js';

describe('parseJsonMatrix', () => {
  it('reads rows, a flat row, and {shape, data} flat or nested', () => {
    expect(parseJsonMatrix('[[1, 2], [3, 4.5]]', 'a.json')).toEqual({ rows: 2, cols: 2, data: Float64Array.of(1, 2, 3, 4.5) });
    expect(parseJsonMatrix('[1, 2, 3]', 'q.json')).toEqual({ rows: 1, cols: 3, data: Float64Array.of(1, 2, 3) });
    expect(parseJsonMatrix('{"shape": [2, 1], "data": [5, 6]}', 'b.json')).toEqual({ rows: 2, cols: 1, data: Float64Array.of(5, 6) });
    expect(parseJsonMatrix('{"shape": [1, 2], "data": [[5, 6]], "note": "x"}', 'c.json')).toEqual({ rows: 1, cols: 2, data: Float64Array.of(5, 6) });
    expect(parseJsonMatrix('\ufeff[[7]]', 'bom.json').data[0]).toBe(7);
  });

  it('reads hex-float and decimal strings exactly', () => {
    const m = parseJsonMatrix('[["0x1.8p+1", "0.1", "-0x0p+0", "1e-320"]]', 'h.json');
    expect(m.data[0]).toBe(3);
    expect(m.data[1]).toBe(0.1);
    expect(Object.is(m.data[2], -0)).toBe(true);
    expect(m.data[3]).toBe(1e-320);
    // 0.1 written with 60 digits still reads to the nearest double of 0.1
    expect(parseJsonMatrix('[["0.100000000000000005551115123125782702118158340454101562500"]]', 'd.json').data[0]).toBe(0.1);
  });

  it('names the ragged row and both lengths', () => {
    expect(() => parseJsonMatrix('[[1, 2], [3, 4], [5]]', 'r.json')).toThrow(/r\.json row 2: has 1 entries, but row 0 has 2 \(ragged rows\)/);
  });

  it('names row and column of a non-numeric entry', () => {
    expect(() => parseJsonMatrix('[[1, 2], [3, true]]', 'b.json')).toThrow(/b\.json row 1, column 1: expected a number, got boolean true/);
    expect(() => parseJsonMatrix('[[1, "1,5"]]', 's.json')).toThrow(/s\.json row 0, column 1: "1,5" is not a number/);
    expect(() => parseJsonMatrix('[[1, null]]', 'n.json')).toThrow(/row 0, column 1: expected a number, got null/);
  });

  it('rejects invalid JSON, shape/data mismatches, and other documents', () => {
    expect(() => parseJsonMatrix('[[1, 2],', 'x.json')).toThrow(/x\.json: is not valid JSON/);
    expect(() => parseJsonMatrix('{"shape": [2, 2], "data": [1, 2, 3]}', 'y.json')).toThrow(/needs 4 entries, data has 3/);
    expect(() => parseJsonMatrix('{"shape": [2, 2], "data": [[1, 2]]}', 'y.json')).toThrow(/shape says 2×2 but data has 1 rows of 2/);
    expect(() => parseJsonMatrix('{"shape": [2, -1], "data": []}', 'y.json')).toThrow(/shape/);
    expect(() => parseJsonMatrix('"abc"', 'z.json')).toThrow(/expected an array of rows/);
    expect(() => parseJsonMatrix('[1, [2]]', 'm.json')).toThrow(/entry 1: is an array/);
  });

  it('returns NaN/∞ strings as values (validateMat names them)', () => {
    const m = parseJsonMatrix('[["NaN", "-Infinity"]]', 'n.json');
    expect(m.data[0]).toBeNaN();
    expect(m.data[1]).toBe(-Infinity);
  });
});

describe('formatJsonMatrix (property)', () => {
  const matrix = fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 4 }) })
    .chain(({ rows, cols }) => fc.float64Array({ minLength: rows * cols, maxLength: rows * cols, noNaN: true, noDefaultInfinity: true }).map((data) => ({ rows, cols, data })));

  it('round-trips finite doubles exactly as numbers and as hex floats (−0 included)', () => {
    fc.assert(
      fc.property(matrix, fc.boolean(), (m, hex) => {
        const back = parseJsonMatrix(formatJsonMatrix(m, { hex }), 'rt.json');
        return back.rows === m.rows && back.cols === m.cols && m.data.every((x, t) => Object.is(back.data[t], x));
      }),
    );
  });

  it('refuses non-finite numbers unless hex', () => {
    expect(() => formatJsonMatrix({ rows: 1, cols: 2, data: Float64Array.of(1, NaN) })).toThrow(/row 0, column 1/);
    expect(formatJsonMatrix({ rows: 1, cols: 2, data: Float64Array.of(Infinity, NaN) }, { hex: true })).toBe('[["inf", "nan"]]\n');
  });
});
