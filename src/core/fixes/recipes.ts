/**
 * Fix recipes: one matched sink use -> text edits of the keyless construction. Driven by the
 * `rewrite` of each entry of the sink table; the families that need more than an argument list
 * (Event Hubs overloads, key credentials, Cosmos options, Azure OpenAI, mssql, tedious) have their own
 * function here. Everything is pure: nodes in, edits out.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { TextEdit } from "../types.js";
import {
  constReferences,
  findProperty,
  moduleBindings,
  propertyKey,
  resolveCallee,
  staticString,
  unwrap,
  type Call,
  type ConstLookup,
  type Node,
  type ScopeManagerLike,
} from "./ast.js";
import { quote } from "./credential.js";
import { deriveEndpoint, isAzureSqlHost, parseValue, sqlTarget } from "./endpoints.js";
import { addProperty, removeProperty, rewriteArgs, type NewArg } from "./edits.js";
import { credentialSlotFor, type ArgSpec, type CredentialSlot, type Sink } from "./sinks.js";

/** A sink construction reached by a secret. */
export interface SinkUse {
  readonly call: Call;
  readonly sink: Sink;
  readonly module: string;
  /** Argument index that (directly or through object literals) holds the secret. */
  readonly arg: number;
  /** For property sinks: the object literals from the argument down to the secret's property. */
  readonly objects: readonly TSESTree.ObjectExpression[];
  /** The static value of the secret-bearing string (a connection string), if known at compile time. */
  readonly value?: string;
}

export interface RecipeContext {
  readonly text: string;
  readonly program: TSESTree.Program;
  readonly parents: ReadonlyMap<Node, Node>;
  readonly lookup: ConstLookup;
  /** The credential expression (`new DefaultAzureCredential()` ...). */
  readonly credential: string;
  /** How identity exports are written in the file (`getBearerTokenProvider` or `identity.getBearerTokenProvider`). */
  readonly ref: (name: string) => string;
  readonly quote: '"' | "'";
  readonly scopeManager?: ScopeManagerLike;
}

export type RecipeResult =
  | { readonly edits: readonly TextEdit[]; readonly summary: string; readonly notes: readonly string[] }
  | { readonly manual: string };

const manual = (why: string): RecipeResult => ({ manual: why });
const src = (ctx: RecipeContext, n: Node): string => ctx.text.slice(n.range[0], n.range[1]);
const lit = (ctx: RecipeContext, v: string): string => quote(v, ctx.quote);
const edit = (n: Node | readonly [number, number], text: string): TextEdit => ({ range: "range" in n ? [n.range[0], n.range[1]] : [n[0], n[1]], text });

/** Identity exports a sink's rewrite needs besides the credential class. */
export function extraIdentityNames(sink: Sink): string[] {
  return sink.rewrite?.type === "openai" ? ["getBearerTokenProvider"] : [];
}

export function applyRecipe(use: SinkUse, ctx: RecipeContext): RecipeResult {
  const rw = use.sink.rewrite;
  if (!rw) return manual(use.sink.manual ?? `${use.sink.form} has no keyless form.`);
  if (use.call.type === "CallExpression" && use.call.optional) return manual("Optional call (`?.`): rewrite it by hand.");
  switch (rw.type) {
    case "construct":
      return construct(use, rw.args, rw.callee, ctx);
    case "event-hubs":
      return eventHubs(use, rw.role, ctx);
    case "credential":
      return credentialRecipe(use, ctx);
    case "cosmos":
      return cosmos(use, ctx);
    case "openai":
      return openai(use, rw.scope, ctx);
    case "sql-config":
      return sqlConfig(use, ctx);
    case "tedious-config":
      return tediousConfig(use, ctx);
  }
}

const RUNTIME = "The connection string is built at run time, so its endpoint cannot be derived: construct the client with an endpoint and a TokenCredential by hand.";

function parsed(use: SinkUse): ReturnType<typeof parseValue> | undefined {
  return use.value === undefined ? undefined : parseValue(use.value);
}

/** URL path segment(s) of a static name: container/queue/share names as one segment, blob names per `/`. */
function pathSegment(value: string, isBlobName: boolean): string {
  return isBlobName ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
}

/** Text of the endpoint argument, with old arguments appended as URL path segments. */
function endpointText(base: string, append: readonly number[], use: SinkUse, ctx: RecipeContext): string | RecipeResult {
  const parts: Array<{ static: string } | { expr: string }> = [];
  append.forEach((index, k) => {
    const a = use.call.arguments[index];
    if (!a) return;
    const v = staticString(a, ctx.lookup);
    const isBlob = k === 1;
    if (v !== undefined) parts.push({ static: pathSegment(v, isBlob) });
    else parts.push({ expr: src(ctx, a) });
  });
  if (append.some((index, k) => k === 1 && use.call.arguments[index] && staticString(use.call.arguments[index]!, ctx.lookup) === undefined)) {
    return manual("The blob name is computed at run time: build a ContainerClient with the endpoint and a TokenCredential, then call getBlobClient(name).");
  }
  if (parts.every((p) => "static" in p)) return lit(ctx, [base, ...parts.map((p) => (p as { static: string }).static)].join("/"));
  const esc = (s: string): string => s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
  return "`" + [esc(base), ...parts.map((p) => ("static" in p ? esc(p.static) : `\${${p.expr}}`))].join("/") + "`";
}

/** `{ ...old, p: v }` / old object with `p: v` added / a new `{ p: v }`. */
function optionsWith(call: Call, index: number, properties: Readonly<Record<string, string>>, ctx: RecipeContext): { arg: NewArg; edits: TextEdit[] } {
  const props = Object.entries(properties);
  const old = call.arguments[index];
  const propText = (entries: Array<[string, string]>): string => entries.map(([k, v]) => `${k}: ${v.replace(/"/g, ctx.quote)}`).join(", ");
  if (!old) return { arg: { text: `{ ${propText(props)} }` }, edits: [] };
  const o = unwrap(old);
  if (o.type === "ObjectExpression") {
    const missing = props.filter(([k]) => !findProperty(o, k));
    return { arg: { keep: index }, edits: missing.length > 0 ? [addProperty(ctx.text, o, propText(missing))] : [] };
  }
  return { arg: { text: `{ ...${src(ctx, old)}, ${propText(props)} }` }, edits: [] };
}

/** Change the callee: `X.fromConnectionString(` -> `new X(`, or `X.a(` -> `X.b(`. */
function calleeEdits(use: SinkUse, target: { isNew: boolean; path: readonly string[] } | undefined): TextEdit[] | RecipeResult {
  if (!target) return [];
  const call = use.call;
  const from = use.sink.callee;
  if (from.isNew === target.isNew && from.path.join(".") === target.path.join(".")) return [];
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression") return manual("Unexpected callee shape.");
  if (!from.isNew && target.isNew && target.path.length === from.path.length - 1) {
    // X.fromConnectionString(...) -> new X(...)
    return [edit([call.range[0], call.range[0]], "new "), edit([callee.object.range[1], callee.range[1]], "")];
  }
  if (from.isNew === target.isNew && target.path.length === from.path.length) {
    return [edit(callee.property, target.path.at(-1)!)];
  }
  return manual("Unexpected callee shape.");
}

function construct(use: SinkUse, specs: readonly ArgSpec[], target: Sink["callee"] | undefined, ctx: RecipeContext): RecipeResult {
  const cs = parsed(use);
  if (!cs) return manual(RUNTIME);
  const args: NewArg[] = [];
  const extra: TextEdit[] = [];
  let endpoint = "";
  const n = use.call.arguments.length;
  for (const spec of specs) {
    switch (spec.from) {
      case "endpoint": {
        const d = deriveEndpoint(spec.endpoint, cs);
        if ("missing" in d) return manual(`The connection string does not name ${d.missing}: construct the client with its endpoint and a TokenCredential by hand.`);
        endpoint = d.value;
        const t = endpointText(d.value, spec.append ?? [], use, ctx);
        if (typeof t !== "string") return t;
        args.push({ text: t });
        break;
      }
      case "credential":
        args.push({ text: ctx.credential });
        break;
      case "arg":
        if (spec.index < n) args.push({ keep: spec.index });
        break;
      case "rest":
        for (let i = spec.index; i < n; i++) args.push({ keep: i });
        break;
      case "options-with": {
        const o = optionsWith(use.call, spec.index, spec.properties, ctx);
        args.push(o.arg);
        extra.push(...o.edits);
        break;
      }
      case "env":
        args.push({ text: `process.env[${lit(ctx, spec.name)}] ?? ""` });
        break;
    }
  }
  const c = calleeEdits(use, target);
  if (!Array.isArray(c)) return c as RecipeResult;
  const a = rewriteArgs(ctx.text, use.call, args);
  if (!a) return manual("The argument list could not be rewritten safely.");
  const notes: string[] = [];
  if (use.sink.caveat) notes.push(use.sink.caveat);
  const entity = cs.value("EntityPath");
  if (entity && use.sink.service === "service-bus") notes.push(`The connection string named the entity "${entity}": pass it to createSender/createReceiver.`);
  const name = (target ?? use.sink.callee).path.join(".");
  return { edits: [...c, ...a, ...extra], summary: `${name} with ${endpoint}`, notes };
}

/** True when an argument is (statically) a string: the hub-name overloads of Event Hubs clients. */
function isStringArg(node: Node, ctx: RecipeContext): boolean | undefined {
  const n = unwrap(node);
  if (n.type === "Literal") return typeof n.value === "string";
  if (n.type === "TemplateLiteral") return true;
  if (n.type === "ObjectExpression" || n.type === "NewExpression") return false;
  if (n.type === "Identifier") {
    const init = ctx.lookup(n.name);
    if (!init) return undefined;
    const i = unwrap(init);
    if (i.type === "Literal" || i.type === "TemplateLiteral") return isStringArg(i, ctx);
    if (i.type === "ObjectExpression" || i.type === "NewExpression") return false;
    return staticString(i, ctx.lookup) !== undefined ? true : undefined;
  }
  if (n.type === "MemberExpression") {
    // process.env.X is a string (or undefined); an options object is rarely read from a member.
    const o = unwrap(n.object);
    if (o.type === "MemberExpression" && o.object.type === "Identifier" && o.object.name === "process" && propertyKeyOf(o) === "env") return true;
  }
  return undefined;
}

const propertyKeyOf = (m: TSESTree.MemberExpression): string | undefined =>
  !m.computed && m.property.type === "Identifier" ? m.property.name : undefined;

function eventHubs(use: SinkUse, role: "producer" | "consumer", ctx: RecipeContext): RecipeResult {
  const cs = parsed(use);
  if (!cs) return manual(RUNTIME);
  const d = deriveEndpoint("amqp-namespace", cs);
  if ("missing" in d) return manual(`The connection string does not name ${d.missing}.`);
  const csIndex = role === "producer" ? 0 : 1;
  const args = use.call.arguments;
  const hubIndex = csIndex + 1;
  const next = args[hubIndex];
  const entity = cs.value("EntityPath");
  let hub: NewArg | undefined;
  let restFrom = hubIndex;
  if (next) {
    const s = isStringArg(next, ctx);
    if (s === undefined) return manual(`Cannot tell whether \`${src(ctx, next)}\` is the event hub name or options: rewrite by hand.`);
    if (s) {
      hub = { keep: hubIndex };
      restFrom = hubIndex + 1;
    }
  }
  if (!hub) {
    if (!entity) return manual("The event hub name is neither in the connection string (EntityPath) nor an argument: add it and construct the client with a TokenCredential.");
    hub = { text: lit(ctx, entity) };
  }
  const newArgs: NewArg[] = [];
  if (role === "consumer") newArgs.push({ keep: 0 });
  newArgs.push({ text: lit(ctx, d.value) }, hub, { text: ctx.credential });
  for (let i = restFrom; i < args.length; i++) newArgs.push({ keep: i });
  const a = rewriteArgs(ctx.text, use.call, newArgs);
  if (!a) return manual("The argument list could not be rewritten safely.");
  return { edits: a, summary: `${use.sink.callee.path.join(".")} with ${d.value}`, notes: [] };
}

/** A call argument slot: `call.arguments[index]`. */
interface SlotUse {
  readonly call: Call;
  readonly index: number;
  readonly slot: CredentialSlot;
}

function slotOf(node: Node, ctx: RecipeContext): SlotUse | string {
  const parent = ctx.parents.get(node);
  if (!parent || (parent.type !== "CallExpression" && parent.type !== "NewExpression")) return "it is not passed straight to a client constructor";
  const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
  if (index < 0) return "it is not passed straight to a client constructor";
  const resolved = resolveCallee(parent.callee, moduleBindings(ctx.program));
  const slot = resolved ? credentialSlotFor(resolved.module, resolved.path, parent.type === "NewExpression") : undefined;
  if (!slot || slot.arg !== index) return `it is passed to \`${src(ctx, parent.callee)}\`, which is not a known client accepting a TokenCredential there`;
  return { call: parent, index, slot };
}

function slotEdits(u: SlotUse, ctx: RecipeContext): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  if (u.slot.options) {
    const o = optionsWith(u.call, u.slot.options.index, u.slot.options.properties, ctx);
    edits.push(...o.edits);
    if ("text" in o.arg) {
      const args: NewArg[] = u.call.arguments.map((_, i) => ({ keep: i }));
      if (u.call.arguments[u.slot.options.index]) args[u.slot.options.index] = o.arg;
      else if (u.call.arguments.length === u.slot.options.index) args.push(o.arg);
      else return undefined;
      const a = rewriteArgs(ctx.text, u.call, args);
      if (!a) return undefined;
      edits.push(...a);
    }
  }
  if (u.slot.insertAfter) {
    const texts = u.slot.insertAfter.map((s) => (s.from === "env" ? `process.env[${lit(ctx, s.name)}] ?? ""` : ""));
    const args: NewArg[] = u.call.arguments.map((_, i) => ({ keep: i }));
    args.splice(u.index + 1, 0, ...texts.map((t) => ({ text: t })));
    const a = rewriteArgs(ctx.text, u.call, args);
    if (!a) return undefined;
    edits.push(...a);
  }
  return edits;
}

const TOKEN_CREDENTIAL_SINKS = new Set(["client-secret-credential", "username-password-credential"]);

function credentialRecipe(use: SinkUse, ctx: RecipeContext): RecipeResult {
  const expr = use.call;
  const parent = ctx.parents.get(expr);
  const cls = use.sink.callee.path.join(".");
  const replace = edit(expr, ctx.credential);
  // A client-secret credential is already a TokenCredential: any use accepts the replacement.
  if (TOKEN_CREDENTIAL_SINKS.has(use.sink.id)) {
    if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier" && parent.id.typeAnnotation) {
      return manual(`The variable is declared with a type annotation; change it to TokenCredential and use a Managed Identity credential instead of ${cls}.`);
    }
    return {
      edits: [replace],
      summary: `${cls} replaced`,
      notes: ["Delete the app registration's client secret once nothing uses it, and grant the identity the roles the app registration had."],
    };
  }
  const slots: SlotUse[] = [];
  if (parent?.type === "VariableDeclarator" && parent.init === expr) {
    const decl = ctx.parents.get(parent);
    if (parent.id.type !== "Identifier" || decl?.type !== "VariableDeclaration" || decl.kind !== "const") {
      return manual(`The ${cls} is stored in a variable that may be reassigned: replace it by hand.`);
    }
    if (ctx.parents.get(decl)?.type === "ExportNamedDeclaration") return manual(`The ${cls} is exported: other modules may sign with it. ${use.sink.manual ?? ""}`.trim());
    const refs = constReferences(ctx.program, parent, ctx.parents, ctx.scopeManager);
    if (!refs) return manual(`The name \`${parent.id.name}\` is declared more than once in this file: replace the ${cls} by hand.`);
    for (const r of refs) {
      const s = slotOf(r, ctx);
      if (typeof s === "string") return manual(`The ${cls} \`${parent.id.name}\` is also used where a TokenCredential does not fit (${s}). ${use.sink.manual ?? ""}`.trim());
      slots.push(s);
    }
    if (parent.id.typeAnnotation) return manual(`The variable \`${parent.id.name}\` is declared with a type annotation: change it to TokenCredential by hand.`);
  } else {
    const s = slotOf(expr, ctx);
    if (typeof s === "string") return manual(`The ${cls} cannot be replaced automatically: ${s}. ${use.sink.manual ?? ""}`.trim());
    slots.push(s);
  }
  const edits: TextEdit[] = [replace];
  const notes: string[] = [];
  for (const s of slots) {
    const e = slotEdits(s, ctx);
    if (!e) return manual("The client's argument list could not be rewritten safely.");
    edits.push(...e);
    if (s.slot.caveat && !notes.includes(s.slot.caveat)) notes.push(s.slot.caveat);
  }
  const clients = [...new Set(slots.map((s) => src(ctx, s.call.callee)))].join(", ");
  const summary = clients ? `${cls} replaced in ${clients}` : `${cls} replaced (no client in this file uses it)`;
  return { edits, summary, notes };
}

/** The property holding the secret, at the end of the object chain. */
function secretProperty(use: SinkUse): TSESTree.Property | undefined {
  if (use.sink.secret.kind !== "property") return undefined;
  const obj = use.objects.at(-1);
  const key = use.sink.secret.path.at(-1)!;
  return obj ? findProperty(obj, key) : undefined;
}

function cosmos(use: SinkUse, ctx: RecipeContext): RecipeResult {
  const caveats = use.sink.caveat ? [use.sink.caveat] : [];
  if (use.sink.secret.kind === "connection-string") {
    const cs = parsed(use);
    if (!cs) return manual(RUNTIME);
    const d = deriveEndpoint("cosmos", cs);
    if ("missing" in d) return manual(`The connection string does not name ${d.missing}.`);
    const arg = use.call.arguments[use.arg]!;
    return {
      edits: [edit(arg, `{ endpoint: ${lit(ctx, d.value)}, aadCredentials: ${ctx.credential} }`)],
      summary: `CosmosClient with ${d.value}`,
      notes: caveats,
    };
  }
  const obj = use.objects[0];
  const prop = secretProperty(use);
  if (!obj || !prop) return manual("Unexpected Cosmos DB options shape.");
  if (findProperty(obj, "aadCredentials")) return manual("The options already have aadCredentials: remove the key by hand.");
  if (propertyKey(prop) === "key") {
    if (!findProperty(obj, "endpoint")) return manual("The Cosmos DB options have no endpoint: add it and use aadCredentials.");
    return { edits: [edit(prop, `aadCredentials: ${ctx.credential}`)], summary: "CosmosClient with aadCredentials", notes: caveats };
  }
  // { connectionString }
  const cs = use.value === undefined ? undefined : parseValue(use.value);
  if (!cs) return manual(RUNTIME);
  const d = deriveEndpoint("cosmos", cs);
  if ("missing" in d) return manual(`The connection string does not name ${d.missing}.`);
  const text = findProperty(obj, "endpoint") ? `aadCredentials: ${ctx.credential}` : `endpoint: ${lit(ctx, d.value)}, aadCredentials: ${ctx.credential}`;
  const edits = [edit(prop, text)];
  const key = findProperty(obj, "key");
  if (key) edits.push(removeProperty(ctx.text, obj, key));
  return { edits, summary: `CosmosClient with ${d.value}`, notes: caveats };
}

function openai(use: SinkUse, scope: string, ctx: RecipeContext): RecipeResult {
  const obj = use.objects[0];
  const prop = secretProperty(use);
  if (!obj || !prop) return manual("Unexpected AzureOpenAI options shape.");
  if (findProperty(obj, "azureADTokenProvider")) return manual("The options already have azureADTokenProvider: remove apiKey by hand.");
  const text = `azureADTokenProvider: ${ctx.ref("getBearerTokenProvider")}(${ctx.credential}, ${lit(ctx, scope)})`;
  return {
    edits: [edit(prop, text)],
    summary: "AzureOpenAI with azureADTokenProvider",
    notes: [use.sink.manual ?? "", "Token auth needs the resource's custom-subdomain endpoint (https://<name>.openai.azure.com)."].filter(Boolean),
  };
}

const tokenAuth = (ctx: RecipeContext): string => `{ type: ${lit(ctx, "token-credential")}, options: { credential: ${ctx.credential} } }`;

/** The static server host of an mssql/tedious config object, if it is an Azure SQL endpoint. */
function azureServer(obj: TSESTree.ObjectExpression, ctx: RecipeContext): string | RecipeResult {
  const server = findProperty(obj, "server");
  if (!server) return manual("The config has no server: Managed Identity applies to Azure SQL only; add the server and use token-credential authentication by hand.");
  const v = staticString(server.value as Node, ctx.lookup);
  if (v === undefined) return manual("The server name is computed at run time: Managed Identity applies to Azure SQL only; switch to token-credential authentication by hand once you know it is Azure SQL.");
  const host = v.replace(/^tcp:/i, "").replace(/,\d+$/, "");
  if (!isAzureSqlHost(host)) return manual("The server is not an Azure SQL endpoint (*.database.windows.net): Managed Identity does not apply; keep the password in a secret store.");
  return host;
}

const SQL_NOTE = "In the database, create a user for the identity: CREATE USER [<identity-name>] FROM EXTERNAL PROVIDER; then grant it roles (db_datareader, db_datawriter).";

function sqlConfig(use: SinkUse, ctx: RecipeContext): RecipeResult {
  if (use.sink.secret.kind === "connection-string") {
    const cs = parsed(use);
    if (!cs) return manual(RUNTIME);
    const t = sqlTarget(cs);
    if (!t) return manual("The connection string names no server.");
    if (!isAzureSqlHost(t.server)) return manual("The server is not an Azure SQL endpoint: Managed Identity does not apply; keep the password in a secret store.");
    const parts = [`server: ${lit(ctx, t.server)}`];
    if (t.port !== undefined) parts.push(`port: ${t.port}`);
    if (t.database) parts.push(`database: ${lit(ctx, t.database)}`);
    parts.push(`authentication: ${tokenAuth(ctx)}`, "options: { encrypt: true }");
    const arg = use.call.arguments[use.arg]!;
    return { edits: [edit(arg, `{ ${parts.join(", ")} }`)], summary: `mssql config for ${t.server}`, notes: [SQL_NOTE] };
  }
  const obj = use.objects[0];
  const prop = secretProperty(use);
  if (!obj || !prop) return manual("Unexpected mssql config shape.");
  const host = azureServer(obj, ctx);
  if (typeof host !== "string") return host;
  if (findProperty(obj, "authentication")) return manual("The config already has authentication: remove the password and use token-credential by hand.");
  const edits: TextEdit[] = [edit(prop, `authentication: ${tokenAuth(ctx)}`)];
  for (const k of ["user", "userName", "domain"]) {
    const p = findProperty(obj, k);
    if (p) edits.push(removeProperty(ctx.text, obj, p));
  }
  return { edits, summary: `mssql config for ${host}`, notes: [SQL_NOTE] };
}

function tediousConfig(use: SinkUse, ctx: RecipeContext): RecipeResult {
  const [root, auth] = use.objects;
  if (!root || !auth) return manual("Unexpected tedious config shape.");
  const host = azureServer(root, ctx);
  if (typeof host !== "string") return host;
  const authProp = findProperty(root, "authentication");
  if (!authProp || unwrap(authProp.value as Node) !== auth) return manual("Unexpected tedious config shape.");
  const type = findProperty(auth, "type");
  const typeValue = type ? staticString(type.value as Node, ctx.lookup) : undefined;
  if (typeValue === "ntlm") return manual("NTLM (Windows) authentication targets SQL Server outside Azure SQL: Managed Identity does not apply.");
  return { edits: [edit(auth, tokenAuth(ctx))], summary: `tedious config for ${host}`, notes: [SQL_NOTE] };
}
