// Example implementation: the full set with every weight 1, which is exact
// (error 0 at every query), so it passes every case.
//   attn-coreset conform --impl "node conformance/adapters/node/example-exact.mjs"
import { serve } from './adapter.mjs';

serve((K) => ({ indices: K.map((_, i) => i), weights: K.map(() => 1) }), { name: 'example-exact (node)', version: '1' });
