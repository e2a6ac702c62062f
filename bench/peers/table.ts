/**
 * The peer grid's arithmetic: per-cell ratio ours / best peer, the column
 * ratios (family, ρ, m; a family with several instances averages them), the
 * per-family mean and the grid median, and the markdown rows.
 * @module
 */

/** One (instance, ρ, m) cell's measured scores; arrays hold one entry per seed. */
export interface Cell {
  readonly family: string;
  readonly instance: string;
  readonly n: number;
  readonly d: number;
  readonly rho: number;
  /** The nominal target size (64, 256; 64, 32 on the real heads). */
  readonly m: number;
  /** The size every method got, ⌊n/2^h⌋ for kernel thinning's h halvings. */
  readonly size: number;
  readonly ours: readonly number[];
  readonly kt: readonly number[];
  readonly uniform: readonly number[];
  /** The best published peer on this exact cell, if any. */
  readonly published?: { readonly method: string; readonly error: number };
  /** Per method, which estimator gave each seed's score (score.ts's scoreSource), shown beside the numbers. */
  readonly sources?: { readonly ours: readonly string[]; readonly kt: readonly string[]; readonly uniform: readonly string[] };
}

/** The estimators that gave a list of scores, e.g. "F" or "F/R=F"; empty when unknown. */
export function sourceTag(src: readonly string[] | undefined): string {
  if (src === undefined || src.length === 0) return '';
  return ` ⟨${[...new Set(src)].sort().join('/')}⟩`;
}

/** Mean of a non-empty list. */
export function mean(x: readonly number[]): number {
  if (x.length === 0) throw new Error('mean of an empty list');
  return x.reduce((a, b) => a + b, 0) / x.length;
}

/** Median (the mean of the two middle values for an even count). */
export function median(x: readonly number[]): number {
  if (x.length === 0) throw new Error('median of an empty list');
  const s = [...x].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * The best peer of a cell: the smallest of the published best, kernel
 * thinning's mean here and uniform sampling's mean here (a published peer
 * row too); undefined when none exists.
 */
export function bestPeer(c: Cell): { method: string; error: number } | undefined {
  const all = [
    ...(c.published !== undefined ? [{ method: `${c.published.method} (published)`, error: c.published.error }] : []),
    ...(c.kt.length > 0 ? [{ method: 'kernel thinning (run here)', error: mean(c.kt) }] : []),
    ...(c.uniform.length > 0 ? [{ method: 'uniform (run here)', error: mean(c.uniform) }] : []),
  ];
  return all.reduce<{ method: string; error: number } | undefined>((b, p) => (b === undefined || p.error < b.error ? p : b), undefined);
}

/** ours (mean over seeds) / best peer; undefined without a peer or without ours. */
export function ratio(c: Cell): number | undefined {
  const p = bestPeer(c);
  if (p === undefined || c.ours.length === 0) return undefined;
  return mean(c.ours) / p.error;
}

/** A column of the grid: (family, ρ, m) and the mean ratio over its instances. */
export interface Column {
  readonly family: string;
  readonly rho: number;
  readonly m: number;
  readonly instances: number;
  readonly ratio: number;
}

/** Groups cells into columns (cells without a ratio are left out). */
export function columns(cells: readonly Cell[]): Column[] {
  const groups = new Map<string, { family: string; rho: number; m: number; r: number[] }>();
  for (const c of cells) {
    const r = ratio(c);
    if (r === undefined) continue;
    const key = `${c.family}\u0000${c.rho}\u0000${c.m}`;
    const g = groups.get(key) ?? { family: c.family, rho: c.rho, m: c.m, r: [] };
    g.r.push(r);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ family: g.family, rho: g.rho, m: g.m, instances: g.r.length, ratio: mean(g.r) }));
}

/** Per family: the mean of its columns' ratios, and how many of its cells are ≤ `target`. */
export function familySummary(cells: readonly Cell[], target: number): { family: string; meanRatio: number; columns: number; cellsMet: number; cells: number }[] {
  const cols = columns(cells);
  const families = [...new Set(cols.map((c) => c.family))];
  return families.map((family) => {
    const fc = cols.filter((c) => c.family === family);
    const rs = cells.filter((c) => c.family === family).map(ratio).filter((r): r is number => r !== undefined);
    return { family, meanRatio: mean(fc.map((c) => c.ratio)), columns: fc.length, cellsMet: rs.filter((r) => r <= target).length, cells: rs.length };
  });
}

/** "mean [min–max]" of a score list, or "—" when empty. */
export function spread(x: readonly number[], digits = 4): string {
  if (x.length === 0) return '—';
  const m = mean(x).toFixed(digits);
  return x.length === 1 ? m : `${m} [${Math.min(...x).toFixed(digits)}–${Math.max(...x).toFixed(digits)}]`;
}

/** The table row of a cell: family, instance, n, d, ρ, m (size), ours, KT, uniform, published, ratio. */
export function cellRow(c: Cell): string[] {
  const r = ratio(c);
  const p = bestPeer(c);
  return [
    c.family,
    c.instance,
    String(c.n),
    String(c.d),
    String(c.rho),
    c.size === c.m ? String(c.m) : `${c.m} (${c.size})`,
    spread(c.ours) + sourceTag(c.sources?.ours),
    spread(c.kt) + sourceTag(c.sources?.kt),
    spread(c.uniform) + sourceTag(c.sources?.uniform),
    c.published !== undefined ? `${c.published.error} (${c.published.method})` : '—',
    r === undefined ? '—' : `${r.toFixed(2)}${p === undefined ? '' : p.method.endsWith('(published)') ? ' ᴾ' : p.method.startsWith('uniform') ? ' ᵁ' : ''}`,
  ];
}
