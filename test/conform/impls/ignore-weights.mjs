// Subtly wrong: merges exact duplicates (right idea: weight = multiplicity),
// then ignores its own weights and sends weight 1 for each representative.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve((K, V) => {
  const seen = new Map();
  K.forEach((k, i) => {
    const key = JSON.stringify([k, V[i]]);
    if (!seen.has(key)) seen.set(key, { i, count: 0 });
    seen.get(key).count++;
  });
  const reps = [...seen.values()];
  const weights = reps.map((r) => r.count); // computed…
  void weights;
  return [reps.map((r) => r.i), reps.map(() => 1)]; // …and ignored
}, { name: 'ignore-weights' });
