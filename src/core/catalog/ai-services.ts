import type { CatalogEntry } from "./types.js";

export const aiServices: CatalogEntry = {
  id: "ai-services",
  displayName: "Azure OpenAI and AI services",
  plural: true,
  msi: "yes",
  summary:
    "AzureOpenAI takes an `azureADTokenProvider`, and the other Azure AI SDKs take a TokenCredential, instead of an api-key.",
  caveat:
    "Token authentication needs the resource's custom-subdomain endpoint. AzureOpenAI reads AZURE_OPENAI_API_KEY by default and throws when both are set: remove that variable.",
  replacement:
    'new AzureOpenAI({ endpoint, apiVersion, azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default") })',
  action: "pass a TokenCredential, or for AzureOpenAI a bearer token provider",
  roles: [
    { name: "Cognitive Services OpenAI User", id: "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", scope: "azure-rbac" },
    { name: "Cognitive Services User", id: "a97b65f3-24c7-4388-baec-2e87135dc908", scope: "azure-rbac" },
    { name: "Cognitive Services OpenAI Contributor", id: "a001fd3d-188f-4b5d-821b-7da978bf7442", scope: "azure-rbac" },
  ],
  grant: "Cognitive Services OpenAI User (Azure OpenAI) or Cognitive Services User (other AI services)",
  docs: "https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity",
  tokenScope: "https://cognitiveservices.azure.com/.default",
  packages: [
    "openai",
    "@azure/ai-projects",
    "@azure-rest/ai-inference",
    "@azure/ai-language-text",
    "@azure/ai-form-recognizer",
    "@azure-rest/ai-document-intelligence",
  ],
  hasCodeFix: true,
};
