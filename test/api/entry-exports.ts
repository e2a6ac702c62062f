/**
 * What an entry point re-exports, read from its source with the TypeScript
 * parser (syntax only): the type-only names, and for each value name the
 * module and local name it comes from. The curated entries re-export by
 * name (`export { a, type B } from './x.js'`); `export *` would hide a new
 * name from the surface test, so it is reported.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** One re-exported name. */
export interface Reexport {
  readonly name: string;
  /** Name in the defining module (differs for `a as b`). */
  readonly local: string;
  /** Absolute path of the .ts module it is re-exported from. */
  readonly from: string;
  readonly typeOnly: boolean;
}

/** The re-exports of an entry file, and whether it has an `export *`. */
export function reexportsOf(file: string): { reexports: Reexport[]; exportStar: boolean } {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const reexports: Reexport[] = [];
  let exportStar = false;
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || st.moduleSpecifier === undefined || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const from = resolve(dirname(file), st.moduleSpecifier.text.replace(/\.js$/, '.ts'));
    if (st.exportClause === undefined || !ts.isNamedExports(st.exportClause)) {
      exportStar = true;
      continue;
    }
    for (const el of st.exportClause.elements) {
      reexports.push({ name: el.name.text, local: (el.propertyName ?? el.name).text, from, typeOnly: st.isTypeOnly || el.isTypeOnly });
    }
  }
  return { reexports, exportStar };
}

/** The `@example` blocks of an exported function or class of a module, code fences removed. */
export function examplesOf(file: string, local: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const decls = sf.statements.filter((st): st is ts.FunctionDeclaration | ts.ClassDeclaration => (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === local);
  return decls.flatMap((d) =>
    ts
      .getJSDocTags(d)
      .filter((t) => t.tagName.text === 'example')
      .map((t) => ts.getTextOfJSDocComment(t.comment) ?? '')
      .map((text) => {
        const fenced = /```(?:ts|typescript)?\n([\s\S]*?)```/.exec(text);
        return fenced === null ? text : fenced[1];
      }),
  );
}
