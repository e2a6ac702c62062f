import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { examplesOf, reexportsOf } from './entry-exports.js';

// Every value the main entry exports (functions and classes) has at least one
// `@example` in its doc comment, and every example runs: it is written to a
// temporary module with `'attn-coreset'` pointing at src/index.ts and
// imported. An example that throws (an `assert` in it included) fails here.
// Examples import only from the package's entries and from node: modules,
// as user code would.
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ENTRIES: Record<string, string> = {
  'attn-coreset': join(SRC, 'index.ts'),
  'attn-coreset/reference': join(SRC, 'reference/index.ts'),
};

const values = reexportsOf(ENTRIES['attn-coreset']).reexports.filter((r) => !r.typeOnly);
const dir = mkdtempSync(join(tmpdir(), 'attn-coreset-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example with its package imports pointed at the source; throws on an import a user could not write. */
function rewrite(code: string, where: string): string {
  return code.replace(/from '([^']+)'/g, (_, spec: string) => {
    if (spec in ENTRIES) return `from ${JSON.stringify(pathToFileURL(ENTRIES[spec]).href)}`;
    if (spec.startsWith('node:')) return `from '${spec}'`;
    throw new Error(`${where}: imports '${spec}'; examples import from 'attn-coreset', 'attn-coreset/reference' or node: modules`);
  });
}

describe('@example of every public function and class', () => {
  it('the main entry has values to check', () => {
    expect(values.length).toBeGreaterThan(50);
  });
  for (const { name, local, from } of values) {
    it(name, async () => {
      const examples = examplesOf(from, local);
      expect(examples.length, `${name} (${from}) has no @example`).toBeGreaterThan(0);
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        for (const [i, code] of examples.entries()) {
          expect(code, `${name}: example ${i + 1} does not import from 'attn-coreset'`).toMatch(/from 'attn-coreset(\/reference)?'/);
          const file = join(dir, `${name}-${i}.ts`);
          writeFileSync(file, rewrite(code, `${name} example ${i + 1}`));
          await import(pathToFileURL(file).href);
        }
      } finally {
        log.mockRestore();
      }
    });
  }
});
