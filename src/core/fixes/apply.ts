/**
 * Run a matched sink's rewrite: the generic ones (construct.ts, key-credential.ts) or the family's
 * own (`{ type: "recipe", apply }`, declared in its recipe file).
 */
import { construct } from "./construct.js";
import { credentialRecipe } from "./key-credential.js";
import { credentialSlotFor } from "./recipes/index.js";
import { KIT, manual, type RecipeContext, type RecipeResult, type SinkUse } from "./rewrite.js";
import type { Sink } from "./sink.js";

export type { RecipeContext, RecipeResult, SinkUse } from "./rewrite.js";

/** Identity exports a sink's rewrite needs besides the credential class. */
export function extraIdentityNames(sink: Sink): string[] {
  return sink.rewrite?.type === "recipe" ? [...(sink.rewrite.identityNames ?? [])] : [];
}

const SAS_SIGNING = /\.(generateSasUrl|generateSasStringToSign)\s*\(/;

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

export function applyRecipe(use: SinkUse, ctx: RecipeContext): RecipeResult {
  const rw = use.sink.rewrite;
  if (!rw) return manual(use.sink.manual ?? `${use.sink.form} has no keyless form.`);
  if (use.call.type === "CallExpression" && use.call.optional) return manual("Optional call (`?.`): rewrite it by hand.");
  // A storage client that signs SAS URLs needs the account key: a TokenCredential cannot sign them.
  const signs = use.sink.service === "storage" ? SAS_SIGNING.exec(ctx.text) : null;
  if (signs) {
    return manual(
      `This module signs SAS tokens with the account key (\`${signs[1]}\` on line ${lineOf(ctx.text, signs.index)}), which a TokenCredential cannot do: sign them with a user delegation key (getUserDelegationKey, then generateUserDelegationSasUrl or generateBlobSASQueryParameters with it), then construct the client with a TokenCredential.`,
    );
  }
  switch (rw.type) {
    case "construct":
      return construct(use, rw.args, rw.callee, ctx);
    case "credential":
      return credentialRecipe(use, ctx, credentialSlotFor);
    case "recipe":
      return rw.apply(use, ctx, KIT);
  }
}
