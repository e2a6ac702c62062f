/**
 * Worker-thread entry of a many-heads run: receives {source, options}
 * messages, answers each with its {@link HeadReport}.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { runHead, type HeadRunOptions } from './evaluate.js';
import type { HeadSource } from './sources.js';

parentPort?.on('message', (m: { index: number; source: HeadSource; options: HeadRunOptions }) => {
  parentPort?.postMessage({ index: m.index, report: runHead(m.source, m.options) });
});
