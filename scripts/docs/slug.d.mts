/** The anchor typedoc 0.28 gives a Markdown heading (see slug.mjs). */
export declare function headingSlug(heading: string): string;
