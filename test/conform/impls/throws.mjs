// A user function that throws on every request: error messages, the adapter keeps serving.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve(() => {
  throw new Error('out of memory (simulated)');
}, { name: 'throws (node)' });
