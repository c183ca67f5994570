import { AzureOpenAI } from "openai";
import { SearchClient, AzureKeyCredential } from "@azure/search-documents";

export const openai = new AzureOpenAI({
  endpoint: "https://contoso-ai.openai.azure.com",
  apiKey: "__FAKE_OPENAI_KEY__",
  apiVersion: "2024-10-21",
  deployment: "gpt-4o",
});

export const search = new SearchClient(
  "https://contoso-search.search.windows.net",
  "products",
  new AzureKeyCredential("__FAKE_SEARCH_KEY__"),
);

// Language detection through the multi-service AI Services resource.
export async function detectLanguage(text: string): Promise<unknown> {
  const res = await fetch("https://contoso-ai-services.cognitiveservices.azure.com/language/:analyze-text?api-version=2023-04-01", {
    method: "POST",
    headers: { "Ocp-Apim-Subscription-Key": "__FAKE_AI_SERVICES_KEY__", "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "LanguageDetection", analysisInput: { documents: [{ id: "1", text }] } }),
  });
  return res.json();
}
