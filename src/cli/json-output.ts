/**
 * The `--json` output convention: one JSON document on stdout.
 * @module
 */
import type { CliIo } from './io.js';

/**
 * Serialises a value for `--json` output: typed arrays become arrays,
 * non-finite numbers become the strings "Infinity", "-Infinity", "NaN"
 * (plain JSON would turn them into null), bigints become decimal strings.
 * @lemma def:instance
 */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (typeof v === 'bigint') return v.toString();
      return v;
    },
    indent,
  );
}

/**
 * Writes one JSON document (see {@link jsonText}) and a newline to stdout.
 * @lemma def:instance
 */
export function writeJson(io: CliIo, value: unknown): void {
  io.out(`${jsonText(value)}\n`);
}
