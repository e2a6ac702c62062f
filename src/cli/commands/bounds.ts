/**
 * `attn-coreset bounds`: the size scales and proven floors for (d, ρ, ε).
 * @module
 */
import { minUniformCoresetSize, orthonormalFloorSize, paperSizeScale, uniformTrapSize } from '../../bounds.js';
import { InputError } from '../../errors.js';
import { flagOption, parseCommandArgs, requiredNumber } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { writeJson } from '../json-output.js';

const usage = `attn-coreset bounds --d D --rho R --eps E [--json]

Prints, for unit keys and values in R^d, radius ρ and error ε:
  scale         √d·e^ρ/ε, the order of thm:upper-bound and thm:lower-bound
  orthonormal   the largest n for which every ε-coreset of the orthonormal
                family is the whole set (prop:orthonormal-floor)
  uniformTrap   M = ⌊e^{2ρ}⌋ and the minimum size of a uniform-weight
                ε-coreset of T_ρ (prop:uniform-weights-fail; needs ε < 1),
                against size 2 with weights`;

const options = { d: { type: 'string' }, rho: { type: 'string' }, eps: { type: 'string' }, json: { type: 'boolean' } } as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const d = requiredNumber(args, 'd', { integer: true, min: 1 });
  const rho = requiredNumber(args, 'rho');
  const eps = requiredNumber(args, 'eps');
  if (!(rho > 0)) throw new InputError('parameter', '--rho', `must be > 0, got ${rho}`);
  if (!(eps > 0)) throw new InputError('parameter', '--eps', `must be > 0, got ${eps}`);
  const trapM = uniformTrapSize(rho);
  const report = {
    d,
    rho,
    eps,
    scale: paperSizeScale(d, rho, eps),
    orthonormalFloor: orthonormalFloorSize(rho, eps),
    uniformTrap: { M: trapM, minUniformSize: eps < 1 ? minUniformCoresetSize(rho, eps) : null, weightedSize: 2 },
  };
  if (flagOption(args, 'json')) {
    writeJson(io, report);
  } else {
    io.out(
      [
        `√d·e^ρ/ε = ${report.scale.toPrecision(6)}   (scale of thm:upper-bound / thm:lower-bound)`,
        `orthonormal floor: every ε-coreset of e_1..e_n is the whole set for n ≤ ${report.orthonormalFloor}`,
        `uniform trap T_ρ: M = ${trapM}; uniform weights need ≥ ${report.uniformTrap.minUniformSize ?? 'n/a (ε ≥ 1)'} points, weighted: 2`,
      ].join('\n') + '\n',
    );
  }
  return EXIT_OK;
}

/** The `bounds` command: size scales and the proven floors. */
export const boundsCommand: Command = { name: 'bounds', summary: 'size scale √d·e^ρ/ε and the proven floors', usage, run };
