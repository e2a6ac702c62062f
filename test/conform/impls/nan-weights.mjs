// A user function that returns a NaN weight: the adapter must send an error message, not null.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve((K) => [K.map((_, i) => i), K.map(() => NaN)], { name: 'nan-weights (node)' });
