import type MarkdownIt from 'markdown-it';
import type { Application } from 'typedoc';

/** typedoc's `markdownItLoader`: KaTeX, errors reported as typedoc warnings. */
export declare function loadMarkdownIt(md: MarkdownIt): void;
/** Doubles each backslash before `{`, `}` or `@` outside code (see typedoc-plugin.mjs). */
export declare function protectBackslashes(text: string): string;
/** The anchors a spec page declares: id → heading slug and heading. */
export declare function specAnchors(text: string): Map<string, { slug: string; heading: string }>;
/** The typedoc plugin. */
export declare function load(app: Application): void;
