/**
 * The fix cases the tests run: every recipe family's own samples (src/core/fixes/recipes/<family>.ts)
 * plus the cases of the shared machinery below, and the helpers that run them like `azure-msi fix`
 * does. Secrets are generated at test time (src/core/fixes/sample-secrets.ts), never committed; the
 * expected outputs hold none (except where a constant is deliberately kept). Used by samples.test.ts
 * (exact output, idempotence, outputs compile against the real SDKs) and parts.test.ts.
 */
import { parse } from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { planFix, planSinkFix, applyEdits, type CredentialChoice } from "../../src/adapters/estree.js";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import { isConstructionSample, type ConstructionSample, type LiteralSample } from "../../src/core/fixes/family.js";
import { FAMILIES } from "../../src/core/fixes/recipes/index.js";
import { sampleSecrets } from "../../src/core/fixes/sample-secrets.js";
import { scanText } from "../../src/core/index.js";
import type { Finding, FixPlan } from "../../src/core/types.js";

export const S = sampleSecrets();

export type FixCase = LiteralSample;
export type SinkCase = ConstructionSample;

export interface FixRun {
  readonly output: string;
  readonly plans: FixPlan[];
  readonly manuals: string[];
  readonly findings: Finding[];
}

const parseProgram = (text: string): TSESTree.Program => parse(text, { range: true, loc: true }) as unknown as TSESTree.Program;

/**
 * What `azure-msi fix` does with one file: scan, plan each finding, apply the first plan, rescan,
 * until no finding yields a plan.
 */
export function runFix(c: Pick<FixCase, "before" | "file" | "credential" | "clientId">, maxRounds = 8): FixRun {
  let text = c.before;
  const plans: FixPlan[] = [];
  const manuals: string[] = [];
  const file = c.file ?? "case.ts";
  const firstFindings = scanText(text, { path: file });
  for (let round = 0; round < maxRounds; round++) {
    const findings = scanText(text, { path: file });
    const ast = parseProgram(text);
    let applied = false;
    for (const finding of findings) {
      const r = planFix({ ast, text, finding, credential: c.credential ?? "default", path: file, ...(c.clientId ? { clientId: c.clientId } : {}) });
      if ("plan" in r) {
        plans.push(r.plan);
        text = applyEdits(text, r.plan.edits);
        applied = true;
        break;
      }
      if (round === 0 || !manuals.includes(r.manual)) manuals.push(r.manual);
    }
    if (!applied) break;
  }
  return { output: text, plans, manuals, findings: firstFindings };
}

/** The plans a text yields, without applying them (idempotence checks). */
export function plansFor(text: string, file = "case.ts", credential: CredentialChoice = "default"): FixPlan[] {
  const ast = parseProgram(text);
  const out: FixPlan[] = [];
  for (const finding of scanText(text, { path: file })) {
    const r = planFix({ ast, text, finding, credential, path: file });
    if ("plan" in r) out.push(r.plan);
  }
  return out;
}

const s = S;

/** Cases of the shared machinery (import styles, credential choice, value tracing, formatting), not of one SDK family. */
const ENGINE_CASES: readonly FixCase[] = [
  // ---------------------------------------------------------------- Credentials, imports, module systems
  {
    name: "user-assigned managed identity",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = BlobServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { ManagedIdentityCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new ManagedIdentityCredential({ clientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b" }));
`,
    credential: "managed-identity",
    clientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b",
  },
  {
    name: "CommonJS require",
    file: "case.cjs",
    before: `"use strict";
const { QueueServiceClient } = require("@azure/storage-queue");

const queues = QueueServiceClient.fromConnectionString("${s.storageCs}");
module.exports = { queues };
`,
    after: `"use strict";
const { QueueServiceClient } = require("@azure/storage-queue");
const { DefaultAzureCredential } = require("@azure/identity");

const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", new DefaultAzureCredential());
module.exports = { queues };
`,
  },
  {
    name: "CommonJS with an existing @azure/identity require",
    file: "case.cjs",
    before: `const { AzureCliCredential } = require("@azure/identity");
const { ServiceBusClient } = require("@azure/service-bus");

const bus = new ServiceBusClient("${s.sbCs}");
module.exports = { bus, cli: new AzureCliCredential() };
`,
    after: `const { AzureCliCredential, DefaultAzureCredential } = require("@azure/identity");
const { ServiceBusClient } = require("@azure/service-bus");

const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
module.exports = { bus, cli: new AzureCliCredential() };
`,
  },
  {
    name: "existing @azure/identity import is merged",
    before: `import { AzureCliCredential } from "@azure/identity";
import { AppConfigurationClient } from "@azure/app-configuration";

export const local = new AzureCliCredential();
export const settings = new AppConfigurationClient("${s.appConfigCs}");
`,
    after: `import { AzureCliCredential, DefaultAzureCredential } from "@azure/identity";
import { AppConfigurationClient } from "@azure/app-configuration";

export const local = new AzureCliCredential();
export const settings = new AppConfigurationClient("https://contoso-config.azconfig.io", new DefaultAzureCredential());
`,
  },
  {
    name: "namespace imports are used as is",
    before: `import * as identity from "@azure/identity";
import * as blob from "@azure/storage-blob";

export const fallback = identity.getDefaultAzureCredential();
export const blobService = blob.BlobServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import * as identity from "@azure/identity";
import * as blob from "@azure/storage-blob";

export const fallback = identity.getDefaultAzureCredential();
export const blobService = new blob.BlobServiceClient("https://acct1.blob.core.windows.net", new identity.DefaultAzureCredential());
`,
  },
  {
    name: "DefaultAzureCredential with a user-assigned client id",
    before: `import { AppConfigurationClient } from "@azure/app-configuration";

export const settings = new AppConfigurationClient("${s.appConfigCs}");
`,
    after: `import { AppConfigurationClient } from "@azure/app-configuration";
import { DefaultAzureCredential } from "@azure/identity";

export const settings = new AppConfigurationClient("https://contoso-config.azconfig.io", new DefaultAzureCredential({ managedIdentityClientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b" }));
`,
    clientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b",
  },

  // ---------------------------------------------------------------- Following the value: consts, properties, fallbacks, concatenations
  {
    name: "secret const used twice is kept",
    keepsSecret: true,
    before: `import { BlobServiceClient } from "@azure/storage-blob";

const STORAGE = "${s.storageCs}";

export const blobService = BlobServiceClient.fromConnectionString(STORAGE);
export function describe(): string {
  return STORAGE.split(";")[1] ?? "";
}
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

const STORAGE = "${s.storageCs}";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
export function describe(): string {
  return STORAGE.split(";")[1] ?? "";
}
`,
  },
  {
    name: "environment variable with a hard-coded fallback",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING ?? "${s.storageCs}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "connection string split over a concatenation",
    before: `import { QueueServiceClient } from "@azure/storage-queue";

export const queues = QueueServiceClient.fromConnectionString(
  "DefaultEndpointsProtocol=https;AccountName=acct1;" +
    "AccountKey=${s.storageKey};EndpointSuffix=core.windows.net",
);
`,
    after: `import { QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const queues = new QueueServiceClient(
  "https://acct1.queue.core.windows.net",
  new DefaultAzureCredential(),
);
`,
  },
  {
    name: "one const used by two clients is removed",
    before: `import { BlobServiceClient } from "@azure/storage-blob";
import { QueueServiceClient } from "@azure/storage-queue";

const STORAGE = "${s.storageCs}";
export const blobs = BlobServiceClient.fromConnectionString(STORAGE);
export const queues = QueueServiceClient.fromConnectionString(STORAGE);
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const blobs = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "settings object: the secret property goes once nothing reads it",
    before: `import { ServiceBusClient } from "@azure/service-bus";

const settings = {
  queue: "orders",
  serviceBus: "${s.sbCs}",
};

export const bus = new ServiceBusClient(settings.serviceBus);
export const sender = bus.createSender(settings.queue);
`,
    after: `import { ServiceBusClient } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";

const settings = {
  queue: "orders",
};

export const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
export const sender = bus.createSender(settings.queue);
`,
  },
  {
    name: "nested settings object passed whole elsewhere keeps the property",
    keepsSecret: true,
    before: `import { EmailClient } from "@azure/communication-email";

const config = { email: { connectionString: "${s.acsCs}" } };

export const email = new EmailClient(config.email.connectionString);
export const dump = JSON.stringify(config);
`,
    after: `import { EmailClient } from "@azure/communication-email";
import { DefaultAzureCredential } from "@azure/identity";

const config = { email: { connectionString: "${s.acsCs}" } };

export const email = new EmailClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());
export const dump = JSON.stringify(config);
`,
  },
  {
    name: "let variable (no fix)",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

let connection = "${s.storageCs}";
export const blobService = BlobServiceClient.fromConnectionString(connection);
connection = "";
`,
    manual: /reassigned/,
  },

  // ---------------------------------------------------------------- Formatting
  {
    name: "comments and formatting are kept",
    before: `import { EventHubProducerClient } from "@azure/event-hubs"; // telemetry

/**
 * Sends telemetry.
 */
export const producer = new EventHubProducerClient(
  // the namespace connection string
  "${s.sbCs.replace("contoso-bus", "contoso-events")}",
  /* hub */ "telemetry",
  { retryOptions: { maxRetries: 2 } }, // keep retries
);
`,
    after: `import { EventHubProducerClient } from "@azure/event-hubs"; // telemetry
import { DefaultAzureCredential } from "@azure/identity";

/**
 * Sends telemetry.
 */
export const producer = new EventHubProducerClient(
  // the namespace connection string
  "contoso-events.servicebus.windows.net",
  /* hub */ "telemetry",
  new DefaultAzureCredential(),
  { retryOptions: { maxRetries: 2 } }, // keep retries
);
`,
  },
  {
    name: "CRLF line endings are kept",
    before: `import { SmsClient } from "@azure/communication-sms";\r\n\r\nexport const sms = new SmsClient("${s.acsCs}");\r\n`,
    after: `import { SmsClient } from "@azure/communication-sms";\r\nimport { DefaultAzureCredential } from "@azure/identity";\r\n\r\nexport const sms = new SmsClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());\r\n`,
  },

  // ---------------------------------------------------------------- No SDK construction (no fix)
  {
    name: "unknown call (no fix)",
    before: `import { connect } from "./storage.js";

export const client = connect("${s.storageCs}");
`,
    manual: /not a known Azure SDK construction/,
  },
  {
    name: "secret in a comment (no fix)",
    before: `// old connection: ${s.storageCs}
export const x = 1;
`,
    manual: /not in a string literal/,
  },
  {
    name: "SAS URL (no fix: user delegation SAS)",
    before: `export const reportsUrl = "https://acct1.blob.core.windows.net/reports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(fakeBase64(32, "fix-sas"))}";
`,
    manual: /user-delegation SAS/,
  },
];

const FAMILY_SAMPLES = FAMILIES.flatMap((f) => f.samples().map((make) => make(S)));

/** Every family's literal samples, then the engine cases. */
export const CASES: readonly FixCase[] = [...FAMILY_SAMPLES.filter((x): x is FixCase => !isConstructionSample(x)), ...ENGINE_CASES];

export function runSinkFix(c: SinkCase, credential: CredentialChoice = "default"): { output: string; result: ReturnType<typeof planSinkFix> } {
  const ast = parseProgram(c.before);
  let node: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
  const visit = (n: unknown): void => {
    if (node || !n || typeof n !== "object") return;
    const t = n as TSESTree.Node;
    if ((t.type === "CallExpression" || t.type === "NewExpression") && c.before.slice(t.callee.range[0], t.callee.range[1]) === c.callee) {
      node = t;
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== "parent") (Array.isArray(v) ? v : [v]).forEach(visit);
  };
  visit(ast);
  if (!node) throw new Error(`no call of ${c.callee}`);
  const result = planSinkFix({
    ast,
    text: c.before,
    node,
    credential,
    resolveValue: (n) => (n.type === "Identifier" ? c.values?.[n.name] : undefined),
  });
  return { output: "plan" in result ? applyEdits(c.before, result.plan.edits) : c.before, result };
}

/** Every family's construction samples (planSinkFix), then the engine's. */
export const SINK_CASES: readonly SinkCase[] = [
  ...FAMILY_SAMPLES.filter(isConstructionSample),
  {
    name: "unknown construction (no fix)",
    callee: "makeClient",
    before: `import { makeClient } from "./clients.js";

export const c = makeClient(process.env.KEY);
`,
    manual: /not a known Azure SDK construction/,
  },
];
