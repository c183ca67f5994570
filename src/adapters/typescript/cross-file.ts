/**
 * Cross-file fixes: an SDK client built in one module from a secret defined in another
 * (`BlobServiceClient.fromConnectionString(config.storage.connectionString)` with the literal in
 * config.ts, a re-export, a class field, a CommonJS `module.exports`).
 *
 * 1. `clientSites`: the credential-bearing constructions of a client file (ESTree, the sink table),
 *    whose secret argument the TypeScript program traces (trace.ts) to a literal the caller calls a
 *    secret (a finding of the engine).
 * 2. `rewriteClient`: the existing recipe for the construction (planSinkFix of the ESTree adapter,
 *    given the traced value), then the imports the rewrite left unused are dropped.
 * 3. `planRemoval`: where the secret is defined, the definitions that nothing else reads any more
 *    are removed (the property, the whole entry once its object is empty, the const); what is still
 *    read stays, with the places that read it.
 *
 * Edits are ESTree text edits (core/fixes/edits.ts); this module only decides what to remove.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { FixPlan, TextEdit } from "../../core/types.js";
import { allNodes, moduleBindings, parentMap, resolveCallee, type Call, type Node, type ScopeManagerLike } from "../../core/fixes/ast.js";
import { removeDeclarator, removeProperty, withOwnLine, applyEdits, normalizeEdits } from "../../core/fixes/edits.js";
import { ensureImports, fileStyle } from "../../core/fixes/imports.js";
import { IDENTITY_MODULE, type CredentialChoice } from "../../core/fixes/credential.js";
import { sinksFor } from "../../core/fixes/recipes/index.js";
import { sinkFitsValue, type Sink } from "../../core/fixes/sink.js";
import { planSinkFix, type PlanFixResult } from "../estree.js";
import { typescript, type TS } from "./load.js";
import type { Read, ReadIndex } from "./reads.js";
import { Tracer, type Traced } from "./trace.js";

export interface ParsedFile {
  /** Absolute path (as the program knows it). */
  readonly file: string;
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager?: ScopeManagerLike;
}

export interface ClientSite {
  readonly call: Call;
  readonly sink: Sink;
  /** The ESTree node of the secret-bearing argument (or property value). */
  readonly valueNode: Node;
  readonly traced: Traced;
  /** Why the construction is not rewritten although its secret was traced (the value is reassigned). */
  readonly refused?: string;
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The TS expression spanning exactly [start, end) in a source file. */
export function tsNodeAt(sf: TS.SourceFile, start: number, end: number): TS.Expression | undefined {
  const ts = typescript();
  let found: TS.Expression | undefined;
  const visit = (n: TS.Node): void => {
    if (found || n.pos > start || n.end < end) return;
    if (n.getStart(sf) === start && n.end === end && ts.isExpression(n)) {
      // The outermost expression of that span (a parenthesised or asserted one has the same value).
      found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** The secret-bearing node of a construction for a sink, when the construction fills that slot. */
function slotNode(call: Call, sink: Sink): Node | undefined {
  const slot = sink.secret;
  const arg = call.arguments[slot.arg];
  if (!arg || arg.type === "SpreadElement") return undefined;
  if (slot.kind === "connection-string" || slot.kind === "key") return arg.type === "ObjectExpression" ? undefined : arg;
  if (slot.kind === "property") {
    let cur: Node = arg;
    for (const key of slot.path) {
      if (cur.type !== "ObjectExpression") return undefined;
      const p = cur.properties.find((x): x is TSESTree.Property => x.type === "Property" && !x.computed && ((x.key.type === "Identifier" && x.key.name === key) || (x.key.type === "Literal" && x.key.value === key)));
      if (!p) return undefined;
      cur = p.value as Node;
    }
    return cur;
  }
  return undefined;
}

/**
 * Credential-bearing constructions of `client` whose secret the program traces to a literal for
 * which `isSecret(file, start, end)` holds. Constructions whose value cannot be traced are left out
 * (the single-file fixes and the rule prefer-managed-identity speak for them).
 */
export function clientSites(
  program: TS.Program,
  client: ParsedFile,
  isSecret: (file: string, start: number, end: number) => boolean,
  index?: ReadIndex | (() => ReadIndex),
  rel: (file: string) => string = (f) => f,
): ClientSite[] {
  // Built only once a construction traces to a secret (a whole-program walk).
  const reads = (): ReadIndex | undefined => (typeof index === "function" ? index() : index);
  const sf = program.getSourceFile(client.file);
  if (!sf) return [];
  const bindings = moduleBindings(client.ast);
  if (bindings.size === 0) return [];
  const tracer = new Tracer(program.getTypeChecker());
  const out: ClientSite[] = [];
  for (const n of allNodes(client.ast)) {
    if (n.type !== "CallExpression" && n.type !== "NewExpression") continue;
    const resolved = resolveCallee(n.callee, bindings);
    if (!resolved) continue;
    for (const sink of sinksFor(resolved.module, resolved.path, n.type === "NewExpression")) {
      const valueNode = slotNode(n, sink);
      if (!valueNode) continue;
      const expr = tsNodeAt(sf, valueNode.range[0], valueNode.range[1]);
      if (!expr) continue;
      const r = tracer.trace(expr);
      if ("unknown" in r || !sinkFitsValue(sink, r.traced.value)) continue;
      const lit = r.traced.literal;
      if (!isSecret(lit.getSourceFile().fileName, lit.getStart(), lit.end)) continue;
      const idx = reads();
      const writes = idx ? r.traced.definitions.flatMap((d) => idx.readsOf(d.node).filter((x) => x.write)) : [];
      const w = writes[0];
      const refused = w ? `\`${w.node.getText().slice(0, 60)}\` is assigned at ${rel(w.file)}:${w.line}, so the value at run time is not the literal` : undefined;
      out.push({ call: n, sink, valueNode, traced: r.traced, ...(refused ? { refused } : {}) });
      break;
    }
  }
  return out;
}

/** Local names of the file's import bindings that occur inside [start, end). */
function bindingsUsedIn(ast: TSESTree.Program, start: number, end: number): string[] {
  const names = new Set(moduleBindings(ast).keys());
  const out = new Set<string>();
  for (const n of allNodes(ast)) if (n.type === "Identifier" && names.has(n.name) && n.range[0] >= start && n.range[1] <= end) out.add(n.name);
  return [...out];
}

/** True when `name` occurs as a word outside import/require statements. */
function usedOutsideImports(ast: TSESTree.Program, text: string, name: string): boolean {
  const importStmts = ast.body.filter((s) => s.type === "ImportDeclaration" || (s.type === "VariableDeclaration" && /\brequire\s*\(/.test(text.slice(s.range[0], s.range[1]))));
  const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    if (!importStmts.some((s) => s.range[0] <= at && at < s.range[1])) return true;
  }
  return false;
}

/**
 * Edits dropping the import bindings `names` (now unused): named ones through ensureImports (lists
 * keep their other names), a default import or `const x = require(...)` with its statement.
 */
function dropImports(ast: TSESTree.Program, text: string, names: readonly string[], path: string): TextEdit[] {
  const drop = new Set(names);
  const style = fileStyle(ast, text, path);
  const edits: TextEdit[] = [...(ensureImports(ast, text, IDENTITY_MODULE, [], style, drop)?.edits ?? [])];
  for (const stmt of ast.body) {
    if (stmt.type === "ImportDeclaration" && stmt.specifiers.length === 1 && stmt.specifiers[0]!.type !== "ImportSpecifier" && drop.has(stmt.specifiers[0]!.local.name)) {
      edits.push({ range: withOwnLine(text, stmt.range[0], stmt.range[1]), text: "" });
    } else if (stmt.type === "VariableDeclaration" && stmt.declarations.length === 1) {
      const d = stmt.declarations[0]!;
      if (d.id.type === "Identifier" && drop.has(d.id.name) && d.init && /^require\s*\(/.test(text.slice(d.init.range[0], d.init.range[1]))) {
        edits.push(removeDeclarator(text, stmt, d));
      }
    }
  }
  return edits;
}

export interface ClientRewrite {
  /** The client file after the rewrite (imports the rewrite left unused dropped). */
  readonly text: string;
  /** Edits of the original text, for ESLint: one replacement of the changed span. */
  readonly edits: readonly TextEdit[];
  readonly description: string;
  /** Ranges of the original text the rewrite replaced (reads inside them are gone). */
  readonly replaced: ReadonlyArray<readonly [number, number]>;
}

/** One edit turning `before` into `after` (their common prefix and suffix kept). */
export function spanEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let pre = 0;
  while (pre < before.length && pre < after.length && before[pre] === after[pre]) pre++;
  let suf = 0;
  while (suf < before.length - pre && suf < after.length - pre && before[before.length - 1 - suf] === after[after.length - 1 - suf]) suf++;
  return [{ range: [pre, before.length - suf], text: after.slice(pre, after.length - suf) }];
}

/**
 * The recipe of the construction, with the traced value standing for the argument; `parse` reads
 * the rewritten text again to drop the imports it left unused.
 */
export function rewriteClient(
  client: ParsedFile,
  site: ClientSite,
  options: { readonly credential: CredentialChoice; readonly clientId?: string },
  parse: (text: string, file: string) => TSESTree.Program | undefined,
): ClientRewrite | { readonly manual: string } {
  const r: PlanFixResult = planSinkFix({
    ast: client.ast,
    text: client.text,
    node: site.call,
    credential: options.credential,
    path: client.file,
    ...(client.scopeManager ? { scopeManager: client.scopeManager } : {}),
    ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
    resolveValue: (n) => (n === site.valueNode ? site.traced.value : undefined),
  });
  if ("manual" in r) return r;
  const plan: FixPlan = r.plan;
  const replaced = plan.edits.filter((e) => e.range[1] > e.range[0]).map((e) => [e.range[0], e.range[1]] as const);
  const used = new Set(replaced.flatMap(([s, e]) => bindingsUsedIn(client.ast, s, e)));
  let text = applyEdits(client.text, plan.edits);
  if (used.size > 0) {
    const ast = parse(text, client.file);
    if (!ast) return { manual: "The rewrite would not parse, so it was not applied: fix it by hand." };
    const unused = [...used].filter((n) => moduleBindings(ast).has(n) && !usedOutsideImports(ast, text, n));
    if (unused.length > 0) {
      const drops = normalizeEdits(dropImports(ast, text, unused, client.file));
      if (drops) text = applyEdits(text, drops);
    }
  }
  return { text, edits: spanEdit(client.text, text), description: plan.description, replaced };
}

export interface Removal {
  /** Edits per absolute file path. */
  readonly edits: ReadonlyMap<string, readonly TextEdit[]>;
  /** What was removed, e.g. "config.storage.connectionString (src/config.ts:3)". */
  readonly removed: readonly string[];
  /** What stays and why (still read at ...). */
  readonly kept?: string;
}

/** `config.storage.connectionString`, `Settings.storage`, `STORAGE`: the path to a definition, for messages. */
export const displayName = (d: TS.Node): string => {
  const ts = typescript();
  const parts: string[] = [];
  for (let n: TS.Node | undefined = d; n; n = n.parent) {
    if (ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n) || ts.isPropertyDeclaration(n)) parts.unshift(n.name.getText());
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) parts.unshift(n.name.text);
    else if (ts.isClassDeclaration(n) && n.name) parts.unshift(n.name.text);
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) parts.unshift(n.left.getText());
    else if (ts.isExportAssignment(n)) parts.unshift("default");
  }
  return parts.join(".");
};

export interface RemovalContext {
  readonly index: ReadIndex;
  /** ESTree of a definition file, by absolute path. */
  readonly parsed: (file: string) => ParsedFile | undefined;
  /** Relative path for messages. */
  readonly rel: (file: string) => string;
}

/**
 * Remove the secret's definitions that no read outside `done` (ranges already replaced, per file)
 * reaches: from the use toward the literal, each definition goes once nothing else reads it, and a
 * property whose object becomes empty takes its entry with it. A definition still read stays, and so
 * does everything it reads.
 */
export function planRemoval(traced: Traced, done: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>, ctx: RemovalContext): Removal {
  const ts = typescript();
  const edits = new Map<string, TextEdit[]>();
  const gone = new Map<string, Array<readonly [number, number]>>();
  for (const [f, ranges] of done) gone.set(f, [...ranges]);
  const removed: string[] = [];
  const covered = (r: Read): boolean => (gone.get(r.file) ?? []).some(([s, e]) => s <= r.node.getStart() && r.node.end <= e);
  const where = (reads: readonly Read[]): string => [...new Set(reads.map((r) => `${ctx.rel(r.file)}:${r.line}`))].slice(0, 4).join(", ") + (reads.length > 4 ? ", ..." : "");
  const open = (reads: readonly TS.Node[]): Read[] => reads.flatMap((d) => ctx.index.readsOf(d)).filter((r) => !covered(r));
  const markGone = (file: string, e: TextEdit): void => {
    const list = edits.get(file) ?? [];
    list.push(e);
    edits.set(file, list);
    const g = gone.get(file) ?? [];
    g.push([e.range[0], e.range[1]]);
    gone.set(file, g);
  };

  for (const def of traced.definitions) {
    const node = def.node;
    const file = node.getSourceFile().fileName;
    if (done.has(file) && def.kind === "variable") {
      // A const of a rewritten client file: its recipe removed it when nothing else used it.
      const reads = open([node]);
      if (reads.length > 0) return { edits, removed, kept: `${displayName(node)} in ${ctx.rel(file)} (still read at ${where(reads)})` };
      continue;
    }
    const reads = open([node]);
    if (reads.length > 0) return { edits, removed, kept: `${displayName(node)} in ${ctx.rel(file)} (still read at ${where(reads)})` };
    const p = ctx.parsed(file);
    if (!p) return { edits, removed, kept: `${displayName(node)} in ${ctx.rel(file)} (the file could not be read)` };
    const edit = removalEdit(ts, node, p, open);
    if (typeof edit === "string") return { edits, removed, kept: `${displayName(node)} in ${ctx.rel(file)} (${edit})` };
    markGone(file, edit.edit);
    removed.push(`${displayName(edit.node)} from ${ctx.rel(file)}`);
  }
  return { edits, removed };
}

/** The ESTree node spanning [start, end) exactly, of one of `types`. */
function estreeAt(ast: TSESTree.Program, start: number, end: number, types: readonly string[]): Node | undefined {
  return allNodes(ast).find((n) => n.range[0] === start && n.range[1] === end && types.includes(n.type));
}

/**
 * The edit removing a definition (widened to its whole entry while the object holding it would be
 * left empty and nothing else reads that entry), or why it cannot go.
 */
function removalEdit(ts: typeof TS, node: TS.Node, p: ParsedFile, open: (nodes: readonly TS.Node[]) => Read[]): { edit: TextEdit; node: TS.Node } | string {
  const parents = parentMap(p.ast);
  let target = node;
  // Widen: an entry whose object holds nothing else goes whole, if nothing reads the entry itself.
  for (;;) {
    const obj = target.parent;
    if (!(ts.isPropertyAssignment(target) || ts.isShorthandPropertyAssignment(target)) || !obj || !ts.isObjectLiteralExpression(obj) || obj.properties.length !== 1) break;
    let owner: TS.Node = obj;
    while (owner.parent && (ts.isAsExpression(owner.parent) || ts.isSatisfiesExpression(owner.parent) || ts.isParenthesizedExpression(owner.parent))) owner = owner.parent;
    const up = owner.parent;
    if (!up || !ts.isPropertyAssignment(up) || up.initializer !== owner) break;
    if (open([up]).length > 0) break;
    target = up;
  }
  const start = target.getStart();
  const end = target.end;
  if (ts.isPropertyAssignment(target) || ts.isShorthandPropertyAssignment(target)) {
    const prop = estreeAt(p.ast, start, end, ["Property"]);
    const obj = prop ? parents.get(prop) : undefined;
    if (!prop || obj?.type !== "ObjectExpression") return "its object could not be matched";
    return { edit: removeProperty(p.text, obj, prop), node: target };
  }
  if (ts.isPropertyDeclaration(target)) {
    const def = estreeAt(p.ast, start, end, ["PropertyDefinition"]);
    if (!def) return "its class could not be matched";
    const [s, e] = withOwnLine(p.text, def.range[0], def.range[1]);
    // The first member of a class body: a blank line after it goes too.
    const blank = /^[ \t]*\r?\n/.exec(p.text.slice(e));
    const first = /\{[ \t]*\r?\n$/.test(p.text.slice(Math.max(0, s - 50), s));
    return { edit: { range: [s, first && blank ? e + blank[0].length : e], text: "" }, node: target };
  }
  if (ts.isVariableDeclaration(target)) {
    const d = estreeAt(p.ast, start, end, ["VariableDeclarator"]) as TSESTree.VariableDeclarator | undefined;
    const decl = d ? parents.get(d) : undefined;
    if (!d || decl?.type !== "VariableDeclaration") return "its declaration could not be matched";
    const exp = parents.get(decl);
    if (exp?.type === "ExportNamedDeclaration") {
      if (decl.declarations.length > 1) return "it is exported with other names in one statement";
      return { edit: { range: withOwnLine(p.text, exp.range[0], exp.range[1]), text: "" }, node: target };
    }
    return { edit: removeDeclarator(p.text, decl, d), node: target };
  }
  if (ts.isBinaryExpression(target) && target.parent && ts.isExpressionStatement(target.parent)) {
    const stmt = target.parent;
    return { edit: { range: withOwnLine(p.text, stmt.getStart(), stmt.end), text: "" }, node: target };
  }
  return "it is not a property, field or constant the fix can remove";
}
