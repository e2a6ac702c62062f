/**
 * The command registry: one line per command, each exporting a `Command`
 * object named `<name>Command` from its own file. Keep this file a plain
 * list of `export { … } from` lines so that concurrent additions merge
 * cleanly; `registry.ts` collects every export.
 * @module
 */
export { attentionCommand } from './attention.js';
