/**
 * Properties of the certificates beyond the RKHS bound (spec/certificates.md).
 * @module
 */
export { momentCertificateBoundsSampledErrors } from './moment-certificate-bounds-sampled-errors.js';
export { momentCertificateBoundsExactEvaluation } from './moment-certificate-bounds-exact-evaluation.js';
export { certifiedEigenvalueIsAboveExact } from './certified-eigenvalue-is-above-exact.js';
