// Subtly wrong: drops keys of norm < 0.5 (they "never matter"), keeps the rest with weight 1.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve((K) => {
  const keep = K.map((k, i) => [Math.hypot(...k), i]).filter(([r]) => r >= 0.5).map(([, i]) => i);
  const idx = keep.length > 0 ? keep : [0];
  return [idx, idx.map(() => 1)];
}, { name: 'drop-small-norm' });
