/**
 * The one rewrite of a hand-rolled Managed Identity token request that is safe without knowing
 * more: a function whose whole body requests a token and returns its `access_token`, e.g.
 *
 *   async function getToken() {
 *     const res = await fetch("http://169.254.169.254/metadata/identity/oauth2/token?...&resource=R", { headers: { Metadata: "true" } });
 *     const body = await res.json();
 *     return body.access_token;
 *   }
 *
 * becomes a call of one module-level, cached token provider:
 *
 *   const getManagedIdentityToken = getBearerTokenProvider(new ManagedIdentityCredential(), "R/.default");
 *   async function getToken() {
 *     return getManagedIdentityToken();
 *   }
 *
 * Anything else (other statements, other uses of the response, options beyond headers and method,
 * a resource or identity chosen at run time) gets no rewrite: the rule only reports.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { quote } from "../core/fixes/credential.js";
import { normalizeEdits } from "../core/fixes/edits.js";
import { ensureImports, fileStyle } from "../core/fixes/imports.js";
import type { TextEdit } from "../core/types.js";
import { memberName, propertyName } from "./estree-utils.js";

/** How the response body is read: `await res.json()` (fetch) or `res.data` (axios). */
export type ResponseStyle = "json" | "data";

export interface ImdsRewriteInput {
  readonly program: TSESTree.Program;
  readonly text: string;
  readonly path: string;
  /** The request call (its URL argument was recognised). */
  readonly call: TSESTree.CallExpression;
  readonly style: ResponseStyle;
  /** `<resource>/.default`. */
  readonly scope: string;
  /** Client id of a user-assigned identity (a GUID from the URL), if any. */
  readonly clientId?: string;
  /** Parent lookup (ESLint's nodes carry `parent`). */
  readonly parentOf: (node: TSESTree.Node) => TSESTree.Node | undefined;
}

const IDENTITY = "@azure/identity";
const ALLOWED_OPTIONS = new Set(["headers", "method", "url"]);
const PROVIDER_NAME = "getManagedIdentityToken";

const isAwaitOf = (node: TSESTree.Node | null | undefined, inner: TSESTree.Node): boolean =>
  !!node && node.type === AST_NODE_TYPES.AwaitExpression && node.argument === inner;

const isMember = (node: TSESTree.Node | null | undefined, object: (n: TSESTree.Node) => boolean, name: string): node is TSESTree.MemberExpression =>
  !!node && node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === name && object(node.object);

const isId = (name: string) => (n: TSESTree.Node): boolean => n.type === AST_NODE_TYPES.Identifier && n.name === name;

/** `const <id> = <init>;` with a single declarator. */
function singleDeclarator(stmt: TSESTree.Statement | undefined): TSESTree.VariableDeclarator | undefined {
  if (!stmt || stmt.type !== AST_NODE_TYPES.VariableDeclaration || stmt.declarations.length !== 1) return undefined;
  return stmt.declarations[0];
}

/** `{ access_token }` (no rename target other than an identifier, no default, nothing else). */
function accessTokenPattern(id: TSESTree.Node): string | undefined {
  if (id.type !== AST_NODE_TYPES.ObjectPattern || id.properties.length !== 1) return undefined;
  const p = id.properties[0]!;
  if (p.type !== AST_NODE_TYPES.Property || propertyName(p) !== "access_token" || p.value.type !== AST_NODE_TYPES.Identifier) return undefined;
  return p.value.name;
}

/** Only `headers`, `method` (GET) and `url` in the request options: nothing a rewrite would drop. */
function optionsAreDroppable(call: TSESTree.CallExpression): boolean {
  for (const arg of call.arguments) {
    if (arg.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const p of arg.properties) {
      if (p.type !== AST_NODE_TYPES.Property) return false;
      const key = propertyName(p);
      if (!key || !ALLOWED_OPTIONS.has(key)) return false;
      if (key === "method" && !(p.value.type === AST_NODE_TYPES.Literal && String(p.value.value).toUpperCase() === "GET")) return false;
    }
  }
  return call.arguments.every((a) => a.type !== AST_NODE_TYPES.SpreadElement);
}

/** Does the body (statements) only request the token and return `access_token`? */
function bodyReturnsAccessToken(body: readonly TSESTree.Statement[], call: TSESTree.CallExpression, style: ResponseStyle): boolean {
  const first = singleDeclarator(body[0]);
  if (!first || !isAwaitOf(first.init, call)) return false;
  if (style === "data") {
    // const res = await axios.get(url); return res.data.access_token;
    // const { data } = await axios.get(url); return data.access_token;
    if (body.length !== 2 || body[1]!.type !== AST_NODE_TYPES.ReturnStatement) return false;
    const ret = body[1]!.argument;
    if (first.id.type === AST_NODE_TYPES.Identifier) {
      const res = first.id.name;
      return isMember(ret, (o) => isMember(o, isId(res), "data"), "access_token");
    }
    if (first.id.type === AST_NODE_TYPES.ObjectPattern && first.id.properties.length === 1) {
      const p = first.id.properties[0]!;
      if (p.type !== AST_NODE_TYPES.Property || propertyName(p) !== "data" || p.value.type !== AST_NODE_TYPES.Identifier) return false;
      return isMember(ret, isId(p.value.name), "access_token");
    }
    return false;
  }
  if (first.id.type !== AST_NODE_TYPES.Identifier) return false;
  const res = first.id.name;
  const isJsonCall = (n: TSESTree.Node | null | undefined): boolean =>
    !!n &&
    n.type === AST_NODE_TYPES.AwaitExpression &&
    n.argument.type === AST_NODE_TYPES.CallExpression &&
    n.argument.arguments.length === 0 &&
    isMember(n.argument.callee, isId(res), "json");
  // return (await res.json()).access_token;
  if (body.length === 2) {
    const ret = body[1]!;
    return ret.type === AST_NODE_TYPES.ReturnStatement && isMember(ret.argument, isJsonCall, "access_token");
  }
  if (body.length !== 3 || body[2]!.type !== AST_NODE_TYPES.ReturnStatement) return false;
  const second = singleDeclarator(body[1]);
  const ret = body[2]!.argument;
  if (!second || !isJsonCall(second.init)) return false;
  // const body = await res.json(); return body.access_token;
  if (second.id.type === AST_NODE_TYPES.Identifier) return isMember(ret, isId(second.id.name), "access_token");
  // const { access_token } = await res.json(); return access_token;
  const local = accessTokenPattern(second.id);
  return !!local && !!ret && isId(local)(ret);
}

/** The edits of the rewrite, or undefined when it would not be safe. */
export function imdsRewrite(input: ImdsRewriteInput): TextEdit[] | undefined {
  const { program, text, call, style } = input;
  if (!optionsAreDroppable(call)) return undefined;
  // The call's statement, its block, and the function owning that block.
  const declarator = input.parentOf(input.parentOf(call) ?? call);
  const statement = declarator && input.parentOf(declarator);
  const block = statement && input.parentOf(statement);
  const fn = block && input.parentOf(block);
  if (!block || block.type !== AST_NODE_TYPES.BlockStatement || !fn) return undefined;
  if (
    fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
    fn.type !== AST_NODE_TYPES.FunctionExpression &&
    fn.type !== AST_NODE_TYPES.ArrowFunctionExpression
  ) {
    return undefined;
  }
  if (!fn.async || fn.generator || !bodyReturnsAccessToken(block.body, call, style)) return undefined;

  // The module-level statement that holds the function: the provider is declared right before it.
  let top: TSESTree.Node = fn;
  for (let p = input.parentOf(top); p && p.type !== AST_NODE_TYPES.Program; p = input.parentOf(p)) top = p;
  if (!program.body.includes(top as TSESTree.ProgramStatement)) return undefined;

  // Semicolons as the function's own statements have them (the file may have no import to copy).
  const first = block.body[0]!;
  const last = block.body[block.body.length - 1]!;
  const styleOf = { ...fileStyle(program, text, input.path), semi: text.slice(first.range[0], first.range[1]).trimEnd().endsWith(";") };
  const imports = ensureImports(program, text, IDENTITY, ["ManagedIdentityCredential", "getBearerTokenProvider"], styleOf);
  if (!imports) return undefined;
  const ref = (name: string): string => imports.refs.get(name) ?? name;
  let name = PROVIDER_NAME;
  for (let i = 2; new RegExp(`\\b${name}\\b`).test(text); i++) name = `${PROVIDER_NAME}${i}`;
  const q = styleOf.quote;
  const semi = styleOf.semi ? ";" : "";
  const credential = `new ${ref("ManagedIdentityCredential")}(${input.clientId ? `{ clientId: ${quote(input.clientId, q)} }` : ""})`;
  const declaration = `const ${name} = ${ref("getBearerTokenProvider")}(${credential}, ${quote(input.scope, q)})${semi}\n\n`;

  const edits: TextEdit[] = [{ range: [first.range[0], last.range[1]], text: `return ${name}()${semi}` }];
  // An import inserted where the provider goes: one edit, the import first.
  const at = top.range[0];
  const sameSpot = imports.edits.find((e) => e.range[0] === at && e.range[1] === at);
  edits.push(...imports.edits.filter((e) => e !== sameSpot));
  edits.push({ range: [at, at], text: (sameSpot?.text ?? "") + declaration });
  return normalizeEdits(edits);
}
