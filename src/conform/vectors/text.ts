/**
 * The one serialization of generated conformance files, shared by the
 * generator and the test that the committed files are what it writes.
 * @module
 */

/**
 * Returns the text a vector or schema file holds: two-space JSON and a
 * final newline (deterministic: key order is insertion order).
 * @lemma def:instance
 */
export function vectorFileText(x: unknown): string {
  return `${JSON.stringify(x, null, 2)}\n`;
}
