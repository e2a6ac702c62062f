/**
 * Properties at extreme finite inputs (`def:representable-output`).
 * @module
 */
export { extremeEvaluationsAreFiniteOrRefused } from './extreme-evaluations-are-finite-or-refused.js';
export { extremeVerdictsAreNumbersOrRefused } from './extreme-verdicts-are-numbers-or-refused.js';
