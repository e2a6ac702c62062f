/**
 * Reads the tree the traceability checker inspects from disk: `spec/*.md`,
 * `src/**∕*.ts`, `properties/**∕*.ts` and `proofs/*.md`.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SourceText, Tree } from './types.js';

function walk(root: string, dir: string, keep: (name: string) => boolean, recursive: boolean): SourceText[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: SourceText[] = [];
  for (const name of readdirSync(abs).sort()) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) {
      if (recursive && name !== 'node_modules') out.push(...walk(root, join(dir, name), keep, recursive));
    } else if (keep(name)) {
      out.push({ path: relative(root, p).split(sep).join('/'), text: readFileSync(p, 'utf8') });
    }
  }
  return out;
}

const isTs = (name: string): boolean => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts');
const isMd = (name: string): boolean => name.endsWith('.md');

/** Reads the checked files under a repository root (missing directories read as empty). */
export function readTree(root: string): Tree {
  return {
    spec: walk(root, 'spec', isMd, false),
    src: walk(root, 'src', isTs, true),
    properties: walk(root, 'properties', isTs, true),
    proofs: walk(root, 'proofs', isMd, false),
  };
}
