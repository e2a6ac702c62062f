import fc from 'fast-check';
import { describe, it } from 'vitest';
import { certifiedEigenvalueIsAboveExact, momentCertificateBoundsExactEvaluation, momentCertificateBoundsSampledErrors } from '../../properties/certificates/index.js';
import { runs } from '../helpers/seed.js';

describe('certifiedMaxEigenvalue (property)', () => {
  it('is ≥ the 60-digit Jacobi λ_max and within EIGEN_LOOSENESS of it', () => {
    fc.assert(certifiedEigenvalueIsAboveExact(), { numRuns: runs(150) });
  });
});

describe('momentCertificate (property)', () => {
  it('is ≥ the reference error at the witness, at ball points and at the branch-and-bound point', () => {
    fc.assert(momentCertificateBoundsSampledErrors(), { numRuns: runs(60) });
  });
  it('is ≥ its decimal twin, order by order', () => {
    fc.assert(momentCertificateBoundsExactEvaluation(), { numRuns: runs(25) });
  });
});
