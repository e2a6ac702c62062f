// Wrong: a uniform random half of the points, each with weight n/m (the
// uniform-weights trap of prop:uniform-weights-fail catches it). Seeded by
// the request content so that a replay gets the same answer.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
serve((K, V, rho, eps) => {
  const n = K.length;
  const m = Math.max(1, Math.ceil(n / 2));
  let s = hash(JSON.stringify([K, V, rho, eps]));
  const idx = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return [idx.slice(0, m), Array(m).fill(n / m)];
}, { name: 'uniform-subset' });
