/**
 * The xoshiro128** core and Box–Muller step shared by the seeded generators
 * of the verifier (`src/verify/rng.ts`) and the builder (`src/construct/rng.ts`).
 * They differ only in how a seed becomes the initial state and how 32-bit
 * words become uniforms, which keeps their recorded streams unchanged.
 * @module
 * @internal
 */

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Computes the xoshiro128** stream (Blackman–Vigna) from the four 32-bit
 * state words: each call returns the next unsigned 32-bit output.
 * @lemma def:query-ball
 * @lemma thm:self-balancing-walk
 * @internal
 */
export function xoshiro128ss(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
}

/**
 * Computes standard normals from a uniform [0, 1) source by Box–Muller,
 * two per pair of uniforms (the second is kept for the next call); a zero
 * first uniform is redrawn so the logarithm stays finite.
 * @lemma def:query-ball
 * @lemma thm:self-balancing-walk
 * @internal
 */
export function boxMuller(next: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = next();
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
