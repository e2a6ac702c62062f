import { propertySeed } from './helpers/seed.js';

export default function setup(): void {
  const n = process.env.FC_NUM_RUNS ? `, FC_NUM_RUNS=${process.env.FC_NUM_RUNS}` : '';
  process.stdout.write(`fast-check seed: ${propertySeed()} (set FC_SEED to override${n})\n`);
}
