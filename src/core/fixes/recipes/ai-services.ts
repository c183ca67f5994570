/**
 * Azure OpenAI (openai's AzureOpenAI) and Azure AI services clients (@azure/ai-text-analytics,
 * @azure/ai-language-text, @azure/ai-form-recognizer). AzureOpenAI's `apiKey` becomes
 * `azureADTokenProvider: getBearerTokenProvider(credential, scope)`; the AI services clients' key
 * credential is replaced in their credential slot (key-credentials.ts).
 */
import { findProperty } from "../ast.js";
import type { RecipeFamily, SampleMaker } from "../family.js";
import { edit, lit, manual, secretProperty, type RecipeContext, type RecipeResult, type SinkUse } from "../rewrite.js";
import { samplesOf } from "../sample-secrets.js";
import { newOf, slot } from "../sink.js";

const SCOPE = "https://cognitiveservices.azure.com/.default";

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
      rewrite: { type: "recipe", apply: (use, ctx) => openai(use, SCOPE, ctx), identityNames: ["getBearerTokenProvider"] },
      manual:
        "AzureOpenAI reads AZURE_OPENAI_API_KEY by default and throws when it is set together with azureADTokenProvider: remove AZURE_OPENAI_API_KEY from the environment.",
    },
  ],
  credentialSlots: [
    slot(["@azure/ai-text-analytics"], "TextAnalyticsClient", "ai-services", 1),
    slot(["@azure/ai-language-text"], "TextAnalysisClient", "ai-services", 1),
    slot(["@azure/ai-form-recognizer"], "DocumentAnalysisClient", "ai-services", 1),
  ],
  samples: () => samplesOf(SAMPLES),
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
