/**
 * Finds the exported declarations of TypeScript sources and the `@lemma`
 * anchors their doc comments cite, with the TypeScript parser (syntax only,
 * one file at a time: no program, no type checking).
 * @module
 */
import ts from 'typescript';
import { ANCHOR_PATTERN } from './spec.js';
import type { ExportEntry, ExportKind, Problem, SourceText } from './types.js';

/** The exports of the scanned files, and the malformed `@lemma` tags among them. */
export interface ExportScan {
  readonly exports: ExportEntry[];
  readonly problems: Problem[];
}

type Declared = ts.FunctionDeclaration | ts.VariableDeclaration | ts.ClassDeclaration | ts.ExportAssignment;

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x) || ts.isTypeAssertionExpression(x)) x = x.expression;
  return x;
}

function isFunctionValued(e: ts.Expression | undefined): boolean {
  if (e === undefined) return false;
  const x = unwrap(e);
  return ts.isArrowFunction(x) || ts.isFunctionExpression(x);
}

/** The doc comments of a declaration, leaving out file-level `@module` comments. */
function docsOf(node: Declared): ts.JSDoc[] {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter((d): d is ts.JSDoc => ts.isJSDoc(d))
    .filter((d) => !(d.tags ?? []).some((t) => t.tagName.text === 'module' || t.tagName.text === 'packageDocumentation'));
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** The first word of a `@lemma` tag's text, without backticks, if it has the shape of an anchor. */
export function lemmaAnchor(comment: string): string | null {
  const first = comment.trim().split(/\s+/)[0] ?? '';
  const bare = first.replace(/^`(.*)`$/, '$1');
  return ANCHOR_PATTERN.test(bare) ? bare : null;
}

interface Local {
  readonly node: Declared;
  readonly kind: ExportKind;
  /** Every declaration of the name (function overloads), for their doc comments. */
  readonly all: Declared[];
}

/**
 * Lists the exported functions, function-valued consts, other consts and
 * classes of one file, with their `@lemma` anchors. Re-exports from other
 * modules (`export … from`, `export *`) are not declarations of this file
 * and are skipped; `export { local }` counts as exporting `local`.
 */
export function scanExports(file: SourceText): ExportScan {
  const sf = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const locals = new Map<string, Local>();
  const exported: { name: string; local: Local }[] = [];
  const exportedLater: { name: string; localName: string }[] = [];

  const declare = (name: string, node: Declared, kind: ExportKind, isExp: boolean): void => {
    const prev = locals.get(name);
    if (prev !== undefined && ts.isFunctionDeclaration(node) && ts.isFunctionDeclaration(prev.node)) {
      prev.all.push(node);
      return;
    }
    const local: Local = { node, kind, all: [node] };
    locals.set(name, local);
    if (isExp) exported.push({ name, local });
  };

  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st)) {
      declare(st.name?.text ?? 'default', st, 'function', isExported(st));
    } else if (ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name)) continue;
        declare(decl.name.text, decl, isFunctionValued(decl.initializer) ? 'const-function' : 'const', isExported(st));
      }
    } else if (ts.isClassDeclaration(st)) {
      declare(st.name?.text ?? 'default', st, 'class', isExported(st));
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      const x = unwrap(st.expression);
      if (ts.isIdentifier(x)) exportedLater.push({ name: 'default', localName: x.text });
      else declare('default', st, isFunctionValued(st.expression) ? 'const-function' : 'const', true);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier === undefined && !st.isTypeOnly && st.exportClause !== undefined && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        if (el.isTypeOnly) continue;
        exportedLater.push({ name: el.name.text, localName: (el.propertyName ?? el.name).text });
      }
    }
  }
  for (const { name, localName } of exportedLater) {
    const local = locals.get(localName);
    if (local !== undefined && !exported.some((e) => e.local === local)) exported.push({ name, local });
  }

  const exports: ExportEntry[] = [];
  const problems: Problem[] = [];
  for (const { name, local } of exported) {
    const docs = local.all.flatMap(docsOf);
    const anchors: string[] = [];
    const line = lineOf(sf, local.node);
    for (const doc of docs) {
      for (const tag of doc.tags ?? []) {
        if (tag.tagName.text !== 'lemma') continue;
        const text = ts.getTextOfJSDocComment(tag.comment) ?? '';
        const anchor = lemmaAnchor(text);
        if (anchor === null) {
          problems.push({
            code: 'malformed-lemma',
            where: `${file.path}:${lineOf(sf, tag)}`,
            message: `${name}: "@lemma ${text.trim().split(/\s+/)[0] ?? ''}" does not start with an anchor (def:/thm:/prop:/lem:/emp: then kebab case)`,
          });
        } else if (!anchors.includes(anchor)) {
          anchors.push(anchor);
        }
      }
    }
    exports.push({ file: file.path, line, name, kind: local.kind, anchors, documented: docs.length > 0 });
  }
  return { exports, problems };
}
