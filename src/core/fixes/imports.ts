/**
 * Import merging: make names of a module (`DefaultAzureCredential` from "@azure/identity") available
 * in a file, reusing what it already imports.
 *
 * - A name already imported (possibly under an alias) is used as is; a namespace import
 *   (`import * as identity from "@azure/identity"`, `const identity = require(...)`) is used as
 *   `identity.X` with no new import.
 * - Otherwise the names are added to an existing `import { ... } from "@azure/identity"` (or
 *   `const { ... } = require("@azure/identity")` in CommonJS), or a new statement is added after the
 *   last import (or require) of the file, in the file's quote and semicolon style.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { TextEdit } from "../types.js";
import { bindingCounts, moduleBindings, unwrap, type Node } from "./ast.js";

export interface ImportResult {
  /** How each requested name is written in the file after the edits. */
  readonly refs: ReadonlyMap<string, string>;
  readonly edits: readonly TextEdit[];
  /** Names the edits import. */
  readonly added: readonly string[];
}

export interface FileStyle {
  readonly quote: '"' | "'";
  readonly semi: boolean;
  readonly commonjs: boolean;
}

const isRequireCall = (n: Node | null | undefined): n is TSESTree.CallExpression => {
  if (!n) return false;
  const u = unwrap(n);
  return u.type === "CallExpression" && u.callee.type === "Identifier" && u.callee.name === "require" && u.arguments[0]?.type === "Literal";
};

const isRequireDeclaration = (s: Node): s is TSESTree.VariableDeclaration =>
  s.type === "VariableDeclaration" &&
  s.declarations.some((d) => {
    if (isRequireCall(d.init)) return true;
    const init = d.init ? unwrap(d.init) : undefined;
    return init?.type === "MemberExpression" && isRequireCall(init.object);
  });

/** Quote style, semicolons and module system of a file, read from its imports. */
export function fileStyle(program: TSESTree.Program, text: string, path = ""): FileStyle {
  const imports = program.body.filter((s) => s.type === "ImportDeclaration");
  const requires = program.body.filter(isRequireDeclaration);
  const esm =
    imports.length > 0 ||
    program.body.some((s) => s.type === "ExportNamedDeclaration" || s.type === "ExportDefaultDeclaration" || s.type === "ExportAllDeclaration");
  const commonjs = /\.c[jt]s$/i.test(path) || (!esm && (requires.length > 0 || /\b(?:module\.exports|exports\.[A-Za-z_$])/.test(text)));
  const sample = imports[0] ?? requires[0];
  let quote: '"' | "'" = '"';
  if (sample) {
    const src = sample.type === "ImportDeclaration" ? sample.source : findRequireSource(sample);
    if (src && text[src.range[0]] === "'") quote = "'";
  } else {
    const firstString = /["']/.exec(text);
    if (firstString?.[0] === "'") quote = "'";
  }
  const last = (commonjs ? requires : imports).at(-1) ?? program.body[0];
  const semi = last ? text.slice(last.range[0], last.range[1]).trimEnd().endsWith(";") : true;
  return { quote, semi, commonjs };
}

function findRequireSource(decl: TSESTree.VariableDeclaration): TSESTree.Literal | undefined {
  for (const d of decl.declarations) {
    let init = d.init ? unwrap(d.init) : undefined;
    if (init?.type === "MemberExpression") init = unwrap(init.object);
    if (init && isRequireCall(init)) return init.arguments[0] as TSESTree.Literal;
  }
  return undefined;
}

/**
 * Edits that make `names` of `module` available. Returns undefined when a name is already bound to
 * something else in the file (a local class of the same name): the fix then needs a human.
 */
export function ensureImports(program: TSESTree.Program, text: string, module: string, names: readonly string[], style: FileStyle): ImportResult | undefined {
  const bindings = moduleBindings(program);
  const refs = new Map<string, string>();
  const namespace = [...bindings.values()].find((b) => b.module === module && b.kind === "namespace");
  const missing: string[] = [];
  for (const name of names) {
    const named = [...bindings.values()].find((b) => b.module === module && b.kind === "named" && b.imported === name);
    if (named) refs.set(name, named.local);
    else if (namespace) refs.set(name, `${namespace.local}.${name}`);
    else missing.push(name);
  }
  if (missing.length === 0) return { refs, edits: [], added: [] };
  const counts = bindingCounts(program);
  if (missing.some((n) => (counts.get(n) ?? 0) > 0)) return undefined;
  for (const n of missing) refs.set(n, n);
  const semi = style.semi ? ";" : "";
  const src = `${style.quote}${module}${style.quote}`;

  if (!style.commonjs) {
    for (const stmt of program.body) {
      if (stmt.type !== "ImportDeclaration" || stmt.importKind === "type" || stmt.source.value !== module) continue;
      const specs = stmt.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === "ImportSpecifier");
      const last = specs.at(-1);
      if (last) return { refs, edits: [{ range: [last.range[1], last.range[1]], text: `, ${missing.join(", ")}` }], added: missing };
      const def = stmt.specifiers.find((s) => s.type === "ImportDefaultSpecifier");
      if (def && stmt.specifiers.length === 1) {
        return { refs, edits: [{ range: [def.range[1], def.range[1]], text: `, { ${missing.join(", ")} }` }], added: missing };
      }
    }
    const line = `import { ${missing.join(", ")} } from ${src}${semi}`;
    const lastImport = program.body.filter((s) => s.type === "ImportDeclaration" || s.type === "TSImportEqualsDeclaration").at(-1);
    return { refs, edits: [insertStatement(program, text, lastImport, line)], added: missing };
  }

  for (const stmt of program.body) {
    if (stmt.type !== "VariableDeclaration") continue;
    for (const d of stmt.declarations) {
      if (d.id.type !== "ObjectPattern" || !isRequireCall(d.init)) continue;
      const arg = (unwrap(d.init!) as TSESTree.CallExpression).arguments[0] as TSESTree.Literal;
      if (arg.value !== module) continue;
      const last = d.id.properties.at(-1);
      if (last && last.type === "Property") return { refs, edits: [{ range: [last.range[1], last.range[1]], text: `, ${missing.join(", ")}` }], added: missing };
    }
  }
  const line = `const { ${missing.join(", ")} } = require(${src})${semi}`;
  const lastRequire = program.body.filter(isRequireDeclaration).at(-1);
  return { refs, edits: [insertStatement(program, text, lastRequire, line)], added: missing };
}

/** Insert a statement on its own line after `after`, or before the first statement (after directives). */
function insertStatement(program: TSESTree.Program, text: string, after: Node | undefined, line: string): TextEdit {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (after) return { range: [after.range[1], after.range[1]], text: `${eol}${line}` };
  const body = program.body;
  let i = 0;
  while (i < body.length && body[i]!.type === "ExpressionStatement" && (body[i] as TSESTree.ExpressionStatement).directive) i++;
  if (i > 0) {
    const prev = body[i - 1]!;
    return { range: [prev.range[1], prev.range[1]], text: `${eol}${line}` };
  }
  const first = body[0];
  if (first) return { range: [first.range[0], first.range[0]], text: `${line}${eol}${eol}` };
  return { range: [text.length, text.length], text: `${line}${eol}` };
}
