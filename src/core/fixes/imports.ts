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
import { withOwnLine } from "./edits.js";

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

/** Edits removing the items at `drop` (indices) of a comma-separated list, with their commas. */
function removeListItems(items: readonly Node[], drop: ReadonlySet<number>): TextEdit[] {
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < items.length) {
    if (!drop.has(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && drop.has(j + 1)) j++;
    if (j + 1 < items.length) edits.push({ range: [items[i]!.range[0], items[j + 1]!.range[0]], text: "" });
    else if (i > 0) edits.push({ range: [items[i - 1]!.range[1], items[j]!.range[1]], text: "" });
    else edits.push({ range: [items[i]!.range[0], items[j]!.range[1]], text: "" });
    i = j + 1;
  }
  return edits;
}

/** Remove a whole statement, with its line when it stands alone on it. */
function removeStatement(text: string, stmt: Node): TextEdit {
  return { range: withOwnLine(text, stmt.range[0], stmt.range[1]), text: "" };
}

/** Local names bound by an import declaration or a `require` destructuring, with their list items. */
interface ImportList {
  readonly stmt: Node;
  readonly module: string;
  /** Items of the `{ ... }` list (ImportSpecifier / Property), in order. */
  readonly items: readonly Node[];
  readonly locals: readonly string[];
  /** Bindings outside the braces (default or namespace import). */
  readonly others: number;
  readonly commonjs: boolean;
}

function importLists(program: TSESTree.Program): ImportList[] {
  const out: ImportList[] = [];
  for (const stmt of program.body) {
    if (stmt.type === "ImportDeclaration" && stmt.importKind !== "type") {
      const items = stmt.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === "ImportSpecifier");
      out.push({ stmt, module: String(stmt.source.value), items, locals: items.map((s) => s.local.name), others: stmt.specifiers.length - items.length, commonjs: false });
    } else if (stmt.type === "VariableDeclaration" && stmt.declarations.length === 1) {
      const d = stmt.declarations[0]!;
      if (d.id.type !== "ObjectPattern" || !isRequireCall(d.init)) continue;
      const arg = (unwrap(d.init!) as TSESTree.CallExpression).arguments[0] as TSESTree.Literal;
      const items = d.id.properties.filter((p): p is TSESTree.Property => p.type === "Property" && p.value.type === "Identifier");
      if (items.length !== d.id.properties.length) continue;
      out.push({ stmt, module: String(arg.value), items, locals: items.map((p) => (p.value as TSESTree.Identifier).name), others: 0, commonjs: true });
    }
  }
  return out;
}

/**
 * Edits that make `names` of `module` available, and drop the imports of `drop` (local names the
 * fix made unused, e.g. `AzureKeyCredential`). Returns undefined when a needed name is already bound
 * to something else in the file (a local class of the same name): the fix then needs a human.
 */
export function ensureImports(
  program: TSESTree.Program,
  text: string,
  module: string,
  names: readonly string[],
  style: FileStyle,
  drop: ReadonlySet<string> = new Set(),
): ImportResult | undefined {
  const resolved = resolveNames(program, module, names, drop);
  if (!resolved) return undefined;
  const { refs, missing } = resolved;
  const edits: TextEdit[] = [];
  /** Statements removed whole, with the index of their edit (a new import may take their place). */
  const removed = new Map<Node, number>();
  const added = editImportLists(program, text, module, missing, style, drop, edits, removed);
  if (missing.length === 0 || added) return { refs, edits, added: missing };
  return { refs, edits: addImportStatement(program, text, module, missing, style, edits, removed), added: missing };
}

/**
 * How each name is written (an existing named or namespace import of the module, else the name), and
 * the names to import; undefined when a name to import is already bound to something else.
 */
function resolveNames(program: TSESTree.Program, module: string, names: readonly string[], drop: ReadonlySet<string>): { refs: Map<string, string>; missing: string[] } | undefined {
  const bindings = moduleBindings(program);
  const refs = new Map<string, string>();
  const namespace = [...bindings.values()].find((b) => b.module === module && b.kind === "namespace");
  const missing: string[] = [];
  for (const name of names) {
    const named = [...bindings.values()].find((b) => b.module === module && b.kind === "named" && b.imported === name && !drop.has(b.local));
    if (named) refs.set(name, named.local);
    else if (namespace) refs.set(name, `${namespace.local}.${name}`);
    else missing.push(name);
  }
  const counts = bindingCounts(program);
  if (missing.some((n) => (counts.get(n) ?? 0) > 0 && !drop.has(n))) return undefined;
  for (const n of missing) refs.set(n, n);
  return { refs, missing };
}

/**
 * Edits to the existing import lists: the dropped names go, the missing names join an existing
 * `{ ... }` import (or require) of the module. True when they joined one.
 */
function editImportLists(
  program: TSESTree.Program,
  text: string,
  module: string,
  missing: readonly string[],
  style: FileStyle,
  drop: ReadonlySet<string>,
  edits: TextEdit[],
  removed: Map<Node, number>,
): boolean {
  const lists = importLists(program);
  // The list the missing names join: an existing `{ ... }` import (or require) of the module.
  const target = missing.length === 0 ? undefined : lists.find((l) => l.module === module && l.commonjs === style.commonjs && l.items.length > 0);
  let added = false;
  for (const l of lists) {
    const dropIdx = new Set(l.locals.map((n, i) => (drop.has(n) ? i : -1)).filter((i) => i >= 0));
    if (l === target) {
      const keep = l.items.filter((_, i) => !dropIdx.has(i));
      if (keep.length > 0) {
        edits.push(...removeListItems(l.items, dropIdx));
        const last = keep[keep.length - 1]!;
        edits.push({ range: [last.range[1], last.range[1]], text: `, ${missing.join(", ")}` });
      } else {
        // Every old name goes: the first item becomes the new names.
        const first = l.items[0]!;
        const lastItem = l.items[l.items.length - 1]!;
        edits.push({ range: [first.range[0], lastItem.range[1]], text: missing.join(", ") });
      }
      added = true;
      continue;
    }
    if (dropIdx.size === 0) continue;
    if (dropIdx.size === l.items.length && l.others === 0) {
      removed.set(l.stmt, edits.length);
      edits.push(removeStatement(text, l.stmt));
    }
    else if (dropIdx.size === l.items.length) {
      // `import D, { X } from "m"` -> `import D from "m"`
      const first = l.items[0]!;
      const open = text.lastIndexOf("{", first.range[0]);
      const close = text.indexOf("}", l.items[l.items.length - 1]!.range[1]);
      const comma = text.lastIndexOf(",", open);
      edits.push({ range: [comma >= 0 && comma > l.stmt.range[0] ? comma : open, close + 1], text: "" });
    } else edits.push(...removeListItems(l.items, dropIdx));
  }
  return added;
}

/** The missing names as `{ ... }` next to a default import of the module, or a new import (or require) statement. */
function addImportStatement(program: TSESTree.Program, text: string, module: string, missing: readonly string[], style: FileStyle, edits: TextEdit[], removed: ReadonlyMap<Node, number>): TextEdit[] {
  const semi = style.semi ? ";" : "";
  const src = `${style.quote}${module}${style.quote}`;
  if (!style.commonjs) {
    for (const stmt of program.body) {
      if (stmt.type !== "ImportDeclaration" || stmt.importKind === "type" || stmt.source.value !== module) continue;
      const def = stmt.specifiers.find((s) => s.type === "ImportDefaultSpecifier");
      if (def && stmt.specifiers.length === 1) {
        edits.push({ range: [def.range[1], def.range[1]], text: `, { ${missing.join(", ")} }` });
        return edits;
      }
    }
    const line = `import { ${missing.join(", ")} } from ${src}${semi}`;
    const lastImport = program.body.filter((s) => s.type === "ImportDeclaration" || s.type === "TSImportEqualsDeclaration").at(-1);
    return placeStatement(program, text, lastImport, line, edits, removed);
  }
  const line = `const { ${missing.join(", ")} } = require(${src})${semi}`;
  const lastRequire = program.body.filter(isRequireDeclaration).at(-1);
  return placeStatement(program, text, lastRequire, line, edits, removed);
}

/** Add the new statement after `after`, or in place of it when the edits remove it whole. */
function placeStatement(program: TSESTree.Program, text: string, after: Node | undefined, line: string, edits: TextEdit[], removed: ReadonlyMap<Node, number>): TextEdit[] {
  const i = after ? removed.get(after) : undefined;
  if (i === undefined) return [...edits, insertStatement(program, text, after, line)];
  const old = edits[i]!;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const wholeLine = text.slice(old.range[0], old.range[1]).endsWith("\n");
  return edits.map((e, k) => (k === i ? { range: e.range, text: wholeLine ? `${line}${eol}` : line } : e));
}

/** Insert a statement on its own line after `after`, or before the first statement (after directives). */
function insertStatement(program: TSESTree.Program, text: string, after: Node | undefined, line: string): TextEdit {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (after) {
    // After a trailing comment on the same line, if any: the comment stays with its statement.
    const nl = text.indexOf("\n", after.range[1]);
    const rest = text.slice(after.range[1], nl < 0 ? text.length : nl).replace(/\r$/, "");
    if (/^[ \t]*(?:\/\/.*|\/\*.*\*\/[ \t]*)$/.test(rest)) {
      const at = after.range[1] + rest.length;
      return { range: [at, at], text: `${eol}${line}` };
    }
    return { range: [after.range[1], after.range[1]], text: `${eol}${line}` };
  }
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
