/**
 * What the fuzzer feeds: each target is a reader of the library with the
 * valid inputs its mutants start from. A target returns normally (a value)
 * or throws; the runner classifies what it throws.
 */
import { readFileSync } from 'node:fs';
import { parseNumberText, type NumberConstraints } from '../../src/cli/args.js';
import { decodeCacheFile } from '../../src/io/cache-file.js';
import { coresetFromJson } from '../../src/io/coreset-file.js';
import { jsonTextOf, parseJsonText } from '../../src/io/json-matrix.js';
import { encodeNpy } from '../../src/io/npy.js';
import { decodeMatrix } from '../../src/io/read-matrix.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { decodeWeighting } from '../../src/io/weights-file.js';
import type { Mat64 } from '../../src/types.js';

/** One fuzz target. */
export interface Target {
  readonly name: string;
  /** Valid inputs the mutants start from. */
  readonly seeds: readonly Uint8Array[];
  /** Runs the reader on one input; `choice` picks among variants (member names, option constraints). */
  run(input: Uint8Array, choice: number): void;
  /** For targets numpy also reads: the member `choice` selects (undefined: the only one), for the numpy oracle. */
  readonly numpyMember?: (choice: number) => string | undefined;
}

const FIX = new URL('../../test/fixtures/io/', import.meta.url);
const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(p, FIX)));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const m: Mat64 = { rows: 3, cols: 2, data: Float64Array.of(1, -2, 0.5, 3, 1e-300, -0) };

/** A decoded matrix must be self-consistent, or the value is a finding too. */
function checkMatrix(x: Mat64): void {
  if (!(x.data instanceof Float64Array) || x.data.length !== x.rows * x.cols || !Number.isSafeInteger(x.rows) || !Number.isSafeInteger(x.cols)) {
    throw new Error(`inconsistent matrix ${x.rows}×${x.cols} with ${x.data.length} entries`);
  }
}

const NPZ_MEMBERS = [undefined, 'keys', 'values', 'weights'] as const;
const NUMBER_CONSTRAINTS: readonly NumberConstraints[] = [{}, { positive: true }, { integer: true, min: 1 }, { integer: true, min: 1, max: 1_000_000 }, { nonNegative: true }];

/** Every reader of user files and the parser of numeric CLI options. */
export const TARGETS: readonly Target[] = [
  {
    name: 'npy',
    seeds: [encodeNpy(m), encodeNpy(m, { dtype: '<f4' }), encodeNpy(m, { vector: true }), ...['f8-fortran.npy', 'f2-c.npy', 'f8-v2.npy', 'f8-v3.npy', 'f4-big.npy', 'f8-3d.npy'].map((f) => fixture(`npy/${f}`))],
    run: (b) => checkMatrix(decodeMatrix(b, 'fuzz.npy')),
    numpyMember: () => undefined,
  },
  {
    name: 'npz',
    seeds: ['kvw.npz', 'kvw-compressed.npz', 'zip64.npz', 'fortran.npz', 'single.npz'].map((f) => fixture(`npz/${f}`)),
    run: (b, choice) => checkMatrix(decodeMatrix(b, 'fuzz.npz', NPZ_MEMBERS[choice % 4])),
    numpyMember: (choice) => NPZ_MEMBERS[choice % 4],
  },
  {
    name: 'safetensors',
    seeds: [encodeSafetensors({ keys: m, values: m }), encodeSafetensors({ t: m }, 'F32'), text('8\0\0\0\0\0\0\0{}      ')],
    run: (b, choice) => checkMatrix(decodeMatrix(b, 'fuzz.safetensors', [undefined, 'keys', 'values', 't'][choice % 4])),
  },
  {
    name: 'json-matrix',
    seeds: [text('[[1, -2], [0.5, 3], [1e-300, -0]]'), text('{"shape": [3, 2], "data": [[1, -2], ["0x1p-1", 3], [1e-300, "-0"]]}'), text('{"shape": [2], "data": ["1.5", "-0x1.8p+1"]}')],
    run: (b) => checkMatrix(decodeMatrix(b, 'fuzz.json')),
  },
  {
    name: 'coreset',
    seeds: [text('{"indices": [0, 2, 1, 2], "weights": [1, "0x1p-1", "2.5e-3", 4]}'), text('{"indices": [3], "parameters": {"n": 4}}')],
    run: (b) => void coresetFromJson(parseJsonText(jsonTextOf(b, 'fuzz.json'), 'fuzz.json'), 'fuzz.json', 4),
  },
  {
    name: 'weights',
    seeds: [text('{"indices": [0, 3], "weights": [0.5, "0x1p+2"]}'), encodeNpy({ rows: 1, cols: 4, data: Float64Array.of(1, 0, 2, 0.25) }, { vector: true }), text('[1, 0, 2, "1e-3"]')],
    run: (b, choice) => void decodeWeighting(b, b[0] === 0x93 ? 'fuzz.npy' : choice % 2 ? 'fuzz.json' : 'fuzz', 4),
  },
  {
    // Caches (keys m × 3, values m × 2, weights): the npz seeds are numpy's,
    // so the extension follows the bytes' kind.
    name: 'cache',
    seeds: [
      encodeSafetensors({ keys: { rows: 2, cols: 3, data: Float64Array.of(1, 0, 0, 0, 1, 0) }, values: { rows: 2, cols: 2, data: Float64Array.of(1, -1, 0.5, 2) }, weights: { rows: 1, cols: 2, data: Float64Array.of(3, 0.5) } }),
      fixture('npz/kvw.npz'),
      fixture('npz/kvw-compressed.npz'),
      text('{"keys": [[1, 0, 0], [0, 1, 0]], "values": [["0x1p-1", 2], [1e-300, -0]], "weights": [1, "2.5"]}'),
    ],
    run: (b) => void decodeCacheFile(b, b[0] === 0x50 ? 'fuzz.npz' : b[0] === 0x7b || b[0] === 0x20 ? 'fuzz.json' : 'fuzz.safetensors', 3, 2),
  },
  {
    name: 'numeric-option',
    seeds: ['0.05', '-1e-3', '0x1.8p+1', '1e308', '4096', '2.5', '.5', '1E-300'].map(text),
    run: (b, choice) => void parseNumberText(new TextDecoder().decode(b), 'rho', NUMBER_CONSTRAINTS[choice % NUMBER_CONSTRAINTS.length]),
  },
];

/** Targets that misbehave on purpose, to check that the runner's hang and memory detection is real. */
export const PROBE_TARGETS: readonly Target[] = [
  {
    name: 'probe',
    seeds: [Uint8Array.of(0), Uint8Array.of(1), Uint8Array.of(3)],
    run: (b) => {
      if (b[0] === 1) for (;;); // a hang
      if (b[0] === 3) throw new TypeError('an untyped exception');
    },
  },
  {
    // Touching 1.1 GiB takes seconds on a loaded machine: run it with a
    // larger hang bound.
    name: 'probe-memory',
    seeds: [Uint8Array.of(0), Uint8Array.of(2)],
    run: (b) => {
      if (b[0] === 2) {
        const big: Uint8Array[] = [];
        for (let k = 0; k < 9; k++) big.push(new Uint8Array(128 << 20).fill(1)); // 1.1 GiB, touched
        if (big.length < 0) throw new Error('unreachable');
      }
    },
  },
];
