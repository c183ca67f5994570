/**
 * The `credential` rewrite: a key credential (`new AzureKeyCredential(key)`,
 * `new StorageSharedKeyCredential(account, key)`, a client-secret credential ...) becomes the
 * TokenCredential, wherever it is passed straight to a client constructor with a credential slot
 * (and nothing else, such as SAS signing, uses it). `slotFor` is the registry's slot lookup.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { TextEdit } from "../types.js";
import { constReferences, moduleBindings, resolveCallee, type Call, type Node } from "./ast.js";
import { rewriteArgs, type NewArg } from "./edits.js";
import { edit, lit, manual, optionsWith, src, type RecipeContext, type RecipeResult, type SinkUse } from "./rewrite.js";
import type { CredentialSlot } from "./sink.js";

export type SlotLookup = (module: string, path: readonly string[], isNew: boolean) => CredentialSlot | undefined;

/** A call argument slot: `call.arguments[index]`. */
interface SlotUse {
  readonly call: Call;
  readonly index: number;
  readonly slot: CredentialSlot;
}

function slotOf(node: Node, ctx: RecipeContext, slotFor: SlotLookup): SlotUse | string {
  const parent = ctx.parents.get(node);
  if (!parent || (parent.type !== "CallExpression" && parent.type !== "NewExpression")) return "it is not passed straight to a client constructor";
  const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
  if (index < 0) return "it is not passed straight to a client constructor";
  const resolved = resolveCallee(parent.callee, moduleBindings(ctx.program));
  const slot = resolved ? slotFor(resolved.module, resolved.path, parent.type === "NewExpression") : undefined;
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

export function credentialRecipe(use: SinkUse, ctx: RecipeContext, slotFor: SlotLookup): RecipeResult {
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
      const s = slotOf(r, ctx, slotFor);
      if (typeof s === "string") return manual(`The ${cls} \`${parent.id.name}\` is also used where a TokenCredential does not fit (${s}). ${use.sink.manual ?? ""}`.trim());
      slots.push(s);
    }
    if (parent.id.typeAnnotation) return manual(`The variable \`${parent.id.name}\` is declared with a type annotation: change it to TokenCredential by hand.`);
  } else {
    const s = slotOf(expr, ctx, slotFor);
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
