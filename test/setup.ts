import fc from 'fast-check';
import { propertySeed } from './helpers/seed.js';

// Every property run in this suite is reproducible: one seed for all of
// them, printed by test/global-setup.ts, overridable with FC_SEED.
fc.configureGlobal({ seed: propertySeed(), ...(process.env.FC_NUM_RUNS ? { numRuns: Number(process.env.FC_NUM_RUNS) } : {}) });
