// @ts-check
/**
 * The project's typedoc plugin (loaded by typedoc.config.mjs):
 *
 * - math: KaTeX errors found while rendering become typedoc warnings (so
 *   `treatWarningsAsErrors` fails the build), and TeX in project documents
 *   survives typedoc's comment lexer (which would eat the backslash of `\{`);
 * - documents: spec/ and proofs/ pages are named after their `# Title` and
 *   grouped as "Specification" and "Proofs";
 * - `@lemma ANCHOR` tags, and code spans that are exactly an anchor
 *   (`` `lem:merge` ``), become links to the anchor's heading in the spec page
 *   that declares it (relative links, so typedoc validates the anchor);
 * - assets: katex.min.css and its fonts are copied next to custom.css.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { Converter, MinimalSourceFile, RendererEvent } from 'typedoc';
import markdownItKatex from './markdown-it-katex.mjs';
import { headingSlug } from './slug.mjs';

/** @type {{ warn: (message: string) => void }} */
const sink = { warn: (message) => console.warn(message) };

/**
 * The markdown-it loader for typedoc's `markdownItLoader` option: KaTeX,
 * with errors reported through the running typedoc's logger.
 * @param {import('markdown-it').default} md
 */
export function loadMarkdownIt(md) {
  md.use(markdownItKatex, { onError: (message) => sink.warn(message) });
}

/**
 * Doubles every backslash that precedes `{`, `}` or `@` outside code, so
 * that typedoc's comment lexer (which drops such a backslash) hands the
 * original text to markdown-it. Outside math the result renders the same;
 * inside math `\{` stays a TeX brace.
 * @param {string} text
 */
export function protectBackslashes(text) {
  const out = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      out.push(line);
      continue;
    }
    if (fenced) {
      out.push(line);
      continue;
    }
    out.push(line.split(/(`+[^`]*`+)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/\\(?=[{}@])/g, '\\\\'))).join(''));
  }
  return out.join('\n');
}

/**
 * The anchors declared in a spec page's text: id → heading slug and title.
 * @param {string} text
 * @returns {Map<string, { slug: string, heading: string }>}
 */
export function specAnchors(text) {
  const found = new Map();
  const re = /^\s*<a\s+id="([^"]+)"\s*>\s*<\/a>\s*\n(?:\s*\n)*###\s+(.+?)\s*$/gm;
  for (const m of text.matchAll(re)) found.set(m[1], { slug: headingSlug(m[2]), heading: m[2] });
  return found;
}

/**
 * @param {string} root
 * @param {string} file
 */
function rel(root, file) {
  return relative(root, file).split(sep).join('/');
}

/**
 * The plugin.
 * @param {import('typedoc').Application} app
 */
export function load(app) {
  sink.warn = (message) => app.logger.warn(message);
  const root = process.cwd();
  /** @type {Map<string, { doc: import('typedoc').DocumentReflection, file: string, slug: string, heading: string }>} */
  const anchors = new Map();

  app.converter.on(Converter.EVENT_BEGIN, () => anchors.clear());

  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, doc) => {
    const project = doc.project;
    const file = project.files.getReflectionPath(doc);
    if (file === undefined) return;
    const path = rel(root, file);
    const text = readFileSync(file, 'utf8');
    const reparsed = app.converter.parseRawComment(new MinimalSourceFile(protectBackslashes(text), file), project.files);
    doc.content = reparsed.content;
    const title = /^#\s+(.+?)\s*$/m.exec(text.replace(/^---\n[\s\S]*?\n---\n/, ''));
    if (path.startsWith('spec/') || path.startsWith('proofs/')) {
      if (title && !('title' in reparsed.frontmatter)) doc.name = title[1];
      if (!('group' in doc.frontmatter)) doc.frontmatter['group'] = path.startsWith('spec/') ? 'Specification' : 'Proofs';
    }
    if (path.startsWith('spec/')) {
      for (const [id, a] of specAnchors(text)) anchors.set(id, { doc, file, ...a });
    }
  });

  /**
   * The display parts of a Markdown link to an anchor's heading.
   * @param {import('typedoc').ProjectReflection} project
   * @param {string} id
   * @param {string} label text after the code span
   * @returns {import('typedoc').CommentDisplayPart[]}
   */
  const anchorLink = (project, id, label) => {
    const a = /** @type {NonNullable<ReturnType<typeof anchors.get>>} */ (anchors.get(id));
    const { target } = project.files.registerAbsolute(a.file);
    return [
      { kind: 'text', text: '[' },
      { kind: 'code', text: '`' + id + '`' },
      { kind: 'text', text: label.replace(/\]/g, '\\]') + '](' },
      { kind: 'relative-link', text: `${rel(root, a.file)}#${a.slug}`, target, targetAnchor: a.slug },
      { kind: 'text', text: ')' },
    ];
  };

  /**
   * Turns code spans that are exactly a known anchor (`lem:merge`) into links
   * to it, except where they already are link text.
   * @param {import('typedoc').ProjectReflection} project
   * @param {import('typedoc').CommentDisplayPart[]} parts
   */
  const linkCodeAnchors = (project, parts) =>
    parts.flatMap((part, i) => {
      const m = part.kind === 'code' ? /^`([a-z]+:[a-z0-9-]+)`$/.exec(part.text) : null;
      const before = parts[i - 1];
      if (!m || !anchors.has(m[1]) || (before?.kind === 'text' && before.text.endsWith('['))) return [part];
      return anchorLink(project, m[1], '');
    });

  /**
   * Markdown links to a spec anchor's `<a id>` (`lemmas.md#lem:merge`, right
   * on GitHub) point, in the docs, at the heading below it: typedoc only
   * knows heading anchors, and would reject the link.
   * @param {import('typedoc').ProjectReflection} project
   * @param {import('typedoc').CommentDisplayPart[]} parts
   */
  const retargetAnchorLinks = (project, parts) => {
    for (const part of parts) {
      if (part.kind !== 'relative-link' || typeof part.target !== 'number' || !part.targetAnchor) continue;
      const a = anchors.get(part.targetAnchor);
      if (a && project.files.resolvePath(part.target) === a.file) part.targetAnchor = a.slug;
    }
    return parts;
  };

  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    for (const refl of Object.values(project.reflections)) {
      if (refl.isDocument()) {
        refl.content = linkCodeAnchors(project, retargetAnchorLinks(project, refl.content));
        continue;
      }
      const comment = refl.comment;
      if (!comment) continue;
      comment.summary = linkCodeAnchors(project, retargetAnchorLinks(project, comment.summary));
      for (const tag of comment.blockTags) {
        if (tag.tag !== '@lemma') {
          if (tag.tag !== '@example') tag.content = linkCodeAnchors(project, retargetAnchorLinks(project, tag.content));
          continue;
        }
        const text = tag.content.map((p) => p.text).join('');
        const m = /^\s*`?([a-z]+:[a-z0-9-]+)`?([\s\S]*)$/.exec(text);
        const a = m ? anchors.get(m[1]) : undefined;
        if (!m || !a) {
          if (anchors.size > 0) app.logger.warn(`${refl.getFriendlyFullName()}: @lemma ${text.trim()} names no anchor of spec/*.md`);
          continue;
        }
        tag.content = [...anchorLink(project, m[1], a.heading.slice(m[1].length)), { kind: 'text', text: m[2] }];
      }
    }
  });

  app.renderer.on(RendererEvent.END, (event) => {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('katex/dist/katex.min.css'));
    const assets = join(event.outputDirectory, 'assets');
    if (!existsSync(assets)) return;
    cpSync(join(dist, 'katex.min.css'), join(assets, 'katex.min.css'));
    cpSync(join(dist, 'fonts'), join(assets, 'fonts'), { recursive: true });
  });
}
