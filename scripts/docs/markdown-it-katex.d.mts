import type MarkdownIt from 'markdown-it';

/** Options of the KaTeX plugin (see markdown-it-katex.mjs). */
export interface KatexPluginOptions {
  /** Called with each TeX error. */
  onError?: (message: string) => void;
  /** KaTeX macros shared by every formula. */
  macros?: Record<string, string>;
}
/** Renders one formula, or its source in a `<code class="katex-error">` on error. */
export declare function renderMath(tex: string, displayMode: boolean, options?: KatexPluginOptions): string;
/** The markdown-it plugin. */
export default function markdownItKatex(md: MarkdownIt, options?: KatexPluginOptions): void;
