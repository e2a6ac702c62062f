/**
 * The reference implementation: decimal.js twins of the fast functions, with
 * the same names and argument order. Import as a namespace:
 * `import * as Ref from 'attn-coreset/reference'`. The twins of `attention`,
 * `coresetError`, `logits`, `logPartition`, `partition`, `attentionJacobian`,
 * `lift`, `liftQuery` and `logMassError` are in the main entry
 * `attn-coreset`; those of `momentCertificate` and `subsetMeasure` are in
 * `attn-coreset/internal` (the verifier's parts).
 * @module reference
 */
export { attention, attentionJacobian, coresetError, logits, logPartition, partition, type Query } from './attention.js';
export { lift, liftQuery } from './lifting.js';
export { DEFAULT_DIGITS, guardDigits, toInstanceD, type InstanceD, type ReferenceOptions } from './context.js';
export { exactDecimal, exactDecimalString, toNearestDouble } from './exact.js';
export { logMassError } from './mass-error.js';
export { maxEigenvalue, momentCertificate, subsetMeasure, type MomentCertificateD, type SignedMeasureD } from './moment.js';
