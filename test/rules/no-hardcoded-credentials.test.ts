import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import { STORAGE_EMULATOR_KEY } from "../../src/core/keys/well-known.js";
import rule from "../../src/rules/no-hardcoded-credentials.js";
import { TESTERS, at, tsTester } from "./rule-tester.js";

// Fake keys, generated at test time (never committed as literals).
const key = fakeBase64(64, "rule-no-hardcoded-1");
const key2 = fakeBase64(64, "rule-no-hardcoded-2");
const cs = (k: string) => `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${k};EndpointSuffix=core.windows.net`;

const hit = (code: string, needle: string, occurrence = 0) => ({ messageId: "hardcodedCredential" as const, ...at(code, needle, occurrence) });

const sharedKey = `import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";\nconst blobs = new BlobServiceClient("https://acct1.blob.core.windows.net", new StorageSharedKeyCredential("acct1", "${key}"));`;
// The key credential's import is dropped once unused.
const sharedKeyFixed = (cls: string) =>
  `import { BlobServiceClient } from "@azure/storage-blob";\nimport { ${cls} } from "@azure/identity";\nconst blobs = new BlobServiceClient("https://acct1.blob.core.windows.net", new ${cls}());`;

// A constant used once: the fix rewrites the call and removes the constant.
const fromConst = `import { BlobServiceClient } from "@azure/storage-blob";\n\nconst CONN = "${cs(key)}";\n\nexport const blobs = BlobServiceClient.fromConnectionString(CONN);\n`;
const fromConstFixed = (credential: string, cls = credential.replace(/^new (\w+).*$/, "$1")) =>
  `import { BlobServiceClient } from "@azure/storage-blob";\nimport { ${cls} } from "@azure/identity";\n\nexport const blobs = new BlobServiceClient("https://acct1.blob.core.windows.net", ${credential});\n`;
const fromConstDescription = (cls: string) => `Use ${cls}: BlobServiceClient with https://acct1.blob.core.windows.net; removes the unused constant CONN.`;

// An existing @azure/identity import is merged into; comments are kept.
const queue = `import { DefaultAzureCredential } from "@azure/identity";\nimport { QueueServiceClient } from "@azure/storage-queue";\nconst q = QueueServiceClient.fromConnectionString(\`${cs(key2)}\`); // queue`;
const queueFixed = (importNames: string, cls: string) =>
  `import { ${importNames} } from "@azure/identity";\nimport { QueueServiceClient } from "@azure/storage-queue";\nconst q = new QueueServiceClient("https://acct1.queue.core.windows.net", new ${cls}()); // queue`;
const queueDescription = (cls: string) => `Use ${cls}: QueueServiceClient with https://acct1.queue.core.windows.net.`;

const CLIENT_ID = "00000000-1111-4222-a333-444444444444";
const inComment = `// old key: AccountKey=${key}\nexport const x = 1;`;
const inTemplate = "const conn = `" + cs(key2) + "`;";
const twoFindings = `const a = "${cs(key)}";\nconst b = "${cs(key2)}";`;
const emulator = `const azurite = "${cs(STORAGE_EMULATOR_KEY)}";`;
const jsx = `export const Upload = () => <Uploader connection="${cs(key2)}" />;`;

for (const [parserName, tester] of TESTERS) {
  tester.run(`no-hardcoded-credentials (${parserName})`, rule, {
    valid: [
      // Placeholders and values read at run time are not leaks.
      'const conn = "DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=<storage-account-key>;EndpointSuffix=core.windows.net";',
      "const conn = process.env.AZURE_STORAGE_CONNECTION_STRING;",
      "const conn = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${process.env.KEY};EndpointSuffix=core.windows.net`;",
      'const conn = "UseDevelopmentStorage=true";',
      // The published emulator key is an info finding: reported only with includeInfo.
      emulator,
      { code: emulator, options: [{ includeInfo: false }] },
      // Inline suppressions, as the scanner honours them.
      `const a = "${cs(key)}"; // azure-msi-ignore -- rotated test key`,
      `// azure-msi-ignore-next-line: documented sample\nconst a = "${cs(key)}";`,
    ],
    invalid: [
      {
        code: sharedKey,
        errors: [
          {
            ...hit(sharedKey, key),
            suggestions: [
              {
                messageId: "suggestDefaultCredential",
                data: { description: "Use DefaultAzureCredential: StorageSharedKeyCredential replaced in BlobServiceClient." },
                output: sharedKeyFixed("DefaultAzureCredential"),
              },
              {
                messageId: "suggestManagedIdentity",
                data: { description: "Use ManagedIdentityCredential: StorageSharedKeyCredential replaced in BlobServiceClient." },
                output: sharedKeyFixed("ManagedIdentityCredential"),
              },
            ],
          },
        ],
      },
      {
        code: fromConst,
        errors: [
          {
            ...hit(fromConst, key),
            suggestions: [
              { messageId: "suggestDefaultCredential", data: { description: fromConstDescription("DefaultAzureCredential") }, output: fromConstFixed("new DefaultAzureCredential()") },
              { messageId: "suggestManagedIdentity", data: { description: fromConstDescription("ManagedIdentityCredential") }, output: fromConstFixed("new ManagedIdentityCredential()") },
            ],
          },
        ],
      },
      {
        // Autofix on purpose, for a user-assigned identity.
        code: fromConst,
        options: [{ fix: "managed-identity", clientId: CLIENT_ID }],
        output: fromConstFixed(`new ManagedIdentityCredential({ clientId: "${CLIENT_ID}" })`),
        errors: [
          {
            ...hit(fromConst, key),
            suggestions: [
              {
                messageId: "suggestDefaultCredential",
                data: { description: fromConstDescription("DefaultAzureCredential") },
                output: fromConstFixed(`new DefaultAzureCredential({ managedIdentityClientId: "${CLIENT_ID}" })`),
              },
              {
                messageId: "suggestManagedIdentity",
                data: { description: fromConstDescription("ManagedIdentityCredential") },
                output: fromConstFixed(`new ManagedIdentityCredential({ clientId: "${CLIENT_ID}" })`),
              },
            ],
          },
        ],
      },
      {
        code: queue,
        options: [{ fix: "default-credential" }],
        output: queueFixed("DefaultAzureCredential", "DefaultAzureCredential"),
        errors: [
          {
            ...hit(queue, key2),
            suggestions: [
              { messageId: "suggestDefaultCredential", data: { description: queueDescription("DefaultAzureCredential") }, output: queueFixed("DefaultAzureCredential", "DefaultAzureCredential") },
              {
                messageId: "suggestManagedIdentity",
                data: { description: queueDescription("ManagedIdentityCredential") },
                output: queueFixed("DefaultAzureCredential, ManagedIdentityCredential", "ManagedIdentityCredential"),
              },
            ],
          },
        ],
      },
      // A JSX attribute.
      {
        code: jsx,
        filename: "upload.tsx",
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
        errors: [{ ...hit(jsx, key2), suggestions: [] }],
      },
      // No safe fix (a comment, an unused value, a template literal not passed to an SDK): no
      // suggestion, and the message ends with the manual path.
      { code: inComment, errors: [{ ...hit(inComment, key), suggestions: [] }] },
      { code: inTemplate, errors: [{ ...hit(inTemplate, key2), suggestions: [] }] },
      { code: twoFindings, errors: [{ ...hit(twoFindings, key), suggestions: [] }, { ...hit(twoFindings, key2), suggestions: [] }] },
      // Info findings never get a rewrite (the emulator is for local development).
      { code: emulator, options: [{ includeInfo: true }], errors: [{ ...hit(emulator, STORAGE_EMULATOR_KEY), suggestions: [] }] },
    ],
  });
}

// TypeScript syntax (type annotations, `as const`): the TypeScript parser only.
const sbKey = fakeBase64(32, "rule-no-hardcoded-ts-sb");
const typed = `import { ServiceBusClient } from "@azure/service-bus";\n\nconst CONN: string = "Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sbKey}" as const;\nexport const sb: ServiceBusClient = new ServiceBusClient(CONN);\n`;
const typedFixed = (cls: string) =>
  `import { ServiceBusClient } from "@azure/service-bus";\nimport { ${cls} } from "@azure/identity";\n\nexport const sb: ServiceBusClient = new ServiceBusClient("ns1.servicebus.windows.net", new ${cls}());\n`;
const typedDescription = (cls: string) => `Use ${cls}: ServiceBusClient with ns1.servicebus.windows.net; removes the unused constant CONN.`;

tsTester.run("no-hardcoded-credentials (TypeScript syntax)", rule, {
  valid: ["const conn: string = process.env.SERVICEBUS_CONNECTION!;"],
  invalid: [
    {
      code: typed,
      errors: [
        {
          ...hit(typed, sbKey),
          suggestions: [
            { messageId: "suggestDefaultCredential", data: { description: typedDescription("DefaultAzureCredential") }, output: typedFixed("DefaultAzureCredential") },
            { messageId: "suggestManagedIdentity", data: { description: typedDescription("ManagedIdentityCredential") }, output: typedFixed("ManagedIdentityCredential") },
          ],
        },
      ],
    },
  ],
});

describe("no-hardcoded-credentials messages", () => {
  it("never contain the secret and give the Managed Identity advice", async () => {
    const { Linter } = await import("eslint");
    const plugin = (await import("../../src/index.js")).default;
    const messages = new Linter().verify(sharedKey, [{ files: ["**/*.js"], ...plugin.configs.recommended } as never], "app.js");
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m?.ruleId).toBe("azure-msi/no-hardcoded-credentials");
    expect(m?.severity).toBe(2);
    expect(m?.message).not.toContain(key);
    expect(m?.message).not.toContain(key.slice(10, 30));
    expect(m?.message).toContain("Azure Storage");
    expect(m?.message).toContain("Managed Identity");
    expect(m?.message).toMatch(/ \[storage-account-key\]$/);
    expect(m?.suggestions?.map((x) => x.desc)).toEqual([
      "Use DefaultAzureCredential: StorageSharedKeyCredential replaced in BlobServiceClient.",
      "Use ManagedIdentityCredential: StorageSharedKeyCredential replaced in BlobServiceClient.",
    ]);
  });

  it("append the manual path where no fix is safe", async () => {
    const { Linter } = await import("eslint");
    const plugin = (await import("../../src/index.js")).default;
    const messages = new Linter().verify(inComment, [{ files: ["**/*.js"], ...plugin.configs.recommended } as never], "app.js");
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toContain("Rotate this key: it remains in git history. The secret is not in a string literal");
    expect(messages[0]?.message).not.toContain(key);
    expect(messages[0]?.suggestions ?? []).toEqual([]);
  });

  it("rejects a client id that is not a GUID", async () => {
    const { Linter } = await import("eslint");
    const plugin = (await import("../../src/index.js")).default;
    const config = { files: ["**/*.js"], plugins: { "azure-msi": plugin }, rules: { "azure-msi/no-hardcoded-credentials": ["error", { clientId: "x\"); evil(" }] } };
    expect(() => new Linter().verify("const a = 1;", [config as never], "app.js")).toThrow(/should match pattern/);
  });
});
