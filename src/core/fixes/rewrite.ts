/**
 * What every rewrite works with: a matched sink use in, text edits of the keyless construction out
 * (or the manual path). The generic rewrites live in construct.ts (an argument list) and
 * key-credential.ts (a key credential replaced by the TokenCredential); a family's own rewrite lives
 * in its recipe file (recipes/<family>.ts) and gets the helpers as `KIT` (its third argument), so
 * that the recipe files, which the detectors read for the sink table, load no rewrite code at
 * startup. Everything is pure: nodes in, edits out.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { TextEdit } from "../types.js";
import { findProperty, propertyKey, staticString, unwrap, type Call, type ConstLookup, type Node, type ScopeManagerLike } from "./ast.js";
import { quote } from "./credential.js";
import { addProperty, removeProperty, rewriteArgs, type NewArg } from "./edits.js";
import { deriveEndpoint, isAzureSqlHost, parseValue, sqlTarget } from "./endpoints.js";
import type { Sink } from "./sink.js";

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

export const manual = (why: string): RecipeResult => ({ manual: why });
export const src = (ctx: RecipeContext, n: Node): string => ctx.text.slice(n.range[0], n.range[1]);
export const lit = (ctx: RecipeContext, v: string): string => quote(v, ctx.quote);
export const edit = (n: Node | readonly [number, number], text: string): TextEdit => ({ range: "range" in n ? [n.range[0], n.range[1]] : [n[0], n[1]], text });

export const RUNTIME = "The connection string is built at run time, so its endpoint cannot be derived: construct the client with an endpoint and a TokenCredential by hand.";

export function parsed(use: SinkUse): ReturnType<typeof parseValue> | undefined {
  return use.value === undefined ? undefined : parseValue(use.value);
}

/** The property holding the secret, at the end of the object chain. */
export function secretProperty(use: SinkUse): TSESTree.Property | undefined {
  if (use.sink.secret.kind !== "property") return undefined;
  const obj = use.objects.at(-1);
  const key = use.sink.secret.path.at(-1)!;
  return obj ? findProperty(obj, key) : undefined;
}

/** `{ ...old, p: v }` / old object with `p: v` added / a new `{ p: v }`. */
export function optionsWith(call: Call, index: number, properties: Readonly<Record<string, string>>, ctx: RecipeContext): { arg: NewArg; edits: TextEdit[] } {
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

/** The helpers a family's own rewrite (`{ type: "recipe", apply(use, ctx, kit) }`) works with. */
export const KIT = {
  deriveEndpoint,
  edit,
  findProperty,
  isAzureSqlHost,
  lit,
  manual,
  parsed,
  parseValue,
  propertyKey,
  removeProperty,
  rewriteArgs,
  RUNTIME,
  secretProperty,
  sqlTarget,
  src,
  staticString,
  unwrap,
} as const;

export type RewriteKit = typeof KIT;
