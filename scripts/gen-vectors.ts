/**
 * Writes the conformance vectors (conformance/vectors/v1/*.json) from closed
 * forms and the decimal.js reference (src/conform/vectors/generate.ts), and
 * the protocol and vector JSON Schemas (conformance/schema/*.json) from their
 * TypeScript source. Run: `npx tsx scripts/gen-vectors.ts`. A test checks
 * that the committed files equal what this writes.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_SCHEMAS } from '../src/conform/schemas.js';
import { allVectorFiles } from '../src/conform/vectors/generate.js';
import { VECTORS_SCHEMA } from '../src/conform/vectors/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

const schemaDir = join(root, 'conformance/schema');
mkdirSync(schemaDir, { recursive: true });
for (const [name, schema] of Object.entries(PROTOCOL_SCHEMAS)) writeFileSync(join(schemaDir, name), json(schema));
writeFileSync(join(schemaDir, 'vectors-v1.json'), json(VECTORS_SCHEMA));

const vectorDir = join(root, 'conformance/vectors/v1');
mkdirSync(vectorDir, { recursive: true });
for (const [name, file] of Object.entries(allVectorFiles())) {
  writeFileSync(join(vectorDir, `${name}.json`), json(file));
  process.stdout.write(`conformance/vectors/v1/${name}.json: ${file.count} cases\n`);
}
