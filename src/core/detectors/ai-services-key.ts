import { fakeBase64, fakeHex } from "../keys/fake.js";
import { hasHostOf, keyShape, matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { stringLiteralAt } from "../text/literal-context.js";
import type { Candidate, Detector } from "../types.js";

/** Setting and variable names that say "Azure OpenAI / AI services / Cognitive Services key" by themselves. */
const SERVICE_NAMES = new RegExp(
  String.raw`(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}(?:azure_?)?(?:open_?ai|ai_?services?|ai|cognitive_?services?|cognitive|speech|translator|text_?analytics|language|computer_?vision|vision|face|form_?recognizer|document_?intelligence|content_?safety|content_?moderator|custom_?vision(?:_?training|_?prediction)?|anomaly_?detector|personalizer|luis(?:_?authoring)?|immersive_?reader|metrics_?advisor)_?(?:api_?|subscription_?|resource_?|service_?|account_?)?key[12]?(?![\w-])`,
  "gi",
);
/** Headers and generic names that need an AI services host (or an `AzureOpenAI(` call) nearby. */
const HEADERS = /(?<![\w-])(?:api-key|ocp-apim-subscription-key)(?![\w-])/gi;
const GENERIC_NAMES = /(?<![\w-])(?:api_?key|subscription_?key|key[12]?)(?![\w-])/gi;
const AZURE_OPENAI_CALL = /\b(?:Async)?AzureOpenAI\s*\(/;
const KEY_CREDENTIAL = /\bAzureKeyCredential\([ \t]*/g;
const FROM_SUBSCRIPTION = /\b(?:Speech|SpeechTranslation)Config\.fromSubscription\([ \t]*/g;
/** AI SDK clients that take an `AzureKeyCredential`. */
const AI_CLIENT =
  /\b(?:TextAnalysisClient|TextAnalyticsClient|DocumentAnalysisClient|DocumentModelAdministrationClient|FormRecognizerClient|FormTrainingClient|ComputerVisionClient|ImageAnalysisClient|FaceClient|ContentSafetyClient|ConversationAnalysisClient|QuestionAnsweringClient|TextTranslationClient|DocumentTranslationClient|AnomalyDetectorClient|MetricsAdvisorClient|MetricsAdvisorAdministrationClient|OpenAIClient|ChatCompletionsClient|EmbeddingsClient|PersonalizerClient|DocumentIntelligence|ModelClient|ImageAnalysis|ContentSafety|TextTranslation)\b/;

const before = (text: string, at: number, n: number): string => text.slice(Math.max(0, at - n), at);

export const aiServicesKey: Detector = {
  id: "ai-services-key",
  service: "ai-services",
  title: "Azure OpenAI / AI services key (legacy 32-hex)",
  description:
    "A legacy Azure OpenAI, Azure AI services or Cognitive Services key (32 hex characters). The shape alone is too common to report, so it counts only in context: an `api-key` / `Ocp-Apim-Subscription-Key` header or `apiKey` next to an `.openai.azure.com`, `.cognitiveservices.azure.com` or `api.cognitive.microsoft.com` host, `new AzureOpenAI({ apiKey })`, `AzureKeyCredential` passed to an AI client, `SpeechConfig.fromSubscription`, or a name such as `AZURE_OPENAI_API_KEY` or `SPEECH_KEY`. Newer 84-character keys are found by cask-key.",
  keywords: [
    "api-key", "ocp-apim-subscription-key", "openai", "cognitive", "services.ai.azure.com", "azurekeycredential",
    "fromsubscription", "speech", "translator", "text_analytics", "textanalytics", "form_recognizer", "formrecognizer",
    "document_intelligence", "documentintelligence", "content_safety", "contentsafety", "computer_vision",
    "computervision", "vision_key", "visionkey", "face_key", "facekey", "ai_service", "aiservice", "ai_key", "aikey",
    "luis", "personalizer", "anomaly", "language_key", "languagekey", "custom_vision", "customvision",
    "immersive", "metrics_advisor", "content_moderator",
  ],
  window: { before: 400, after: 400 },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const add = (start: number, end: number, value: string, context: string): void => {
      if (keyShape(value, ["hex32"])) out.push({ start, end, fields: { format: "legacy-hex", context } });
    };
    for (const { value } of namedValues(SERVICE_NAMES, text, from, to)) {
      const v = trimValue(value);
      add(v.start, v.end, v.value, "name");
    }
    for (const { value } of namedValues(HEADERS, text, from, to)) {
      const v = trimValue(value);
      if (hasHostOf(text, v.start, v.end, "ai-services")) add(v.start, v.end, v.value, "header");
    }
    for (const { value } of namedValues(GENERIC_NAMES, text, from, to)) {
      const v = trimValue(value);
      if (AZURE_OPENAI_CALL.test(before(text, v.start, 300))) add(v.start, v.end, v.value, "AzureOpenAI");
      else if (hasHostOf(text, v.start, v.end, "ai-services", 300)) add(v.start, v.end, v.value, "host");
    }
    for (const m of matchesIn(KEY_CREDENTIAL, text, from, to)) {
      const lit = stringLiteralAt(text, m.index + m[0].length, 80);
      if (!lit) continue;
      if (AI_CLIENT.test(before(text, m.index, 300)) || hasHostOf(text, lit.start, lit.end, "ai-services", 300)) {
        add(lit.start, lit.end, lit.value, "AzureKeyCredential");
      }
    }
    for (const m of matchesIn(FROM_SUBSCRIPTION, text, from, to)) {
      const lit = stringLiteralAt(text, m.index + m[0].length, 80);
      if (lit) add(lit.start, lit.end, lit.value, "SpeechConfig.fromSubscription");
    }
    return out;
  },
  samples() {
    const k = (n: number): string => fakeHex(32, `ai-services-${n}`);
    return {
      positive: [
        `const client = new AzureOpenAI({\n  endpoint: "https://contoso.openai.azure.com/",\n  apiKey: "${k(1)}",\n  apiVersion: "2024-10-21",\n});`,
        `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\nAZURE_OPENAI_API_KEY=${k(2)}\n`,
        `curl -X POST "https://westeurope.api.cognitive.microsoft.com/sts/v1.0/issueToken" \\\n  -H "Ocp-Apim-Subscription-Key: ${k(3)}"`,
        `client = DocumentAnalysisClient(endpoint=endpoint, credential=AzureKeyCredential("${k(4)}"))`,
        `const speechConfig = sdk.SpeechConfig.fromSubscription("${k(5)}", "westeurope");`,
        `env:\n  - name: AZURE_OPENAI_API_KEY\n    value: "${k(6)}"`,
        `{\n  "OpenAI": {\n    "Endpoint": "https://contoso.openai.azure.com/",\n    "Key": "${k(7)}"\n  }\n}`,
        `# .env.local (Vite exposes VITE_ variables to the browser bundle)\nVITE_AZURE_OPENAI_API_KEY=${k(10)}`,
        // A PowerShell here-string and a YAML block scalar hold the key on the next line.
        `$env:AZURE_OPENAI_ENDPOINT = "https://contoso.openai.azure.com/"\n$azureOpenAiApiKey = @"\n${k(11)}\n"@`,
        `openai:\n  endpoint: https://contoso.openai.azure.com/\n  azure_openai_api_key: >-\n    ${k(12)}\n`,
        // A literal fallback for a missing environment variable.
        `const endpoint = "https://contoso.openai.azure.com/";\nconst apiKey = process.env.AZURE_OPENAI_API_KEY || "${k(13)}";`,
      ],
      negative: [
        // Prose in a block scalar is not a key.
        `openai:\n  azure_openai_api_key: |\n    Read it from Key Vault (secret openai-key), never commit it.\n`,
        // 32 hex characters with no Azure AI context.
        `const headers = { "api-key": "${k(8)}" };`,
        `AZURE_OPENAI_DEPLOYMENT_ID=3f2504e0-4f89-11d3-9a0c-0305e82c3301\nAZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/`,
        "AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}\nSPEECH_KEY=<your-speech-key>",
        `const requestId = "${k(9)}"; // logged by https://contoso.openai.azure.com`,
        `AZURE_OPENAI_API_KEY=${"0".repeat(32)}`,
        `AZURE_OPENAI_API_KEY=${fakeHex(40, "ai-services-sha")}`,
        `.speech-bubble { color: #a1b2c3; }`,
        `"node_modules/openai": {\n  "resolved": "https://registry.npmjs.org/openai/-/openai-4.0.0.tgz",\n  "integrity": "sha512-${fakeBase64(64, "ai-services-sri")}"\n}`,
      ],
    };
  },
};
