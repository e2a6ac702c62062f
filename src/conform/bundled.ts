/**
 * Where the package's own conformance files are: the vector sets `vectors
 * check` uses when given no directory, found from this module's location in
 * a checkout (src/conform) or an installed package (dist/src/conform).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Returns the root of the attn-coreset package this module belongs to (the
 * nearest directory above it whose package.json is named attn-coreset), or
 * undefined.
 * @lemma def:eps-coreset
 */
export function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 6; k++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'attn-coreset') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** The vector sets a package bundles, oldest first (`conformance/vectors/<set>`). */
export const BUNDLED_VECTOR_SETS = ['v1', 'v2'] as const;

/**
 * Returns the directories of the bundled conformance vector sets that exist
 * (v1, v2), oldest first; empty when the package has none.
 * @lemma def:eps-coreset
 */
export function bundledVectorDirs(): string[] {
  const root = packageRoot();
  if (root === undefined) return [];
  return BUNDLED_VECTOR_SETS.map((v) => join(root, 'conformance', 'vectors', v)).filter((dir) => existsSync(dir));
}
