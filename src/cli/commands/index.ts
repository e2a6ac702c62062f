/**
 * The command registry: one line per command, each exporting a `Command`
 * object named `<name>Command` from its own file. Keep this file a plain
 * list of `export { … } from` lines so that concurrent additions merge
 * cleanly; `registry.ts` collects every export.
 * @module
 */
export { attentionCommand } from './attention.js';
export { conformCommand } from './conform.js';
export { vectorsCommand } from './vectors.js';
export { buildCommand } from './build.js';
export { demoCommand } from './demo.js';
export { verifyCommand } from './verify.js';
export { genCommand } from './gen.js';
export { boundsCommand } from './bounds.js';
export { headsCommand } from './heads.js';
export { reportCommand } from './report.js';
