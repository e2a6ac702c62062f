/**
 * Conformance cases from the user's own KV dumps (`conform --instances
 * DIR`): one instance per head, compressed at every (ρ, ε) the user gives.
 * Files are read through `src/io`'s generic matrix reader, so every format
 * it learns (npz included) is accepted here without change.
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { readInstance } from '../io/instance.js';
import type { PlannedCase } from './profiles.js';

/** A head found in the directory: where its keys and values are. */
export interface HeadFiles {
  readonly name: string;
  readonly keys: string;
  readonly values: string;
}

/** Pair files: `NAME.keys.EXT` with `NAME.values.EXT` (also `.k`/`.v`, `.K`/`.V`). */
const PAIR = /^(.+)\.(keys|k|K)\.([A-Za-z0-9]+)$/;
const VALUE_SUFFIX: Record<string, string> = { keys: 'values', k: 'v', K: 'V' };
/** Container files holding tensors `keys` and `values` (file.ext:tensor). */
const CONTAINER = /^(.+)\.(safetensors|npz)$/i;

/**
 * Lists the heads of a dump directory, sorted by name: `NAME.keys.npy` +
 * `NAME.values.npy` pairs (any matrix format; `.k`/`.v` and `.K`/`.V` also),
 * and `NAME.safetensors` / `NAME.npz` files with tensors `keys` and `values`.
 *
 * Error: {@link InputError} (`usage`, `--instances`) when the directory
 * cannot be read, a keys file has no values file, or no head is found.
 * @lemma def:instance
 */
export function findHeads(dir: string): HeadFiles[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError('usage', '--instances', `${dir} is not a directory`);
    names = readdirSync(dir).sort();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('usage', '--instances', `cannot read directory ${dir}: ${(e as Error).message}`);
  }
  const heads: HeadFiles[] = [];
  for (const f of names) {
    const pair = PAIR.exec(f);
    if (pair) {
      const values = `${pair[1]}.${VALUE_SUFFIX[pair[2]]}.${pair[3]}`;
      if (!names.includes(values)) throw new InputError('usage', '--instances', `${join(dir, f)} has no values file ${values} beside it`);
      heads.push({ name: pair[1], keys: join(dir, f), values: join(dir, values) });
      continue;
    }
    const box = CONTAINER.exec(f);
    if (box) heads.push({ name: box[1], keys: `${join(dir, f)}:keys`, values: `${join(dir, f)}:values` });
  }
  if (heads.length === 0) {
    throw new InputError('usage', '--instances', `no heads in ${dir}: expected NAME.keys.npy + NAME.values.npy pairs, or NAME.safetensors / NAME.npz with tensors 'keys' and 'values'`);
  }
  return heads;
}

/**
 * Plans one case per head and (ρ, ε): ids `NAME@rho=R,eps=E`, verifier seed
 * `seed`. Each file is read when its case comes (a bad file is an
 * {@link InputError} then, exit 2, naming the file).
 * @lemma def:eps-coreset
 */
export function planInstances(dir: string, rhos: readonly number[], epsList: readonly number[], seed: number): PlannedCase[] {
  const out: PlannedCase[] = [];
  for (const h of findHeads(dir)) {
    for (const rho of rhos) {
      for (const eps of epsList) {
        out.push({
          id: `${h.name}@rho=${rho},eps=${eps}`,
          family: 'instances',
          anchor: 'def:instance',
          seed,
          make: () => ({
            case: { family: 'instances', inst: readInstance(h.keys, h.values), rho, eps },
            regen: ['--instances', dir, '--rho', String(rho), '--eps', String(eps), '--seed', String(seed)],
          }),
        });
      }
    }
  }
  return out;
}
