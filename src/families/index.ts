/**
 * Instance generators: the hard families of the paper and our propositions,
 * and seeded random instances (used by `attn-coreset gen`).
 * @module families
 */
export { seededRng, randomUnitVector, type Rng } from './rng.js';
export { sphereInstance, type InstanceShape } from './sphere.js';
export { clusteredInstance, type ClusteredShape } from './clustered.js';
export { attentionSinkInstance, type SinkShape } from './attention-sink.js';
export { uniformTrap, uniformTrapSubset, uniformTrapWeighted, MAX_TRAP_KEYS, type UniformTrap } from './uniform-trap.js';
export { orthonormalInstance, orthonormalWitness } from './orthonormal.js';
