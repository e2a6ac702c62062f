// Correct (protocol 2): the full set returned as a cache (K, V, weights 1),
// base64 or JSON rows as argv[2] says (error 0).
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve((K, V) => ({ keys: K, values: V, weights: K.map(() => 1) }), { name: 'full-cache', response: 'cache', encoding: process.argv[2] ?? 'base64' });
