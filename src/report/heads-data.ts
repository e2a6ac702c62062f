/**
 * The numbers behind the report's many-heads part: every head evaluated as
 * `attn-coreset heads` does, with its held-out per-query errors, and its
 * place in a layer × head grid.
 * @module
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fitHead, type HeadReport, type HeadRunOptions } from '../heads/evaluate.js';
import { readHeadSource, type HeadSource } from '../heads/sources.js';
import { readBytes } from '../io/files.js';
import { jsonTextOf } from '../io/json-matrix.js';
import { normalizeCoreset } from '../validate.js';
import { querySampleErrors } from '../verify/query-sample.js';

/** One head of the report. */
export interface HeadEntry {
  readonly name: string;
  /** Row and column of the heat map. */
  readonly row: string;
  readonly col: string;
  /** The id of the head's section (unique in the page). */
  readonly anchor: string;
  readonly report: HeadReport;
  /** Held-out per-query errors of the query-aware subset and of the uniform one (ok heads only). */
  readonly errors?: { readonly builder: Float64Array; readonly uniform: Float64Array };
}

/** Everything the many-heads part draws. */
export interface HeadsData {
  readonly options: HeadRunOptions;
  readonly heads: readonly HeadEntry[];
  /** Heat map axes, in order, and what they are. */
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly rowLabel: string;
  readonly colLabel: string;
}

/**
 * Reads the layer and head numbers of a directory's manifest.json
 * (`heads[].layer`, `heads[].head`); empty for a file, or without a
 * readable manifest.
 * @lemma def:query-distribution
 */
export function manifestPlaces(path: string): Map<string, { layer: number; head: number }> {
  const out = new Map<string, { layer: number; head: number }>();
  try {
    if (!statSync(path).isDirectory()) return out;
    const where = join(path, 'manifest.json');
    const m = JSON.parse(jsonTextOf(readBytes(where, where), where)) as { heads?: { name?: unknown; layer?: unknown; head?: unknown }[] };
    for (const h of m.heads ?? []) if (typeof h.name === 'string' && Number.isInteger(h.layer) && Number.isInteger(h.head)) out.set(h.name, { layer: h.layer as number, head: h.head as number });
  } catch {
    // no (readable) manifest: places come from the names
  }
  return out;
}

const NAME_HEAD = /^(.*?)[-_./]?h(?:ead)?(\d+)$/i;

/**
 * Places heads on a grid: by the manifest's (layer, head) when every head
 * has one and no two share it; else by the name, `<prefix>h<k>` giving row
 * `<prefix>` and column `h<k>` (e.g. p0-l0-h3: row p0-l0, column h3); else
 * one row. The anchors are the names made id-safe, deduplicated.
 * @lemma def:query-distribution
 */
export function headGrid(names: readonly string[], places: ReadonlyMap<string, { layer: number; head: number }>): { cells: Array<{ row: string; col: string; anchor: string }>; rowLabel: string; colLabel: string } {
  const seen = new Set<string>();
  const anchors = names.map((name) => {
    const base = `head-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    let a = base;
    for (let k = 2; seen.has(a); k++) a = `${base}-${k}`;
    seen.add(a);
    return a;
  });
  const placed = names.map((n) => places.get(n));
  const keys = new Set(placed.map((p) => (p ? `${p.layer}/${p.head}` : '')));
  if (placed.every((p) => p !== undefined) && keys.size === names.length) {
    return { cells: names.map((_, i) => ({ row: `layer ${placed[i]!.layer}`, col: `head ${placed[i]!.head}`, anchor: anchors[i] })), rowLabel: 'layer', colLabel: 'head (manifest)' };
  }
  const parsed = names.map((n) => NAME_HEAD.exec(n));
  const cellKeys = new Set(parsed.map((m) => (m ? `${m[1]}/${m[2]}` : '')));
  if (parsed.every((m) => m !== null) && cellKeys.size === names.length) {
    return { cells: names.map((_, i) => ({ row: parsed[i]![1] || '—', col: `h${parsed[i]![2]}`, anchor: anchors[i] })), rowLabel: 'name prefix', colLabel: 'head number (from the names)' };
  }
  return { cells: names.map((n, i) => ({ row: 'all', col: n, anchor: anchors[i] })), rowLabel: '', colLabel: 'head' };
}

/** Distinct values in order of first appearance, sorted naturally (h2 before h10). */
function axis(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Computes the many-heads part: each source read and evaluated as by
 * `attn-coreset heads` (`fitHead`: query-aware subset on a random half of
 * its queries, statistics on the held-out half, `lem:query-sample-bound`),
 * with the held-out per-query errors of the subset and of a uniform subset
 * of the same size; a head that fails to read is kept with its message.
 * Runs in this thread, one head after another.
 * @lemma lem:query-sample-bound
 * @lemma def:query-distribution
 */
export function headsData(sources: readonly HeadSource[], options: HeadRunOptions, places: ReadonlyMap<string, { layer: number; head: number }> = new Map()): HeadsData {
  const grid = headGrid(
    sources.map((s) => s.name),
    places,
  );
  const heads = sources.map((h, i): HeadEntry => {
    const cell = grid.cells[i];
    try {
      const { instance, queries } = readHeadSource(h);
      const scale = h.scale ?? options.scale ?? 1;
      const fit = fitHead(h.name, instance, queries, scale, options);
      const errs = (c: typeof fit.coreset): Float64Array => querySampleErrors(instance, normalizeCoreset(c, instance.n), fit.heldOut, scale).errors;
      return { name: h.name, ...cell, report: fit.report, errors: { builder: errs(fit.coreset), uniform: errs(fit.uniform) } };
    } catch (e) {
      return { name: h.name, ...cell, report: { head: h.name, ok: false, error: e instanceof Error ? e.message : String(e) } };
    }
  });
  return { options, heads, rows: axis(grid.cells.map((c) => c.row)), cols: axis(grid.cells.map((c) => c.col)), rowLabel: grid.rowLabel, colLabel: grid.colLabel };
}
