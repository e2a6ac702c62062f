/**
 * `attn-coreset gen`: write a generated instance (random or a hard family).
 * @module
 */
import { InputError } from '../../errors.js';
import { checkGeneratedSize } from '../limits.js';
import { attentionSinkInstance } from '../../families/attention-sink.js';
import { clusteredInstance } from '../../families/clustered.js';
import { orthonormalInstance } from '../../families/orthonormal.js';
import { sphereInstance } from '../../families/sphere.js';
import { uniformTrap } from '../../families/uniform-trap.js';
import { formatOfExtension } from '../../io/read-matrix.js';
import { refuseOutputsThatAreInputs } from '../../io/output-path.js';
import { writeFiles } from '../../io/write-file.js';
import { encodeMatrix } from '../../io/write-matrix.js';
import type { Instance } from '../../types.js';
import { flagOption, numberOption, optionalNumber, parseCommandArgs, requiredString } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { writeJson } from '../json-output.js';

const FAMILIES = ['sphere', 'clustered', 'sink', 'uniform-trap', 'orthonormal'] as const;
type Family = (typeof FAMILIES)[number];

const usage = `attn-coreset gen --family F --keys K --values V [--n N] [--d D] [--dv DV] [--rho R] [--seed S] [--json]

Writes a seeded instance (keys and values, .npy / .safetensors / .json).
Existing files K and V are replaced, both or neither (atomically: a failed
write leaves them as they were); K and V must be different files.

  --family F   sphere (unit keys and values, uniform), clustered (skewed
               cluster masses), sink (one dominant key), uniform-trap (T_ρ of
               prop:uniform-weights-fail: needs --rho), orthonormal
               (prop:orthonormal-floor: keys = values = e_1..e_n)
  --n N        rows (default 1024; ignored by uniform-trap)
  --d D        key dimension (default 16; orthonormal uses d = n)
  --dv DV      value dimension (default d)
  --rho R      radius, for uniform-trap (M = ⌊e^{2ρ}⌋ negative keys)
  --seed S     seed of the random families (default 0)

At most 2^25 key and value entries, n·(d + dv) (1 GiB at 32 bytes an
entry); a larger request is refused before anything is generated.
  --json       print a JSON summary on stdout`;

const options = {
  family: { type: 'string' },
  keys: { type: 'string' },
  values: { type: 'string' },
  n: { type: 'string' },
  d: { type: 'string' },
  dv: { type: 'string' },
  rho: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function generate(family: Family, n: number, d: number, dv: number, seed: number, rho: number | undefined): Instance {
  switch (family) {
    case 'sphere':
      return sphereInstance({ n, d, dv, seed });
    case 'clustered':
      return clusteredInstance({ n, d, dv, seed });
    case 'sink':
      return attentionSinkInstance({ n, d, dv, seed });
    case 'orthonormal':
      return orthonormalInstance(n);
    case 'uniform-trap':
      if (rho === undefined) throw new InputError('usage', '--rho', 'is required for --family uniform-trap');
      return uniformTrap(rho, d).instance;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const family = requiredString(args, 'family');
  if (!(FAMILIES as readonly string[]).includes(family)) {
    throw new InputError('usage', '--family', `'${family}' is not one of ${FAMILIES.join(', ')}`);
  }
  const keys = requiredString(args, 'keys');
  const values = requiredString(args, 'values');
  for (const [name, path] of [['--keys', keys], ['--values', values]] as const) {
    if (formatOfExtension(path) === undefined) throw new InputError('usage', name, `'${path}' must end in .npy, .safetensors or .json`);
  }
  refuseOutputsThatAreInputs([{ what: '--keys', path: keys }, { what: '--values', path: values }], []);
  const n = numberOption(args, 'n', 1024, { integer: true, min: 1 });
  const d = numberOption(args, 'd', family === 'uniform-trap' ? 1 : 16, { integer: true, min: 1 });
  const dv = numberOption(args, 'dv', d, { integer: true, min: 1 });
  const seed = numberOption(args, 'seed', 0, { integer: true });
  const rho = optionalNumber(args, 'rho', { min: 0 });
  if (rho !== undefined && !(rho > 0)) throw new InputError('parameter', '--rho', `must be > 0, got ${rho}`);
  checkGeneratedSize(family, n, d, dv, rho);
  const inst = generate(family as Family, n, d, dv, seed, rho);
  writeFiles([
    { path: keys, content: encodeMatrix(keys, { rows: inst.n, cols: inst.d, data: inst.K }), what: '--keys' },
    { path: values, content: encodeMatrix(values, { rows: inst.n, cols: inst.dv, data: inst.V }), what: '--values' },
  ]);
  const summary = { family, n: inst.n, d: inst.d, dv: inst.dv, seed, rho: rho ?? null, keys, values };
  if (flagOption(args, 'json')) writeJson(io, summary);
  else io.err(`wrote ${family} instance n=${inst.n}, d=${inst.d}, dv=${inst.dv} to ${keys}, ${values}\n`);
  return EXIT_OK;
}

/**
 * The `gen` command: seeded random instances and the hard families of
 * `prop:uniform-weights-fail` and `prop:orthonormal-floor`.
 */
export const genCommand: Command = { name: 'gen', summary: 'write a generated instance (random or a hard family)', usage, run };
