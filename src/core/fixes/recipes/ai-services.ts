/**
 * Azure OpenAI (openai's AzureOpenAI) and Azure AI services clients (@azure/ai-text-analytics,
 * @azure/ai-language-text, @azure/ai-form-recognizer). AzureOpenAI's `apiKey` becomes
 * `azureADTokenProvider: getBearerTokenProvider(credential, scope)`; the AI services clients' key
 * credential is replaced in their credential slot (key-credentials.ts).
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import type { RecipeContext, RecipeResult, RewriteKit, SinkUse } from "../rewrite.js";
import { newOf, slot } from "../sink.js";

const SCOPE = "https://cognitiveservices.azure.com/.default";

function openai(use: SinkUse, scope: string, ctx: RecipeContext, kit: RewriteKit): RecipeResult {
  const { edit, findProperty, lit, manual, secretProperty } = kit;
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

export const aiServices: RecipeFamily = {
  family: "ai-services",
  sinks: [
    {
      id: "azure-openai-api-key",
      service: "ai-services",
      modules: ["openai"],
      callee: newOf("AzureOpenAI"),
      form: "new AzureOpenAI({ apiKey })",
      secret: { kind: "property", arg: 0, path: ["apiKey"] },
      keyless: 'new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default") })',
      rewrite: { type: "recipe", apply: (use, ctx, kit) => openai(use, SCOPE, ctx, kit), identityNames: ["getBearerTokenProvider"] },
      manual:
        "AzureOpenAI reads AZURE_OPENAI_API_KEY by default and throws when it is set together with azureADTokenProvider: remove AZURE_OPENAI_API_KEY from the environment.",
    },
  ],
  credentialSlots: [
    slot(["@azure/ai-text-analytics"], "TextAnalyticsClient", "ai-services", 1),
    slot(["@azure/ai-language-text"], "TextAnalysisClient", "ai-services", 1),
    slot(["@azure/ai-form-recognizer"], "DocumentAnalysisClient", "ai-services", 1),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Azure OpenAI apiKey",
    before: `import { AzureOpenAI } from "openai";

export const openai = new AzureOpenAI({
  endpoint: "https://contoso.openai.azure.com/",
  apiKey: "${s.openAiKey}",
  apiVersion: "2024-10-21",
});
`,
    after: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

export const openai = new AzureOpenAI({
  endpoint: "https://contoso.openai.azure.com/",
  azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),
  apiVersion: "2024-10-21",
});
`,
  }),
  () => ({
    name: "AzureOpenAI apiKey from the environment",
    callee: "AzureOpenAI",
    before: `import { AzureOpenAI } from "openai";

export const openai = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT!, apiKey: process.env.AZURE_OPENAI_KEY, apiVersion: "2024-10-21" });
`,
    after: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

export const openai = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT!, azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), apiVersion: "2024-10-21" });
`,
  }),
];
