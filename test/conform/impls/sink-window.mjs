// Wrong at scale (StreamingLLM-style): keep the attention sink (row 0) and the
// most recent 63 rows, each with weight 1. Exact for n <= 64, so the small
// families never see it fail.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';
serve(
  (K) => {
    const n = K.length;
    const keep = [0];
    for (let i = Math.max(1, n - 63); i < n; i++) keep.push(i);
    return [keep, keep.map(() => 1)];
  },
  { name: 'sink-window' },
);
