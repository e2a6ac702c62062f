// Wrong (protocol 2): int4 KIVI-style dequantized rows, weights 1. Keys are
// quantized per channel (over the tokens), values per token; asymmetric
// min/max, 16 levels, one group per channel / token. The rounding moves the
// logits by up to ρ·‖δk‖, which breaks small ε.
import { serve } from '../../../conformance/adapters/node/adapter.mjs';

const LEVELS = 15; // 4 bits

function dequantize(xs) {
  const lo = Math.min(...xs);
  const scale = (Math.max(...xs) - lo) / LEVELS;
  if (!(scale > 0)) return xs.slice();
  return xs.map((x) => lo + Math.min(LEVELS, Math.max(0, Math.round((x - lo) / scale))) * scale);
}

serve(
  (K, V) => {
    const d = K[0].length;
    const cols = Array.from({ length: d }, (_, j) => dequantize(K.map((k) => k[j])));
    return { keys: K.map((_, i) => cols.map((c) => c[i])), values: V.map(dequantize), weights: K.map(() => 1) };
  },
  { name: 'int4-cache', response: 'cache', encoding: 'json' },
);
