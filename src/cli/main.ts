#!/usr/bin/env node
/**
 * Entry point of the `attn-coreset` command (package.json `bin`, compiled to
 * dist/src/cli/main.js). All logic lives in `run.ts`.
 * @module
 */
import { runMain } from './run.js';

await runMain(process.argv.slice(2));
