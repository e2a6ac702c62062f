/**
 * What the keys' residuals off a span can do to the error over one cell of
 * the span's ball (`lem:residual-reduction`).
 * @module
 */
import { EXP_RELATIVE_ERROR, gamma } from '../fast/float-error.js';
import type { KeySpan } from './span.js';

/**
 * Above this M the bound uses tanh ≤ 1 (e^M would only add rounding).
 */
const TANH_SATURATION = 40;

/**
 * Computes an upper bound on 4R_v·tanh(M/2), the most the residuals e_i =
 * k_i − Bc_i of `span` can add to err_w(q) over the queries ‖q‖ ≤ ρ whose
 * reduced y = Bᵀq has lo ≤ ‖y‖ ≤ hi (`lem:residual-reduction`):
 * M = |s|·(√(ρ² − lo²/(1 + η′))·ē + hi·β/(1 − η′)) bounds every logit's
 * move, and a move of at most M changes each softmax side by at most
 * diam(values)·tanh(M/2) ≤ 2R_v·tanh(M/2).
 *
 * Error: every step rounded up (`lem:float-error`, with `Math.exp` within
 * `EXP_RELATIVE_ERROR`); 0 when the keys lie in the span exactly.
 * @lemma lem:residual-reduction
 */
export function cellDefect(span: KeySpan, rho: number, s: number, Rv: number, lo: number, hi: number): number {
  if (span.residual === 0 && span.inSpanResidual === 0) return 0;
  const eta = span.gramDefect;
  const t2 = rho * rho * (1 + gamma(2)) - ((lo * lo) / (1 + eta)) * (1 - gamma(4));
  const t = Math.sqrt(Math.max(0, t2)) * (1 + gamma(2));
  const M = Math.abs(s) * (t * span.residual + (hi * span.inSpanResidual) / (1 - eta)) * (1 + gamma(8));
  if (!(M < TANH_SATURATION)) return 4 * Rv * (1 + gamma(2));
  // tanh(M/2) = (e^M − 1)/(e^M + 1), increasing in e^M: bound e^M above.
  const E = Math.exp(M) * (1 + EXP_RELATIVE_ERROR) * (1 + gamma(2));
  const th = Math.min(1, ((E - 1) / (E + 1)) * (1 + gamma(3)));
  return 4 * Rv * th * (1 + gamma(2));
}
