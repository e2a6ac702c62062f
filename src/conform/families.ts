/**
 * The harness's default case families: its own (the hard families of the
 * propositions first, then sphere, ball and exact duplicates, all shrinking
 * well) followed by the instance arbitraries of `attn-coreset/properties`
 * (attention sink, near duplicates, low rank, clusters), so that the live
 * suite meets every hardness the property suite generates.
 * @module
 */
import { attentionSinkKeyInstance, clusteredKeyInstance, lowRankKeyInstance, nearDuplicateKeyInstance } from '../../properties/arbitraries/index.js';
import { ballFamily, clusterFamily, familyFromInstances, orthonormalFamily, sphereFamily, trapFamily, type CaseFamily } from './cases.js';

/**
 * The families of `attn-coreset/properties` that the harness adds, with
 * the anchor whose hardness each carries.
 * @lemma def:instance
 */
export function propertyFamilies(): CaseFamily[] {
  const shape = { maxN: 12 };
  return [
    familyFromInstances('sink', 'def:attention', attentionSinkKeyInstance(shape)),
    familyFromInstances('near-duplicate', 'def:instance', nearDuplicateKeyInstance(shape)),
    familyFromInstances('low-rank', 'def:instance', lowRankKeyInstance(shape)),
    familyFromInstances('clustered', 'def:instance', clusteredKeyInstance(shape)),
  ];
}

/**
 * The default families, hard ones first so that even a handful of cases
 * meets the trap and the orthonormal floor.
 * @lemma def:eps-coreset
 */
export function defaultFamilies(): CaseFamily[] {
  return [trapFamily(), orthonormalFamily(), sphereFamily(), ballFamily(), clusterFamily(), ...propertyFamilies()];
}
