/**
 * Follow a value through a TypeScript program to the literal that holds it: through imports and
 * re-exports (ESM and CommonJS `require`/`module.exports`), `const`s, object-literal properties
 * (`config.storage.connectionString`), class fields (`Settings.storage`, `new Settings().key`),
 * destructuring, and `process.env.X ?? "<literal>"` / `||` fallbacks.
 *
 * Symbols come from the type checker (which resolves every kind of alias); values are read from the
 * declarations' initialisers. Anything computed at run time (a call, a parameter, a conditional) ends
 * the trace with a sentence saying so.
 */
import { typescript, type TS } from "./load.js";

export type DefinitionKind = "variable" | "property" | "class-field" | "module-exports" | "export-default";

/** A declaration the value passes through, from the use toward the literal. */
export interface Definition {
  readonly kind: DefinitionKind;
  /**
   * VariableDeclaration, PropertyAssignment, ShorthandPropertyAssignment, PropertyDeclaration,
   * BinaryExpression (`module.exports = ...`, `exports.x = ...`) or ExportAssignment.
   */
  readonly node: TS.Node;
  readonly name: string;
}

export interface EnvFallback {
  /** The whole `left ?? "literal"` / `left || "literal"` expression. */
  readonly expression: TS.BinaryExpression;
  readonly left: TS.Expression;
  /** `X` of `process.env.X` / `process.env["X"]`, when the left side reads the environment. */
  readonly env?: string;
}

export interface Traced {
  /** The expression holding the text: a string literal, or a static template / `+` chain. */
  readonly literal: TS.Expression;
  readonly value: string;
  /** Declarations that forward the value, from the use toward the literal. */
  readonly definitions: readonly Definition[];
  readonly fallback?: EnvFallback;
}

export type TraceResult = { readonly traced: Traced } | { readonly unknown: string };

const MAX_DEPTH = 24;

/** Strip what does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function skipOuter(e: TS.Expression): TS.Expression {
  const ts = typescript();
  let n = e;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
    else return n;
  }
}

/** The outermost expression around `e` that has the same value (the inverse of skipOuter). */
export function outermost(e: TS.Node): TS.Node {
  const ts = typescript();
  let n = e;
  for (;;) {
    const p = n.parent;
    if (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p) || ts.isTypeAssertionExpression(p))) n = p;
    else return n;
  }
}

const snippet = (n: TS.Node): string => {
  const t = n.getText().replace(/\s+/g, " ");
  return t.length > 50 ? `${t.slice(0, 47)}...` : t;
};

/** Static key of a property access: `a.b`, `a["b"]`. */
export function accessKey(n: TS.Node): string | undefined {
  const ts = typescript();
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n) && (ts.isStringLiteral(n.argumentExpression) || ts.isNoSubstitutionTemplateLiteral(n.argumentExpression))) return n.argumentExpression.text;
  return undefined;
}

/** `X` of `process.env.X` / `process.env["X"]`. */
export function envName(e: TS.Expression): string | undefined {
  const ts = typescript();
  const n = skipOuter(e);
  const key = accessKey(n);
  if (key === undefined) return undefined;
  const obj = skipOuter((n as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
  if (accessKey(obj) !== "env") return undefined;
  const proc = skipOuter((obj as TS.PropertyAccessExpression).expression);
  return ts.isIdentifier(proc) && proc.text === "process" ? key : undefined;
}

/** A property of an object literal by static key (the last one wins, as at run time; a later spread hides it). */
function findProperty(obj: TS.ObjectLiteralExpression, key: string): TS.ObjectLiteralElementLike | "spread" | undefined {
  const ts = typescript();
  let found: TS.ObjectLiteralElementLike | "spread" | undefined;
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      if (found) found = "spread";
      continue;
    }
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNoSubstitutionTemplateLiteral(p.name)) ? p.name.text : undefined;
    if (name === key) found = p;
  }
  return found;
}

type Value = { readonly expr: TS.Expression; readonly defs: readonly Definition[] } | { readonly unknown: string };

export class Tracer {
  private readonly ts = typescript();
  constructor(private readonly checker: TS.TypeChecker) {}

  /** Follow `expr` to the literal that holds its value. */
  trace(expr: TS.Expression): TraceResult {
    return this.literal(expr, [], 0);
  }

  private literal(expr: TS.Expression, defs: readonly Definition[], depth: number): TraceResult {
    const ts = this.ts;
    const v = this.value(expr, defs, depth);
    if ("unknown" in v) return v;
    const e = v.expr;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { traced: { literal: e, value: e.text, definitions: v.defs } };
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const right = this.literal(e.right, v.defs, depth + 1);
      if ("unknown" in right) return { unknown: `the fallback of \`${snippet(e)}\` is not a literal (${right.unknown})` };
      if (right.traced.fallback) return { unknown: `\`${snippet(e)}\` chains several fallbacks` };
      const env = envName(e.left);
      return { traced: { ...right.traced, fallback: { expression: e, left: e.left, ...(env !== undefined ? { env } : {}) } } };
    }
    if (ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
      const text = this.concat(e, depth);
      if (text === undefined) return { unknown: `\`${snippet(e)}\` is built at run time` };
      return { traced: { literal: e, value: text, definitions: v.defs } };
    }
    return { unknown: this.why(e) };
  }

  /** Static text of a template or `+` chain whose parts all trace to literals. */
  private concat(e: TS.Expression, depth: number): string | undefined {
    const ts = this.ts;
    const part = (x: TS.Expression): string | undefined => {
      const r = this.literal(x, [], depth + 1);
      return "traced" in r && !r.traced.fallback ? r.traced.value : undefined;
    };
    if (ts.isTemplateExpression(e)) {
      let s = e.head.text;
      for (const span of e.templateSpans) {
        const v = part(span.expression);
        if (v === undefined) return undefined;
        s += v + span.literal.text;
      }
      return s;
    }
    if (ts.isBinaryExpression(e)) {
      const l = part(e.left);
      const r = l === undefined ? undefined : part(e.right);
      return l === undefined || r === undefined ? undefined : l + r;
    }
    return undefined;
  }

  private why(e: TS.Expression): string {
    const ts = this.ts;
    if (ts.isCallExpression(e) || ts.isNewExpression(e) || ts.isAwaitExpression(e)) return `\`${snippet(e)}\` is computed at run time`;
    if (ts.isConditionalExpression(e)) return `\`${snippet(e)}\` is chosen at run time`;
    if (envName(e) !== undefined) return `\`${snippet(e)}\` is read from the environment`;
    return `\`${snippet(e)}\` is not a literal the fix can follow`;
  }

  /** Follow identifiers and property reads to the expression that defines the value. */
  private value(expr: TS.Expression, defs: readonly Definition[], depth: number): Value {
    const ts = this.ts;
    if (depth > MAX_DEPTH) return { unknown: "the value flows through too many steps" };
    const e = skipOuter(expr);
    if (ts.isIdentifier(e)) {
      if (e.text === "undefined") return { unknown: "the value is undefined" };
      const sym = this.checker.getSymbolAtLocation(e);
      if (!sym) return { unknown: `\`${e.text}\` cannot be resolved` };
      return this.fromSymbol(this.resolveAlias(sym), e, defs, depth);
    }
    const key = accessKey(e);
    if (key !== undefined && envName(e) === undefined) {
      const access = e as TS.PropertyAccessExpression | TS.ElementAccessExpression;
      // Structurally first: the object is an object literal we can see (works whatever its declared type).
      const base = this.value(access.expression, [], depth + 1);
      if (!("unknown" in base) && ts.isObjectLiteralExpression(base.expr)) {
        const p = findProperty(base.expr, key);
        if (p === "spread") return { unknown: `\`${key}\` may be replaced by a spread in the object that holds it` };
        if (p) return this.fromDeclaration(p, e, defs, depth);
      }
      const nameNode = ts.isPropertyAccessExpression(access) ? access.name : access.argumentExpression;
      const sym = this.checker.getSymbolAtLocation(nameNode);
      if (!sym) return { unknown: `\`${snippet(e)}\` cannot be resolved` };
      return this.fromSymbol(this.resolveAlias(sym), e, defs, depth);
    }
    return { expr: e, defs };
  }

  private resolveAlias(sym: TS.Symbol): TS.Symbol {
    return sym.flags & this.ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(sym) : sym;
  }

  private fromSymbol(sym: TS.Symbol, at: TS.Expression, defs: readonly Definition[], depth: number): Value {
    const decls = sym.declarations ?? [];
    const decl = sym.valueDeclaration ?? decls[0];
    if (!decl) return { unknown: `\`${snippet(at)}\` has no declaration the fix can read` };
    if (decls.length > 1 && !decls.every((d) => d === decl || this.ts.isModuleDeclaration(d) || this.ts.isInterfaceDeclaration(d))) {
      return { unknown: `\`${snippet(at)}\` is declared more than once` };
    }
    return this.fromDeclaration(decl, at, defs, depth);
  }

  private fromDeclaration(decl: TS.Node, at: TS.Expression, defs: readonly Definition[], depth: number): Value {
    const ts = this.ts;
    const next = (init: TS.Expression, def: Definition): Value => this.value(init, [...defs, def], depth + 1);
    if (decl.getSourceFile().isDeclarationFile) return { unknown: `\`${snippet(at)}\` comes from a type declaration, not from code` };
    if (ts.isVariableDeclaration(decl)) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) return { unknown: `\`${snippet(at)}\` has no initial value` };
      return next(decl.initializer, { kind: "variable", node: decl, name: decl.name.text });
    }
    if (ts.isPropertyAssignment(decl)) return next(decl.initializer, { kind: "property", node: decl, name: decl.name.getText() });
    if (ts.isShorthandPropertyAssignment(decl)) {
      const v = this.checker.getShorthandAssignmentValueSymbol(decl);
      if (!v) return { unknown: `\`${decl.name.text}\` cannot be resolved` };
      return this.fromSymbol(this.resolveAlias(v), decl.name, [...defs, { kind: "property", node: decl, name: decl.name.text }], depth + 1);
    }
    if (ts.isPropertyDeclaration(decl)) {
      if (!decl.initializer) return { unknown: `\`${snippet(at)}\` is set in a constructor or elsewhere, not where it is declared` };
      return next(decl.initializer, { kind: "class-field", node: decl, name: decl.name.getText() });
    }
    if (ts.isBindingElement(decl)) {
      // const { connectionString } = config.storage
      const pattern = decl.parent;
      const vd = pattern.parent;
      if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(vd) || !vd.initializer || decl.dotDotDotToken) return { unknown: `\`${snippet(at)}\` is destructured in a way the fix cannot follow` };
      const key = decl.propertyName ? (ts.isIdentifier(decl.propertyName) || ts.isStringLiteral(decl.propertyName) ? decl.propertyName.text : undefined) : ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      if (key === undefined) return { unknown: `\`${snippet(at)}\` is destructured with a computed key` };
      const base = this.value(vd.initializer, [], depth + 1);
      if ("unknown" in base || !ts.isObjectLiteralExpression(base.expr)) return { unknown: `\`${snippet(at)}\` is destructured from a value the fix cannot follow` };
      const p = findProperty(base.expr, key);
      if (!p || p === "spread") return { unknown: `\`${key}\` is not a plain property of the object it is destructured from` };
      return this.fromDeclaration(p, at, defs, depth + 1);
    }
    if (ts.isBinaryExpression(decl) && decl.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // module.exports = {...}; exports.x = ...; module.exports.x = ...
      const key = accessKey(decl.left);
      return next(decl.right, { kind: key === "exports" ? "module-exports" : "property", node: decl, name: decl.left.getText() });
    }
    if ((ts.isPropertyAccessExpression(decl) || ts.isElementAccessExpression(decl)) && ts.isBinaryExpression(decl.parent) && decl.parent.left === decl) {
      return this.fromDeclaration(decl.parent, at, defs, depth);
    }
    if (ts.isExportAssignment(decl)) return next(decl.expression, { kind: "export-default", node: decl, name: "default" });
    if (ts.isParameter(decl)) return { unknown: `\`${snippet(at)}\` is a parameter: its value comes from the caller` };
    if (ts.isPropertySignature(decl)) return { unknown: `\`${snippet(at)}\` is declared by a type: its value is set elsewhere` };
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isGetAccessorDeclaration(decl)) return { unknown: `\`${snippet(at)}\` is computed at run time` };
    return { unknown: `\`${snippet(at)}\` is not a value the fix can follow` };
  }
}
