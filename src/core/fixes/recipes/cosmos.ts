/**
 * Azure Cosmos DB (@azure/cosmos): `new CosmosClient(cs | { endpoint, key } | { connectionString })`
 * becomes `new CosmosClient({ endpoint, aadCredentials })`.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import type { RecipeContext, RecipeResult, RewriteKit, SinkUse } from "../rewrite.js";
import { newOf, type Rewrite, type Sink } from "../sink.js";

const COSMOS = ["@azure/cosmos"];
const CAVEAT = "Cosmos DB data-plane RBAC does not cover creating databases or containers: do that in IaC or with @azure/arm-cosmosdb.";
const rewrite: Rewrite = { type: "recipe", apply: (use, ctx, kit) => cosmosRewrite(use, ctx, kit) };
const client = (id: string, form: string, secret: Sink["secret"], keyless: string): Sink => ({
  id,
  service: "cosmos-db",
  modules: COSMOS,
  callee: newOf("CosmosClient"),
  form,
  secret,
  keyless,
  rewrite,
  caveat: CAVEAT,
});

function cosmosRewrite(use: SinkUse, ctx: RecipeContext, kit: RewriteKit): RecipeResult {
  const { deriveEndpoint, edit, findProperty, lit, manual, parsed, parseValue, propertyKey, removeProperty, RUNTIME, secretProperty } = kit;
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

export const cosmos: RecipeFamily = {
  family: "cosmos",
  sinks: [
    client(
      "cosmos-client-from-connection-string",
      "new CosmosClient(connectionString)",
      { kind: "connection-string", arg: 0 },
      'new CosmosClient({ endpoint: "https://<account>.documents.azure.com:443/", aadCredentials: credential })',
    ),
    client("cosmos-client-key", "new CosmosClient({ endpoint, key })", { kind: "property", arg: 0, path: ["key"] }, "new CosmosClient({ endpoint, aadCredentials: credential })"),
    client(
      "cosmos-client-connection-string-option",
      "new CosmosClient({ connectionString })",
      { kind: "property", arg: 0, path: ["connectionString"] },
      "new CosmosClient({ endpoint, aadCredentials: credential })",
    ),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "cosmos client from a connection string",
    before: `import { CosmosClient } from "@azure/cosmos";

export const cosmos = new CosmosClient("${s.cosmosCs}");
`,
    after: `import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";

export const cosmos = new CosmosClient({ endpoint: "https://contoso-db.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential() });
`,
  }),
  (s) => ({
    name: "cosmos client with endpoint and key",
    before: `import { CosmosClient } from "@azure/cosmos";

const key = "${s.cosmosKey}";
export const cosmos = new CosmosClient({
  endpoint: "https://contoso-db.documents.azure.com:443/",
  key,
});
`,
    after: `import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";

export const cosmos = new CosmosClient({
  endpoint: "https://contoso-db.documents.azure.com:443/",
  aadCredentials: new DefaultAzureCredential(),
});
`,
  }),
  (s) => ({
    name: "cosmos client with a connectionString option",
    before: `import { CosmosClient } from "@azure/cosmos";

export const cosmos = new CosmosClient({ connectionString: "${s.cosmosCs}", consistencyLevel: "Session" });
`,
    after: `import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";

export const cosmos = new CosmosClient({ endpoint: "https://contoso-db.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential(), consistencyLevel: "Session" });
`,
  }),
];
