/**
 * Properties of the builder (`src/construct`).
 * @module
 */
export { buildInstance, type BuildInstanceConstraints } from './build-instance.js';
export { buildOutputsAreValidWeightedSets } from './build-outputs-are-valid-weighted-sets.js';
export { halvingAccountingIsExact } from './halving-accounting-is-exact.js';
export { walkStaysWithinThreshold, WALK_DELTA } from './walk-stays-within-threshold.js';
export { refitNeverIncreasesDiscrepancy, directObjective } from './refit-never-increases-discrepancy.js';
export { mergeAccountingHolds } from './merge-accounting-holds.js';
export { targetedSizeMeetsOrthonormalFloor, uniformMethodMeetsTrapFloor } from './targeted-sizes-respect-proven-floors.js';
export { targetedCoresetSurvivesIndependentFalsifier, INDEPENDENT_SEED_OFFSET } from './targeted-coreset-survives-independent-falsifier.js';
export { sizeWithinEmpiricalConstant } from './size-within-empirical-constant.js';
export { supRefinementLowersWitnessMax } from './sup-refinement-lowers-witness-max.js';
export { witnessQuadraticIsCalibratedObjective } from './witness-quadratic-is-calibrated-objective.js';
export { queryFitObjectiveIsResidualSum } from './query-fit-objective-is-residual-sum.js';
export { queryCacheNeverFitsWorseThanItsSubset } from './query-cache-never-fits-worse.js';
