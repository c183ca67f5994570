/**
 * ESTree adapter of the fix recipes: from a finding (offsets into a JS/TS file) to a FixPlan.
 *
 * 1. Find the literal holding the secret (string, template literal, `+` chain of literals).
 * 2. Follow the value to the SDK construction that consumes it: straight as an argument, through a
 *    `const` of the same module (every use), through object-literal properties (`{ apiKey }`,
 *    `{ authentication: { options: { password } } }`), through `process.env.X ?? "..."` fallbacks,
 *    and through key credentials (`new AzureKeyCredential(key)`) to the client they are passed to.
 * 3. Match each construction against the sink table and run its recipe; add the `@azure/identity`
 *    import (merged into an existing one) and remove the secret's `const` when nothing else uses it.
 *
 * The plan's `edits` are complete (imports and removals included) and non-overlapping: the ESLint
 * rule turns them into fixer operations and `azure-msi fix` applies them to the file. The plan's
 * `imports` only lists the names the rewritten code uses (already handled by the edits).
 * Where no fix is safe the answer is `{ manual }`, a sentence with the manual path.
 *
 * `planSinkFix` does the same from the other end: given a credential-bearing construction (as the
 * rule prefer-managed-identity finds them), even when the secret is not a literal of this file.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { Finding, FixPlan, TextEdit } from "../core/types.js";
import {
  children,
  constLookup,
  constReferences,
  findProperty,
  moduleBindings,
  parentMap,
  propertyKey,
  resolveCallee,
  staticString,
  type Call,
  type ConstLookup,
  type ModuleBinding,
  type Node,
  type ScopeManagerLike,
} from "../core/fixes/ast.js";
import { credentialClass, credentialExpression, IDENTITY_MODULE, isClientId, type CredentialChoice } from "../core/fixes/credential.js";
import { normalizeEdits, removeDeclarator, removeProperty } from "../core/fixes/edits.js";
import { ensureImports, fileStyle } from "../core/fixes/imports.js";
import { applyRecipe, extraIdentityNames, type RecipeContext, type SinkUse } from "../core/fixes/apply.js";
import { manualSinkFor, SINK_MODULES, sinksFor } from "../core/fixes/recipes/index.js";
import { sinkFitsValue, type Sink } from "../core/fixes/sink.js";
import { findVariant } from "../core/report/advice.js";
import { getService } from "../core/catalog/index.js";

export interface PlanFixInput {
  readonly ast: TSESTree.Program;
  readonly text: string;
  readonly finding: Finding;
  readonly credential: CredentialChoice;
  /** Client id of a user-assigned identity (a GUID). */
  readonly clientId?: string;
  /** ESLint's scope manager, when available (exact references); otherwise names are matched. */
  readonly scopeManager?: ScopeManagerLike;
  /** File path, for `.cjs`/`.cts` detection. */
  readonly path?: string;
}

export type PlanFixResult = { readonly plan: FixPlan } | { readonly manual: string };

const MAX_DEPTH = 12;

interface Trace {
  readonly uses: SinkUse[];
  /** Why some uses of the secret are left alone. */
  readonly others: string[];
  /** `const`s holding the secret string (candidates for removal). */
  readonly consts: TSESTree.VariableDeclarator[];
  /** Reasons that already say what to do by hand (known constructions without a rewrite). */
  readonly complete: string[];
  /** Properties of `const` objects read as `obj.key` on the way to a sink (removed when no read is left). */
  readonly props: Array<{ readonly decl: TSESTree.VariableDeclarator; readonly obj: TSESTree.ObjectExpression; readonly key: string }>;
}

interface State {
  readonly text: string;
  readonly program: TSESTree.Program;
  readonly parents: ReadonlyMap<Node, Node>;
  readonly lookup: ConstLookup;
  readonly bindings: ReadonlyMap<string, ModuleBinding>;
  readonly scopeManager?: ScopeManagerLike;
}

const WRAPPERS = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion"]);

/** The innermost string-ish node containing `offset`. */
function literalAt(program: TSESTree.Program, offset: number): Node | undefined {
  let best: Node | undefined;
  const visit = (n: Node): void => {
    if (n.range[0] > offset || n.range[1] <= offset) return;
    if ((n.type === "Literal" && typeof n.value === "string") || n.type === "TemplateLiteral") best = n;
    for (const c of children(n)) visit(c);
  };
  visit(program);
  return best;
}

/** Grow a string node through `+` chains and template literals that contain it. */
function expand(node: Node, st: State): Node {
  let n = node;
  for (;;) {
    const p = st.parents.get(n);
    if (!p) return n;
    if ((p.type === "BinaryExpression" && p.operator === "+") || p.type === "TemplateLiteral" || WRAPPERS.has(p.type)) n = p;
    else return n;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function calleeText(st: State, call: Call): string {
  const t = st.text.slice(call.callee.range[0], call.callee.range[1]);
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

function pathMatches(sink: Sink, arg: number, path: readonly string[]): boolean {
  const s = sink.secret;
  if (s.arg !== arg) return false;
  if (s.kind === "property") return s.path.length === path.length && s.path.every((p, i) => p === path[i]);
  return path.length === 0;
}

function trace(node: Node, path: readonly string[], objects: readonly TSESTree.ObjectExpression[], value: string | undefined, st: State, out: Trace, depth: number): void {
  if (depth > MAX_DEPTH) {
    out.others.push("the value flows through too many steps");
    return;
  }
  const n = path.length === 0 ? expand(node, st) : node;
  const v = path.length === 0 ? staticString(n, st.lookup) ?? value : value;
  const p = st.parents.get(n);
  if (!p) {
    out.others.push("it is not passed to an SDK construction");
    return;
  }
  if (WRAPPERS.has(p.type)) return trace(p, path, objects, v, st, out, depth + 1);
  if (p.type === "LogicalExpression" && (p.operator === "??" || p.operator === "||") && p.right === n) {
    // process.env.X ?? "<secret>": the whole expression is the secret-bearing argument.
    return trace(p, path, objects, v, st, out, depth + 1);
  }
  if ((p.type === "CallExpression" || p.type === "NewExpression") && p.arguments.includes(n as TSESTree.CallExpressionArgument)) {
    return traceCall(p, p.arguments.indexOf(n as TSESTree.CallExpressionArgument), path, objects, v, st, out);
  }
  if (p.type === "Property" && p.value === n) {
    const obj = st.parents.get(p);
    const key = propertyKey(p);
    if (obj?.type !== "ObjectExpression" || !key) {
      out.others.push("it sits in an object the fixes cannot follow");
      return;
    }
    return trace(obj, [key, ...path], [obj, ...objects], v, st, out, depth + 1);
  }
  if (p.type === "VariableDeclarator" && p.init === n) return traceConst(p, path, objects, v, st, out, depth);
  if (path.length > 0 && p.type === "MemberExpression" && p.object === n && memberKey(p) === path[0]) {
    // config.storage.connectionString: one more level of the same object.
    return trace(p, path.slice(1), objects.slice(1), v, st, out, depth + 1);
  }
  const line = lineOf(st.text, n.range[0]);
  if (path.length > 0 || objects.length > 0) out.others.push(`the object holding it is used on line ${line} outside a known SDK construction`);
  else out.others.push(`it is used on line ${line} outside an SDK construction`);
}

/** The secret is argument `arg` of a call or `new`: a sink use when the sink table knows the construction. */
function traceCall(p: TSESTree.CallExpression | TSESTree.NewExpression, arg: number, path: readonly string[], objects: readonly TSESTree.ObjectExpression[], v: string | undefined, st: State, out: Trace): void {
  const resolved = resolveCallee(p.callee, st.bindings);
  const manualSink = resolved ? manualSinkFor(resolved.module, resolved.path, p.type === "NewExpression") : undefined;
  if (manualSink) {
    out.others.push(manualSink.manual);
    out.complete.push(manualSink.manual);
    return;
  }
  if (!resolved) {
    out.others.push(`it is passed to \`${calleeText(st, p)}\`, which is not a known Azure SDK construction`);
    return;
  }
  const sink = sinksFor(resolved.module, resolved.path, p.type === "NewExpression").find((s) => pathMatches(s, arg, path) && sinkFitsValue(s, path.length === 0 ? v : undefined));
  if (!sink) {
    out.others.push(
      SINK_MODULES.has(resolved.module)
        ? `it is passed to \`${calleeText(st, p)}\` in a way the fixes do not know`
        : `it is passed to \`${calleeText(st, p)}\`, which is not a known Azure SDK construction`,
    );
    return;
  }
  out.uses.push({ call: p, sink, module: resolved.module, arg, objects, ...(v !== undefined ? { value: v } : {}) });
}

/** The secret initialises a declarator: follow every reference of a module `const`. */
function traceConst(p: TSESTree.VariableDeclarator, path: readonly string[], objects: readonly TSESTree.ObjectExpression[], v: string | undefined, st: State, out: Trace, depth: number): void {
  const decl = st.parents.get(p);
  if (p.id.type !== "Identifier" || decl?.type !== "VariableDeclaration" || decl.kind !== "const") {
    out.others.push("it is stored in a variable that may be reassigned (use const, or rewrite by hand)");
    return;
  }
  if (st.parents.get(decl)?.type === "ExportNamedDeclaration") {
    out.others.push(`\`${p.id.name}\` is exported, so other modules may use it`);
    if (path.length === 0) out.consts.push(p);
  }
  const refs = constReferences(st.program, p, st.parents, st.scopeManager);
  if (!refs) {
    out.others.push(`the name \`${p.id.name}\` is declared more than once in this file`);
    return;
  }
  if (path.length === 0 && !out.consts.includes(p)) out.consts.push(p);
  if (refs.length === 0) out.others.push(`\`${p.id.name}\` is not used in this file`);
  const obj = objects[0];
  for (const r of refs) {
    const m = st.parents.get(r);
    // config.key: the value flows on from the member read; the property may go once no read is left.
    if (obj && path.length > 0 && m?.type === "MemberExpression" && m.object === r && memberKey(m) === path[0]) {
      if (p.init && unwrapValue(p.init) === obj) out.props.push({ decl: p, obj, key: path[0]! });
      trace(m, path.slice(1), objects.slice(1), v, st, out, depth + 1);
    } else trace(r, path, objects, v, st, out, depth + 1);
  }
}

function memberKey(m: TSESTree.MemberExpression): string | undefined {
  if (!m.computed && m.property.type === "Identifier") return m.property.name;
  if (m.computed && m.property.type === "Literal" && typeof m.property.value === "string") return m.property.value;
  return undefined;
}

function unwrapValue(node: Node): Node {
  let n = node;
  while (WRAPPERS.has(n.type)) n = (n as TSESTree.TSAsExpression).expression;
  return n;
}

const inside = (r: Node, edits: readonly TextEdit[]): boolean =>
  edits.some((e) => e.range[0] <= r.range[0] && r.range[1] <= e.range[1] && e.range[1] > e.range[0]);

/**
 * True when `name` occurs in the text outside import/require statements and outside the ranges the
 * edits replace (a plain word search: a mention in a comment or a type position counts as a use).
 */
function usedOutside(text: string, name: string, edits: readonly TextEdit[], program: TSESTree.Program): boolean {
  const imports = program.body.filter(
    (s) => s.type === "ImportDeclaration" || (s.type === "VariableDeclaration" && /\brequire\s*\(/.test(text.slice(s.range[0], s.range[1]))),
  );
  const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    if (imports.some((s) => s.range[0] <= at && at < s.range[1])) continue;
    if (edits.some((e) => e.range[0] <= at && at + name.length <= e.range[1] && e.range[1] > e.range[0])) continue;
    return true;
  }
  return false;
}

function prepare(program: TSESTree.Program, text: string, scopeManager: ScopeManagerLike | undefined): State {
  return {
    text,
    program,
    parents: parentMap(program),
    lookup: constLookup(program),
    bindings: moduleBindings(program),
    ...(scopeManager ? { scopeManager } : {}),
  };
}

const NO_FIX_TAIL = "Move the secret to Key Vault or give the app an identity and construct the client with a TokenCredential.";

/** Plan the fix of one finding in one JS/TS file. */
export function planFix(input: PlanFixInput): PlanFixResult {
  const { ast: program, text, finding } = input;
  if (input.clientId !== undefined && !isClientId(input.clientId)) return { manual: "The client id of a user-assigned identity must be a GUID." };
  const literal = literalAt(program, finding.start);
  if (!literal) {
    return { manual: "The secret is not in a string literal (a comment or other text): delete it, rotate the key, and read credentials through a Managed Identity." };
  }
  const st = prepare(program, text, input.scopeManager);
  const t: Trace = { uses: [], others: [], consts: [], complete: [], props: [] };
  trace(literal, [], [], undefined, st, t, 0);
  if (t.uses.length === 0) {
    const why = [...new Set(t.others)].map((w) => w.replace(/[.;]\s*$/, "")).join("; ");
    const tail = t.complete.length > 0 && t.others.every((o) => t.complete.includes(o)) ? "" : ` ${noFixTail(finding)}`;
    return { manual: `No automatic fix: ${why || "the secret is not passed to a known Azure SDK construction"}.${tail}` };
  }
  return finish(st, t, input);
}

/** What to do by hand, by service: a TokenCredential where Managed Identity applies, else its alternative. */
function noFixTail(finding: Finding): string {
  let entry;
  try {
    entry = getService(finding.service);
  } catch {
    return NO_FIX_TAIL;
  }
  const variant = findVariant(entry, finding);
  const msi = variant?.msi ?? entry.msi;
  const alternative = variant?.alternative ?? entry.alternative;
  if (msi === "no") return alternative ? sentence(alternative) : "Move the secret to Key Vault and read it at run time.";
  const replacement = variant?.replacement ?? entry.replacement;
  const extra = variant?.alternative ?? (msi === "partial" ? alternative : undefined);
  return `Rewrite it by hand with a TokenCredential (${replacement}).${extra ? ` ${sentence(extra)}` : ""}`;
}

const sentence = (s: string): string => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

export interface PlanSinkFixInput {
  readonly ast: TSESTree.Program;
  readonly text: string;
  /** The credential-bearing construction (`new X(...)` or `X.fromConnectionString(...)`). */
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly credential: CredentialChoice;
  readonly clientId?: string;
  readonly scopeManager?: ScopeManagerLike;
  readonly path?: string;
  /**
   * The compile-time value of an expression the file itself cannot resolve (an imported constant):
   * e.g. from the type checker's string literal type when parserServices has a program.
   */
  readonly resolveValue?: (node: TSESTree.Node) => string | undefined;
}

/** A same-module `const` declarator of `name` (unique name), if any. */
function constDeclarator(st: State, name: string): TSESTree.VariableDeclarator | undefined {
  const init = st.lookup(name);
  const d = init ? st.parents.get(init) : undefined;
  return d?.type === "VariableDeclarator" ? d : undefined;
}

/** An object literal, directly or through a same-module const (used only here). */
function objectOf(node: Node, st: State): { obj: TSESTree.ObjectExpression; via?: TSESTree.VariableDeclarator } | undefined {
  let n = node;
  while (WRAPPERS.has(n.type)) n = (n as TSESTree.TSAsExpression).expression;
  if (n.type === "ObjectExpression") return { obj: n };
  if (n.type === "Identifier") {
    const d = constDeclarator(st, n.name);
    if (!d?.init) return undefined;
    const inner = objectOf(d.init, st);
    return inner ? { obj: inner.obj, via: d } : undefined;
  }
  return undefined;
}

/**
 * Plan the fix of a credential-bearing SDK construction whose secret is not (necessarily) a literal
 * of this file: `fromConnectionString(IMPORTED_CONSTANT)`, `new AzureKeyCredential(process.env.KEY!)`,
 * `new AzureOpenAI({ apiKey: process.env.KEY })`, `sql.connect({ server, user, password: env.PW })`.
 * Recipes that need the connection string's value (to derive the endpoint) use `resolveValue` when
 * the file alone does not give it; otherwise they answer with the manual path.
 */
export function planSinkFix(input: PlanSinkFixInput): PlanFixResult {
  const { ast: program, text, node: call } = input;
  if (input.clientId !== undefined && !isClientId(input.clientId)) return { manual: "The client id of a user-assigned identity must be a GUID." };
  const st = prepare(program, text, input.scopeManager);
  const resolved = resolveCallee(call.callee, st.bindings);
  if (!resolved || !SINK_MODULES.has(resolved.module)) return { manual: `\`${calleeText(st, call)}\` is not a known Azure SDK construction. ${NO_FIX_TAIL}` };
  const t: Trace = { uses: [], others: [], consts: [], complete: [], props: [] };
  for (const sink of sinksFor(resolved.module, resolved.path, call.type === "NewExpression")) {
    const slot = sink.secret;
    const arg = call.arguments[slot.arg];
    if (!arg || arg.type === "SpreadElement") continue;
    const objects: TSESTree.ObjectExpression[] = [];
    let valueNode: Node = arg;
    if (slot.kind === "property") {
      let cur = objectOf(arg, st);
      if (cur?.via) {
        const refs = constReferences(program, cur.via, st.parents, input.scopeManager);
        if (!refs || refs.length !== 1) {
          t.others.push(`the options object \`${(cur.via.id as TSESTree.Identifier).name}\` is shared with other code`);
          continue;
        }
      }
      let ok = true;
      for (let i = 0; i < slot.path.length && ok; i++) {
        if (!cur) {
          ok = false;
          break;
        }
        objects.push(cur.obj);
        const prop = findProperty(cur.obj, slot.path[i]!);
        if (!prop) ok = false;
        else if (i < slot.path.length - 1) cur = objectOf(prop.value as Node, st);
        else valueNode = prop.value as Node;
      }
      if (!ok) continue;
    } else if (slot.kind === "connection-string" && objectOf(arg, st)) {
      continue; // the options overload (Cosmos `{ endpoint, key }`): another entry matches it
    }
    const value = staticString(valueNode, st.lookup) ?? input.resolveValue?.(valueNode);
    if (!sinkFitsValue(sink, value)) continue;
    const id = unwrapNode(valueNode);
    if (id.type === "Identifier") {
      const d = constDeclarator(st, id.name);
      if (d) t.consts.push(d);
    }
    t.uses.push({ call, sink, module: resolved.module, arg: slot.arg, objects, ...(value !== undefined ? { value } : {}) });
    break;
  }
  if (t.uses.length === 0) {
    const why = [...new Set(t.others)].join("; ");
    return { manual: `No automatic fix: ${why || "this construction does not match a known credential-bearing form"}. ${NO_FIX_TAIL}` };
  }
  return finish(st, t, input);
}

function unwrapNode(node: Node): Node {
  let n = node;
  while (WRAPPERS.has(n.type)) n = (n as TSESTree.TSAsExpression).expression;
  if (n.type === "LogicalExpression" && (n.operator === "??" || n.operator === "||")) return unwrapNode(n.left);
  return n;
}

type FinishInput = { readonly credential: CredentialChoice; readonly clientId?: string; readonly scopeManager?: ScopeManagerLike; readonly path?: string };

/** Run the recipes of the traced uses; add imports, remove freed constants, describe. */
function finish(st: State, t: Trace, input: FinishInput): PlanFixResult {
  const { program, text } = st;
  const style = fileStyle(program, text, input.path);
  const cls = credentialClass(input.credential);
  const names = [cls, ...new Set(t.uses.flatMap((u) => extraIdentityNames(u.sink)))];
  const first = ensureImports(program, text, IDENTITY_MODULE, names, style);
  if (!first) return { manual: `This file already declares a name the fix needs (${names.join(", ")}): add the @azure/identity import under another name by hand.` };
  const ref = (name: string): string => first.refs.get(name) ?? name;
  const ctx: RecipeContext = {
    text,
    program,
    parents: st.parents,
    lookup: st.lookup,
    credential: credentialExpression(input.credential, ref(cls), input.clientId, style.quote),
    ref,
    quote: style.quote,
    ...(input.scopeManager ? { scopeManager: input.scopeManager } : {}),
  };
  const rewrite = runRecipes(t, ctx);
  const { edits, manuals } = rewrite;
  if (edits.length === 0) return { manual: [...new Set(manuals)].join(" ") };
  const removed: string[] = [];
  const kept: string[] = [];
  removeFreedConsts(st, t, edits, input.scopeManager, removed, kept);
  removeFreedProps(st, t, edits, input.scopeManager, removed, kept);
  // Key-credential classes the rewrite made unused leave the imports too.
  const imports = ensureImports(program, text, IDENTITY_MODULE, names, style, unusedKeyCredentials(st, t, edits)) ?? first;
  edits.push(...imports.edits);
  const normalized = normalizeEdits(edits);
  if (!normalized) return { manual: "The rewrites of this secret's uses overlap: fix them one at a time by hand." };
  return {
    plan: {
      description: describePlan(cls, rewrite, removed, kept, t.others),
      edits: normalized,
      imports: [{ module: IDENTITY_MODULE, names }],
    },
  };
}

interface Rewrite {
  readonly edits: TextEdit[];
  readonly summaries: string[];
  readonly notes: string[];
  readonly manuals: string[];
}

/** The recipe of every traced construction (each once). */
function runRecipes(t: Trace, ctx: RecipeContext): Rewrite {
  const out: Rewrite = { edits: [], summaries: [], notes: [], manuals: [] };
  const seen = new Set<Node>();
  for (const use of t.uses) {
    if (seen.has(use.call)) continue;
    seen.add(use.call);
    const r = applyRecipe(use, ctx);
    if ("manual" in r) {
      out.manuals.push(r.manual);
      continue;
    }
    out.edits.push(...r.edits);
    out.summaries.push(r.summary);
    for (const n of r.notes) if (!out.notes.includes(n)) out.notes.push(n);
  }
  return out;
}

/** Remove secret constants whose every use is rewritten (repeat: one removal may free another). */
function removeFreedConsts(st: State, t: Trace, edits: TextEdit[], scopeManager: ScopeManagerLike | undefined, removed: string[], kept: string[]): void {
  const { program, text, parents } = st;
  const pending = [...new Set(t.consts)];
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of [...pending]) {
      const decl = parents.get(d);
      if (decl?.type !== "VariableDeclaration" || parents.get(decl)?.type === "ExportNamedDeclaration") continue;
      const refs = constReferences(program, d, parents, scopeManager);
      if (!refs || !refs.every((r) => inside(r, edits))) continue;
      edits.push(removeDeclarator(text, decl, d));
      removed.push((d.id as TSESTree.Identifier).name);
      pending.splice(pending.indexOf(d), 1);
      changed = true;
    }
  }
  for (const d of pending) kept.push((d.id as TSESTree.Identifier).name);
}

/** Remove properties of const objects whose every read was rewritten (and the object never escapes whole). */
function removeFreedProps(st: State, t: Trace, edits: TextEdit[], scopeManager: ScopeManagerLike | undefined, removed: string[], kept: string[]): void {
  const { program, text, parents } = st;
  const seenProps = new Set<string>();
  for (const { decl: d, obj, key } of t.props) {
    const id = `${d.range[0]}:${key}`;
    if (seenProps.has(id)) continue;
    seenProps.add(id);
    const name = (d.id as TSESTree.Identifier).name;
    const decl = parents.get(d);
    const prop = findProperty(obj, key);
    const refs = constReferences(program, d, parents, scopeManager);
    const exported = decl ? parents.get(decl)?.type === "ExportNamedDeclaration" : true;
    const reads = refs?.map((r) => parents.get(r));
    const onlyMembers = reads?.every((m) => m?.type === "MemberExpression" && memberKey(m) !== undefined && refs!.includes(m.object as TSESTree.Identifier));
    if (!prop || exported || !refs || !onlyMembers) {
      kept.push(`${name}.${key}`);
      continue;
    }
    const sameKey = reads!.filter((m) => memberKey(m as TSESTree.MemberExpression) === key) as Node[];
    if (!sameKey.every((m) => inside(m, edits))) {
      kept.push(`${name}.${key}`);
      continue;
    }
    edits.push(removeProperty(text, obj, prop));
    removed.push(`${name}.${key}`);
  }
}

/** Named imports of key-credential classes (AzureKeyCredential...) no longer used once the edits apply. */
function unusedKeyCredentials(st: State, t: Trace, edits: readonly TextEdit[]): Set<string> {
  const drop = new Set<string>();
  for (const u of t.uses) {
    const callee = u.call.callee;
    if (u.sink.rewrite?.type !== "credential" || callee.type !== "Identifier") continue;
    if (st.bindings.get(callee.name)?.kind !== "named") continue;
    if (!usedOutside(st.text, callee.name, edits, st.program)) drop.add(callee.name);
  }
  return drop;
}

/** The plan's description: what was rewritten, removed and kept (and why), and the recipes' notes. */
function describePlan(cls: string, rewrite: Rewrite, removed: readonly string[], kept: readonly string[], others: readonly string[]): string {
  const { summaries, manuals, notes } = rewrite;
  let description = `Use ${cls}: ${summaries.join("; ")}`;
  if (removed.length > 0) description += `; removes the unused ${removed.some((r) => r.includes(".")) ? "secret" : "constant"} ${removed.join(", ")}`;
  const reasons = [...new Set([...others, ...manuals])];
  if (kept.length > 0) description += `; keeps ${kept.join(", ")} (still used elsewhere${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""})`;
  else if (manuals.length > 0) description += `; not rewritten: ${[...new Set(manuals)].join(" ")}`;
  description += ".";
  if (notes.length > 0) description += ` ${notes.join(" ")}`;
  return description;
}

export { applyEdits } from "../core/fixes/edits.js";
export type { CredentialChoice } from "../core/fixes/credential.js";
