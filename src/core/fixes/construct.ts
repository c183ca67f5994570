/**
 * The generic rewrite: a new construction (the same or another callee) with an argument list built
 * from the old one (`ArgSpec`s: the endpoint derived from the connection string, old arguments, the
 * credential, options with properties added). Most families need nothing else.
 */
import type { TextEdit } from "../types.js";
import { staticString, unwrap } from "./ast.js";
import { rewriteArgs, type NewArg } from "./edits.js";
import { deriveEndpoint } from "./endpoints.js";
import { edit, lit, manual, optionsWith, parsed, RUNTIME, src, type RecipeContext, type RecipeResult, type SinkUse } from "./rewrite.js";
import { sasUrlBase, type ArgSpec, type Sink } from "./sink.js";

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

const SAS_REVOKE = "The SAS is no longer used: revoke it (delete its stored access policy, or rotate the key that signed it), since it stays valid until it expires.";

export function construct(use: SinkUse, specs: readonly ArgSpec[], target: Sink["callee"] | undefined, ctx: RecipeContext): RecipeResult {
  if (use.sink.sasUrl && use.value === undefined) return manual("The URL is built at run time, so its SAS cannot be removed: construct the client with the resource URL and a TokenCredential by hand.");
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
      case "sas-url": {
        const base = use.value === undefined ? undefined : sasUrlBase(use.value);
        if (base === undefined) return manual("The URL is built at run time, so its SAS cannot be removed: construct the client with the resource URL and a TokenCredential by hand.");
        endpoint = base;
        args.push({ text: lit(ctx, base) });
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
  if (use.sink.sasUrl || (use.sink.service === "storage" && cs.value("SharedAccessSignature"))) notes.push(SAS_REVOKE);
  const entity = cs.value("EntityPath");
  if (entity && use.sink.service === "service-bus") notes.push(`The connection string named the entity "${entity}": pass it to createSender/createReceiver.`);
  const name = (target ?? use.sink.callee).path.join(".");
  return { edits: [...c, ...a, ...extra], summary: `${name} with ${endpoint}`, notes };
}
