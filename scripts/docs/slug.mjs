// @ts-check
/**
 * The anchor typedoc 0.28 gives a Markdown heading, so that links to spec
 * headings can be written (and are then validated by typedoc).
 * Mirrors typedoc's `Slugger` (lower case) applied to the heading's inline
 * text, where math and code spans do not count (typedoc reads only text
 * tokens).
 */
import MarkdownIt from 'markdown-it';
import markdownItKatex from './markdown-it-katex.mjs';

const parser = new MarkdownIt({ html: true, linkify: true }).use(markdownItKatex);

/**
 * @param {any} token
 * @returns {string}
 */
function textOf(token) {
  if (token.children) return token.children.map(textOf).join('');
  return token.type === 'text' ? token.content : '';
}

/**
 * The anchor typedoc gives a heading.
 * @param {string} heading the heading's markdown, without the leading `#`s
 * @returns {string}
 */
export function headingSlug(heading) {
  const content = parser.parseInline(heading, {}).map(textOf).join('');
  const slug = content
    .trim()
    .replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, '')
    .replace(/\s/g, '-')
    .replace(/--+/, '-');
  return (slug || '_').toLocaleLowerCase();
}
