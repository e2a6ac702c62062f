// @ts-check
/**
 * Checks the built docs (run by `npm run docs` after typedoc): the KaTeX
 * stylesheet and fonts are in place (so the docs work offline), every page
 * with math rendered it (no KaTeX error, no raw `$$` left outside code),
 * the spec, proof and traceability documents are there, and every public
 * function and class has its anchor and an example.
 * Usage: `node scripts/docs/check-output.mjs [docsDir]`; exit code 1 on a problem.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const out = process.argv[2] ?? 'docs';
/** @type {string[]} */
const problems = [];

/**
 * @param {string} dir
 * @returns {string[]}
 */
function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? htmlFiles(p) : name.endsWith('.html') ? [p] : [];
  });
}

if (!existsSync(join(out, 'index.html'))) problems.push(`${out}/index.html is missing: did typedoc run?`);
for (const asset of ['assets/custom.css', 'assets/katex.min.css']) {
  if (!existsSync(join(out, asset))) problems.push(`${out}/${asset} is missing`);
}
const fonts = join(out, 'assets', 'fonts');
if (!existsSync(fonts) || !readdirSync(fonts).some((f) => f.endsWith('.woff2'))) problems.push(`${out}/assets/fonts has no KaTeX .woff2 font`);

let math = 0;
const pages = existsSync(out) ? htmlFiles(out) : [];
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  const where = relative(out, page);
  math += (html.match(/class="katex"/g) ?? []).length;
  if (html.includes('katex-error')) problems.push(`${where}: a formula failed to render (class katex-error)`);
  const prose = html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code[\s\S]*?<\/code>/g, '').replace(/<annotation[\s\S]*?<\/annotation>/g, '');
  if (prose.includes('$$')) problems.push(`${where}: raw "$$" outside code (unrendered display math)`);
}

const documents = join(out, 'documents');
const docPages = existsSync(documents) ? readdirSync(documents) : [];
if (existsSync('spec') && readdirSync('spec').some((f) => f.endsWith('.md'))) {
  if (math === 0) problems.push('no KaTeX output in any page although spec/ exists');
  if (!docPages.some((f) => /traceability/i.test(f))) problems.push(`${out}/documents has no traceability matrix page`);
}

// The public entry (`attn-coreset`, src/index.ts) documents every function
// and class on its own page with an example, each function with the anchor
// it implements.
let publicPages = 0;
for (const kind of ['functions', 'classes']) {
  const dir = join(out, kind);
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (!name.startsWith('attn-coreset.')) continue;
    publicPages++;
    const html = readFileSync(join(dir, name), 'utf8');
    if (kind === 'functions' && !html.includes('id="lemma"')) problems.push(`${kind}/${name}: no @lemma anchor`);
    if (!html.includes('id="example"')) problems.push(`${kind}/${name}: no @example`);
  }
}
if (pages.length > 0 && publicPages === 0) problems.push(`${out} has no page of a public function (module attn-coreset)`);

if (problems.length > 0) {
  process.stderr.write(`docs check: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stderr.write(`docs check: ok (${pages.length} pages, ${math} formulas, ${docPages.length} documents, ${publicPages} public functions and classes with anchor and example)\n`);
}
