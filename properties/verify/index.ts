/**
 * Properties of the verifier: it finds the known witnesses, its bounds hold,
 * and its verdicts are backed by exact computations.
 * @module
 */
export { falsifierFindsOrthonormalWitness } from './falsifier-finds-orthonormal-witness.js';
export { falsifierFindsUniformTrapWitness } from './falsifier-finds-uniform-trap-witness.js';
export { falsifierReachesBranchAndBoundSup } from './falsifier-reaches-branch-and-bound-sup.js';
export { certificateCase, falsifiedErrorNeverExceedsCertificates, type CertificateCase } from './falsified-error-never-exceeds-certificates.js';
export { everyFailReproducesInReference } from './every-fail-reproduces-in-reference.js';
export { fullSetAndDuplicateReweightingsNeverFail, type DuplicateCase } from './full-set-never-fails.js';
export { jensenPartitionBoundHolds, type PartitionCase } from './jensen-partition-bound-holds.js';
export { rkhsCertificateBoundsExactEvaluation } from './rkhs-certificate-bounds-exact-evaluation.js';
export { residualBranchAndBoundBoundsReferenceError } from './residual-branch-and-bound-bounds-reference-error.js';
