import fc from 'fast-check';
import { describe, it } from 'vitest';
import { attentionIsLipschitz, jacobianMatchesFiniteDifferences } from '../../properties/index.js';
import { runs } from '../helpers/seed.js';

describe('reference attentionJacobian (property)', () => {
  it('matches decimal central differences within the truncation bound', () => {
    fc.assert(jacobianMatchesFiniteDifferences(), { numRuns: runs(30) });
  });
});

describe('attention (property): lem:attention-jacobian', () => {
  it('has ‖∇A‖_op ≤ |s|R_kR_v and is |s|R_kR_v-Lipschitz', () => {
    fc.assert(attentionIsLipschitz(), { numRuns: runs(50) });
  });
});
