// Correct: every point with weight 1 (error 0).
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve((K) => [K.map((_, i) => i), K.map(() => 1)], { name: 'exact' });
