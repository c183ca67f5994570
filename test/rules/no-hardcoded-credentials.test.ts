import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/fake.js";
import { STORAGE_EMULATOR_KEY } from "../../src/core/well-known.js";
import rule from "../../src/rules/no-hardcoded-credentials.js";
import { TESTERS, at } from "./rule-tester.js";

// Fake keys, generated at test time (never committed as literals).
const key = fakeBase64(64, "rule-no-hardcoded-1");
const key2 = fakeBase64(64, "rule-no-hardcoded-2");
const cs = (k: string) => `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${k};EndpointSuffix=core.windows.net`;

const hit = (code: string, needle: string, occurrence = 0) => ({ messageId: "hardcodedCredential" as const, ...at(code, needle, occurrence) });

const sharedKey = `import { StorageSharedKeyCredential } from "@azure/storage-blob";\nconst credential = new StorageSharedKeyCredential("acct1", "${key}");`;
const inComment = `// old key: AccountKey=${key}\nexport const x = 1;`;
const inTemplate = "const conn = `" + cs(key2) + "`;";
const twoFindings = `const a = "${cs(key)}";\nconst b = "${cs(key2)}";`;
const emulator = `const azurite = "${cs(STORAGE_EMULATOR_KEY)}";`;

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
      { code: sharedKey, errors: [hit(sharedKey, key)] },
      { code: inComment, errors: [hit(inComment, key)] },
      { code: inTemplate, errors: [hit(inTemplate, key2)] },
      { code: twoFindings, errors: [hit(twoFindings, key), hit(twoFindings, key2)] },
      { code: emulator, options: [{ includeInfo: true }], errors: [hit(emulator, STORAGE_EMULATOR_KEY)] },
    ],
  });
}

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
  });
});
