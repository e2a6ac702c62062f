/**
 * The package version, read from package.json next to the sources (works
 * from `src/cli` under tsx and from `dist/src/cli` once built).
 * @module
 */
import { readFileSync } from 'node:fs';

/**
 * Returns the version string of attn-coreset, or "unknown" if its
 * package.json cannot be found.
 * @lemma def:instance
 */
export function packageVersion(): string {
  let dir = new URL('.', import.meta.url);
  for (let up = 0; up < 5; up++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'attn-coreset' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; look one directory up
    }
    dir = new URL('..', dir);
  }
  return 'unknown';
}
