/**
 * Monomials z^α of degree ≤ T in r variables, ordered by degree, each built
 * from a parent of one degree less (so a row's monomials cost one multiply
 * each), for the recentred cell expansion (`lem:recentred-cell-bound`).
 * @module
 */

/** The monomials of degree ≤ `degree` in `vars` variables. */
export interface MonomialTable {
  readonly vars: number;
  readonly degree: number;
  /** Number of monomials. */
  readonly size: number;
  /** |α| of monomial j. */
  readonly deg: Uint8Array;
  /** Monomial j = monomial parent[j] × z_{variable[j]} (j ≥ 1; monomial 0 is 1). */
  readonly parent: Int32Array;
  readonly variable: Uint8Array;
  /** 1/α! of monomial j (exact for the small degrees used: α! ≤ 8! < 2^53, one division). */
  readonly invFactorial: Float64Array;
  /** First index of each degree t (length degree + 2). */
  readonly start: Int32Array;
  /** Index of α − e_l at [j·vars + l], or −1 when α_l = 0. */
  readonly lower: Int32Array;
}

const cache = new Map<string, MonomialTable>();

/**
 * Computes (and caches) the table of monomials of degree ≤ `degree` in
 * `vars` variables (`lem:recentred-cell-bound`).
 * @lemma lem:recentred-cell-bound
 */
export function monomialTable(vars: number, degree: number): MonomialTable {
  const key = `${vars}:${degree}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const exps: number[][] = [new Array<number>(vars).fill(0)];
  const parent = [-1];
  const variable = [0];
  const start = [0, 1];
  const index = new Map<string, number>([[exps[0].join(','), 0]]);
  for (let t = 1; t <= degree; t++) {
    for (let j = start[t - 1]; j < start[t]; j++) {
      // Extend only by variables ≥ the parent's last one: each monomial once.
      const from = j === 0 ? 0 : variable[j];
      for (let l = from; l < vars; l++) {
        const e = exps[j].slice();
        e[l]++;
        const k = e.join(',');
        if (index.has(k)) continue;
        index.set(k, exps.length);
        exps.push(e);
        parent.push(j);
        variable.push(l);
      }
    }
    start.push(exps.length);
  }
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const lower = new Int32Array(exps.length * vars).fill(-1);
  exps.forEach((e, j) => {
    for (let l = 0; l < vars; l++) {
      if (e[l] === 0) continue;
      const f = e.slice();
      f[l]--;
      lower[j * vars + l] = index.get(f.join(',')) as number;
    }
  });
  const table: MonomialTable = {
    lower,
    vars,
    degree,
    size: exps.length,
    deg: Uint8Array.from(exps, (e) => e.reduce((a, b) => a + b, 0)),
    parent: Int32Array.from(parent),
    variable: Uint8Array.from(variable),
    invFactorial: Float64Array.from(exps, (e) => 1 / e.reduce((a, b) => a * fact(b), 1)),
    start: Int32Array.from(start),
  };
  cache.set(key, table);
  return table;
}
