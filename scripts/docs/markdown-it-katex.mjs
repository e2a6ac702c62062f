// @ts-check
/**
 * A markdown-it plugin that renders TeX with KaTeX at build time (no CDN,
 * no client-side script): `$…$` inline, `$$…$$` display (inline in a
 * paragraph, or as a block of its own lines).
 *
 * Delimiter rules follow pandoc's `tex_math_dollars`: an opening `$` is not
 * followed by white space, a closing `$` is not preceded by white space and
 * not followed by a digit, and `\$` is a literal dollar. Math is tokenised
 * before markdown's escapes and emphasis, so `_`, `*` and `\\` reach KaTeX
 * untouched.
 *
 * A TeX error is reported through `options.onError` (the docs build turns it
 * into a failing warning) and the source is shown in a `<code>` element.
 */
import katex from 'katex';

/**
 * @typedef {object} KatexPluginOptions
 * @property {(message: string) => void} [onError] Called with each TeX error.
 * @property {Record<string, string>} [macros] KaTeX macros shared by every formula.
 */

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/**
 * Renders one formula, or its source in a `<code class="katex-error">` on error.
 * @param {string} tex
 * @param {boolean} displayMode
 * @param {KatexPluginOptions} options
 */
export function renderMath(tex, displayMode, options = {}) {
  try {
    return katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      strict: 'ignore',
      output: 'htmlAndMathml',
      macros: { ...(options.macros ?? {}) },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.onError?.(`KaTeX: ${message} in ${displayMode ? '$$' : '$'}${tex}${displayMode ? '$$' : '$'}`);
    return `<code class="katex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</code>`;
  }
}

/**
 * Whether `$` at `pos` can open inline math.
 * @param {string} src
 * @param {number} pos
 */
function canOpen(src, pos) {
  const next = src.charCodeAt(pos + 1);
  return !(next === 0x20 || next === 0x09 || next === 0x0a || Number.isNaN(next));
}

/**
 * Whether `$` at `pos` can close inline math.
 * @param {string} src
 * @param {number} pos
 */
function canClose(src, pos) {
  const prev = src.charCodeAt(pos - 1);
  const next = src.charCodeAt(pos + 1);
  if (prev === 0x20 || prev === 0x09 || prev === 0x0a) return false;
  return !(next >= 0x30 && next <= 0x39);
}

/**
 * Finds the closing delimiter of inline math opened before `start`.
 * @param {string} src
 * @param {number} start first character of the formula
 * @param {boolean} display whether the delimiter is `$$`
 * @returns {number} index of the closing delimiter, or -1
 */
function findClose(src, start, display) {
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '$') continue;
    if (display) {
      if (src[i + 1] === '$' && i > start) return i;
    } else {
      // A `$` that cannot close ends the attempt: inline math holds no bare `$`.
      return i > start && canClose(src, i) ? i : -1;
    }
  }
  return -1;
}

/**
 * @param {import('markdown-it').default} md
 * @param {KatexPluginOptions} [options]
 */
export default function markdownItKatex(md, options = {}) {
  /** @type {import('markdown-it/lib/parser_inline.mjs').RuleInline} */
  const inline = (state, silent) => {
    const { src, pos } = state;
    if (src[pos] !== '$') return false;
    if (pos > 0 && src[pos - 1] === '\\') return false;
    const display = src[pos + 1] === '$';
    const start = pos + (display ? 2 : 1);
    if (!display && !canOpen(src, pos)) return false;
    const close = findClose(src, start, display);
    if (close < 0) return false;
    if (!silent) {
      const token = state.push(display ? 'math_inline_display' : 'math_inline', 'math', 0);
      token.content = src.slice(start, close);
      token.markup = display ? '$$' : '$';
    }
    state.pos = close + (display ? 2 : 1);
    return true;
  };

  /** @type {import('markdown-it/lib/parser_block.mjs').RuleBlock} */
  const block = (state, startLine, endLine, silent) => {
    let pos = state.bMarks[startLine] + state.tShift[startLine];
    let max = state.eMarks[startLine];
    if (state.sCount[startLine] - state.blkIndent >= 4) return false;
    if (state.src.slice(pos, pos + 2) !== '$$') return false;
    let first = state.src.slice(pos + 2, max);
    let last = '';
    let line = startLine;
    let found = false;
    if (first.trim().endsWith('$$')) {
      first = first.trim().slice(0, -2);
      found = true;
    }
    if (silent) return true;
    while (!found) {
      line++;
      if (line >= endLine) break;
      pos = state.bMarks[line] + state.tShift[line];
      max = state.eMarks[line];
      if (pos < max && state.sCount[line] < state.blkIndent) break;
      const text = state.src.slice(pos, max).trimEnd();
      if (text.endsWith('$$')) {
        last = text.slice(0, -2);
        found = true;
      }
    }
    if (!found) return false;
    state.line = line + 1;
    const token = state.push('math_block', 'math', 0);
    token.block = true;
    token.content = (first.trim() ? first + '\n' : '') + state.getLines(startLine + 1, line, state.tShift[startLine], true) + (last.trim() ? last : '');
    token.map = [startLine, state.line];
    token.markup = '$$';
    return true;
  };

  md.inline.ruler.before('escape', 'math_inline', inline);
  md.block.ruler.after('blockquote', 'math_block', block, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules['math_inline'] = (tokens, idx) => renderMath(tokens[idx].content, false, options);
  md.renderer.rules['math_inline_display'] = (tokens, idx) => renderMath(tokens[idx].content, true, options);
  md.renderer.rules['math_block'] = (tokens, idx) => `<div class="math-display">${renderMath(tokens[idx].content, true, options)}</div>\n`;
}
