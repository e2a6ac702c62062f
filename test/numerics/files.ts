/** A temporary directory and a writer of small input files into it, for the CLI regressions here. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../cli/attention-helpers.js';

/** A fresh temporary directory: `path(name)` inside it, `put(name, content)` writes there and returns the path. */
export function fileWriter(prefix: string): { path: (name: string) => string; put: (name: string, content: string) => string } {
  const dir = tempDir(prefix);
  const path = (name: string): string => join(dir, name);
  return {
    path,
    put: (name, content) => {
      writeFileSync(path(name), content);
      return path(name);
    },
  };
}
