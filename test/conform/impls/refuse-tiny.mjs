// Wrong, and fussy: refuses instances of fewer than 3 rows (an error
// message), otherwise keeps the first half of the rows with weight 1.
// A wrong answer must not shrink into the refusal.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve(
  (K) => {
    const n = K.length;
    if (n < 3) throw new Error(`need at least 3 rows, got ${n}`);
    const keep = [...Array(Math.ceil(n / 2)).keys()];
    return [keep, keep.map(() => 1)];
  },
  { name: 'refuse-tiny' },
);
