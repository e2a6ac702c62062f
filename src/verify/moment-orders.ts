/**
 * How many orders the moment certificate treats spectrally, by trace, and
 * by the crude tail (`lem:moment-certificate`).
 * @module
 */

/** Orders of {@link momentOrders}: spectral t ≤ `spectral`, trace t ≤ `frobenius`, crude tail beyond. */
export interface MomentOrders {
  readonly spectral: number;
  readonly frobenius: number;
}

/**
 * Crude-tail level (relative to the coefficient mass Σ|c_i|‖u_i‖) below
 * which orders are left to the cheap trace bound: the spectral orders cost
 * 2·rows²·d each, the trace orders 3·rows².
 */
export const SPECTRAL_TAIL = 1e-2;

/** Crude-tail level at which the trace orders stop; what is left is added as the Lagrange tail. */
export const FROBENIUS_TAIL = 1e-13;

/** At most this many spectral orders (each is a rows² · d pass). */
export const MAX_SPECTRAL = 24;

/** At most this many orders in all. */
export const MAX_ORDERS = 600;

/**
 * Computes the default orders for x = ρ_s·R_k: the smallest T with
 * x^{T+1}e^x/(T+1)! ≤ `SPECTRAL_TAIL` (capped at `MAX_SPECTRAL`) and the
 * smallest with ≤ `FROBENIUS_TAIL` (capped at `MAX_ORDERS`). Any choice
 * is valid (the tail is bounded whatever it is); this one only balances cost
 * against tightness.
 * @lemma lem:moment-certificate
 */
export function momentOrders(x: number): MomentOrders {
  const ex = Math.exp(Math.min(x, 700));
  let term = x * ex; // x^{T+1} e^x/(T+1)! at T = 0
  let spectral = 0;
  let T = 0;
  while (T < MAX_ORDERS && term > FROBENIUS_TAIL) {
    T++;
    term *= x / (T + 1);
    if (spectral === 0 && term <= SPECTRAL_TAIL) spectral = T;
  }
  if (spectral === 0) spectral = Math.min(T, MAX_SPECTRAL);
  return { spectral: Math.max(1, Math.min(spectral, MAX_SPECTRAL)), frobenius: Math.max(1, T) };
}
