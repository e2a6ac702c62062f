// @ts-check
/**
 * The parts of the typedoc configuration that JSON cannot hold: functions
 * (the markdown-it loader, the plugin) and values read from the tree.
 * typedoc loads typedoc.json first (it is first in typedoc's search order);
 * typedoc.json `extends` this file, so both are always in effect.
 *
 * Tags: `@lemma` is declared in tsdoc.json, which typedoc reads next to
 * tsconfig.json and which then *replaces* blockTags/inlineTags/modifierTags
 * (so do not set those here: typedoc would warn that tsdoc.json overrides them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { load, loadMarkdownIt } from './scripts/docs/typedoc-plugin.mjs';

/**
 * The documented modules are the package's public entry points: each
 * `exports` entry of package.json, mapped from dist/…js back to its source.
 * @returns {string[]}
 */
function entryPoints() {
  const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  return Object.values(pkg.exports ?? {})
    .map((e) => (typeof e === 'string' ? e : e.default ?? e.import))
    .filter((p) => typeof p === 'string' && p.startsWith('./dist/'))
    .map((p) => p.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts'));
}

/**
 * A document glob, if it matches something (typedoc warns, hence fails, on
 * a glob that matches nothing; spec/ and proofs/ may still be empty).
 * @param {string} dir
 * @returns {string[]}
 */
function markdownIn(dir) {
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.md')) ? [`${dir}/*.md`] : [];
}

/**
 * Source links: offline docs cannot rely on a git remote (a clone of a local
 * path has none, and typedoc warns, which fails the build). With a
 * `repository` URL in package.json, "Defined in" links point there;
 * otherwise source locations are left out.
 * @returns {Partial<import('typedoc').TypeDocOptions>}
 */
function sources() {
  const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (typeof url !== 'string' || !/^(git\+)?https:\/\//.test(url)) return { disableSources: true };
  const base = url.replace(/^git\+/, '').replace(/\.git$/, '');
  return { disableGit: true, sourceLinkTemplate: `${base}/blob/main/{path}#L{line}` };
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
const config = {
  ...sources(),
  entryPoints: entryPoints(),
  projectDocuments: [...markdownIn('spec'), ...markdownIn('proofs'), ...markdownIn('docs-src')],
  readme: existsSync('README.md') ? 'README.md' : 'none',
  markdownItLoader: loadMarkdownIt,
  plugin: [load],
};

export default config;
