import { cognitiveProduct, isDummyCask, makeCaskKey, validateCask, type CaskParts } from "../keys/cask.js";
import { fakeHex, rng } from "../keys/fake.js";
import { matchesIn } from "../detect/key-context.js";
import type { Candidate, Detector, ServiceId } from "../types.js";

/** 84 base62 characters (or 88 in the long form) with `JQQJ9` at offset 52; see src/core/keys/cask.ts. */
const PATTERN =
  /(?<![A-Za-z0-9+/])[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}[A-Za-z][A-Za-z0-9]{3}[A-Za-z0-9+/]{4}(?:[A-Za-z0-9+/]{2}==)?(?![A-Za-z0-9+/=])/g;

/**
 * Provider signatures we can attribute to a service id. `AWPS` (Web PubSub) and `ASRS` (SignalR)
 * are not in security-utilities' list; `AWPS` keys seen in public code carry a valid checksum.
 * Mixed Reality (`AZMR`) and Fluid Relay (`AZFR`) have no service id in our catalog and are not
 * reported (see the detector description).
 */
const PROVIDERS: Readonly<Record<string, { service: ServiceId; name: string }>> = {
  ACOG: { service: "ai-services", name: "Azure AI services" },
  AZDO: { service: "devops", name: "Azure DevOps personal access token" },
  AZAC: { service: "app-configuration", name: "App Configuration access key" },
  AZMP: { service: "maps", name: "Azure Maps key" },
  AZCS: { service: "communication-services", name: "Communication Services access key" },
  AZEG: { service: "event-grid", name: "Event Grid access key" },
  AWPS: { service: "web-pubsub", name: "Web PubSub access key" },
  ASRS: { service: "signalr", name: "SignalR access key" },
  msql: { service: "sql", name: "Azure SQL platform-managed key" },
};

function describe(parts: CaskParts): { service: ServiceId; fields: Record<string, string> } | undefined {
  const provider = PROVIDERS[parts.provider];
  if (!provider || isDummyCask(parts)) return undefined;
  const product = cognitiveProduct(parts);
  return {
    service: provider.service,
    fields: {
      format: parts.longForm ? "cask-legacy-long" : "cask-legacy",
      provider: parts.provider,
      product: product ?? provider.name,
      created: `${parts.year}-${String(parts.month).padStart(2, "0")}`,
      ...(parts.kind !== "standard" ? { kind: parts.kind } : {}),
    },
  };
}

export const caskKey: Detector = {
  id: "cask-key",
  service: "ai-services",
  title: "Azure common annotated security key (CASK)",
  description:
    "An 84-character Azure key in the common annotated (CASK-legacy) format: `JQQJ99` at offset 52, the creation year and month, a provider signature (`ACOG` AI services / Azure OpenAI / Cognitive Services, `AZDO` DevOps PAT, `AZAC` App Configuration, `AZMP` Maps, `AZCS` Communication Services, `AZEG` Event Grid, `AWPS` Web PubSub, `ASRS` SignalR) and a Marvin32 checksum, which is verified. The provider sets the service. The Dummy provider's test keys (`AAAc` + `ACOG`) are not reported, nor are Mixed Reality (`AZMR`) and Fluid Relay (`AZFR`) keys, which have no service entry.",
  keywords: ["jqqj"],
  window: { before: 52, after: 40 },
  severity: "error",
  // Below the connection-string detectors (65+): when a CASK key sits in a connection string, the
  // connection-string finding (with the whole string as container, for the fix) wins the span.
  priority: 64,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const m of matchesIn(PATTERN, text, from, to)) {
      const parts = validateCask(m[0]);
      const described = parts && describe(parts);
      if (!described) continue;
      out.push({ start: m.index, end: m.index + m[0].length, service: described.service, fields: described.fields });
    }
    return out;
  },
  samples() {
    const openai = makeCaskKey({ provider: "ACOG", providerReserved: "AAAB" }, rng("cask-openai"));
    const speech = makeCaskKey({ provider: "ACOG", providerReserved: "AAAY", date: "BB" }, rng("cask-speech"));
    const devops = makeCaskKey({ provider: "AZDO", providerReserved: "AAAS" }, rng("cask-devops"));
    const maps = makeCaskKey({ provider: "AZMP" }, rng("cask-maps"));
    const grid = makeCaskKey({ provider: "AZEG", longForm: true }, rng("cask-grid"));
    const dummy = makeCaskKey({ provider: "ACOG", providerReserved: "AAAc" }, rng("cask-dummy"));
    const broken = `${openai.slice(0, 20)}${openai[20] === "Q" ? "R" : "Q"}${openai.slice(21)}`;
    return {
      positive: [
        `const client = new AzureOpenAI({\n  endpoint: "https://contoso.openai.azure.com",\n  apiKey: "${openai}",\n  apiVersion: "2024-10-21",\n});`,
        `SPEECH_KEY=${speech}\nSPEECH_REGION=westeurope\n`,
        `git clone https://user:${devops}@dev.azure.com/contoso/app/_git/app`,
        `azure:\n  maps:\n    key: ${maps}\n`,
        `<!-- Event Grid topic -->\n<add key="TopicKey" value="${grid}" />`,
        `| setting | value |\n|---|---|\n| token | \`${devops}\` |`,
      ],
      negative: [
        // The Dummy provider issues published test keys.
        `OPENAI_KEY=${dummy}`,
        // Checksum does not hold.
        `apiKey: "${broken}"`,
        // Part of a longer run of characters.
        `const blob = "${openai}${fakeHex(16, "cask-neg")}";`,
        `const id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"; // JQQJ99 marks CASK keys`,
        `apiKey: "${"x".repeat(52)}JQQJ99BFAC${"A".repeat(22)}"`,
      ],
    };
  },
};
