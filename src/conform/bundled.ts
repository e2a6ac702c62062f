/**
 * Where the package's own conformance files are: the vectors `vectors
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

/**
 * Returns the directory of the bundled conformance vectors (version 1), or
 * undefined when the package has none.
 * @lemma def:eps-coreset
 */
export function bundledVectorsDir(): string | undefined {
  const root = packageRoot();
  const dir = root === undefined ? undefined : join(root, 'conformance', 'vectors', 'v1');
  return dir !== undefined && existsSync(dir) ? dir : undefined;
}
