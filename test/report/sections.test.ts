import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/data.js';
import { verdictSection } from '../../src/report/sections.js';

describe('verdictSection', () => {
  // Regression: the witness norm was Math.hypot(...witness), which spreads a
  // d-long row into arguments and overflows the call stack near d = 130,000.
  it('renders the witness norm of a 200,000-dimensional witness', () => {
    const d = 200_000;
    const witness = new Float64Array(d);
    witness[0] = 0.6;
    witness[d - 1] = 0.8;
    const data = {
      input: { rho: 1, eps: 0.1 },
      verdict: { verdict: 'fail', lower: 0.5, upper: 0.7, witness, methods: ['falsifier'], upperMethod: 'rkhs', witnessProof: 'reference' },
      ray: [[0, 0], [1, 0.5]],
    } as unknown as ReportData;
    const html = verdictSection(data);
    expect(html).toContain('Witness norm ‖q*‖ = 1');
  });
});
