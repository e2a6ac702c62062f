// Correct: exact duplicate (key, value) rows merged into their first
// occurrence, which carries their multiplicity as its weight (error 0).
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve(
  (K, V) => {
    const first = new Map();
    const indices = [];
    const weights = [];
    K.forEach((k, i) => {
      const key = JSON.stringify([k, V[i]]);
      const j = first.get(key);
      if (j === undefined) {
        first.set(key, indices.length);
        indices.push(i);
        weights.push(1);
      } else weights[j] += 1;
    });
    return [indices, weights];
  },
  { name: 'merge-duplicates' },
);
