/**
 * Writes the conformance vectors — conformance/vectors/v1/*.json from closed
 * forms and the decimal.js reference (src/conform/vectors/generate.ts),
 * conformance/vectors/v2/*.json (compressed caches, generate-v2.ts) — and
 * the protocol and vector JSON Schemas (conformance/schema/*.json) from their
 * TypeScript source. Run: `npx tsx scripts/gen-vectors.ts`. A test checks
 * that the committed files equal, byte for byte, what this writes.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_SCHEMAS } from '../src/conform/schemas.js';
import { allVectorFiles } from '../src/conform/vectors/generate.js';
import { allCacheVectorFiles } from '../src/conform/vectors/generate-v2.js';
import { VECTORS_SCHEMA } from '../src/conform/vectors/schema.js';
import { VECTORS_V2_SCHEMA } from '../src/conform/vectors/schema-v2.js';
import { vectorFileText } from '../src/conform/vectors/text.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const schemaDir = join(root, 'conformance/schema');
mkdirSync(schemaDir, { recursive: true });
for (const [name, schema] of Object.entries(PROTOCOL_SCHEMAS)) writeFileSync(join(schemaDir, name), vectorFileText(schema));
writeFileSync(join(schemaDir, 'vectors-v1.json'), vectorFileText(VECTORS_SCHEMA));
writeFileSync(join(schemaDir, 'vectors-v2.json'), vectorFileText(VECTORS_V2_SCHEMA));

for (const [version, files] of [
  ['v1', allVectorFiles()],
  ['v2', allCacheVectorFiles(root)],
] as const) {
  const vectorDir = join(root, 'conformance/vectors', version);
  mkdirSync(vectorDir, { recursive: true });
  for (const [name, file] of Object.entries(files)) {
    writeFileSync(join(vectorDir, `${name}.json`), vectorFileText(file));
    process.stdout.write(`conformance/vectors/${version}/${name}.json: ${file.count} cases\n`);
  }
}
