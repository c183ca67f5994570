/**
 * no-hardcoded-credentials with type information (parserOptions.projectService): a client module
 * whose construction gets a secret hard-coded in another module is reported there, with the rewrite
 * of the client as suggestions (the same text `azure-msi fix` writes for that file); the module that
 * holds the secret says where it is read. Without type information the client module is clean.
 * The project is written to a temporary folder at test time (fake secrets are never committed).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import tsParser from "@typescript-eslint/parser";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import rule from "../../src/rules/no-hardcoded-credentials.js";
import { fakeIdentifiable } from "../../src/core/keys/fake.js";
import "./rule-tester.js";

const key = fakeIdentifiable(64, "+ASt", "Default0", "typed-rule/storage");
const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-typed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true }, include: ["src"] }),
  "src/config.ts": `export const config = {\n  port: 8080,\n  storage: { connectionString: "DefaultEndpointsProtocol=https;AccountName=contosoorders;AccountKey=${key};EndpointSuffix=core.windows.net" },\n};\n`,
  "src/blobs.ts": `import { BlobServiceClient } from "@azure/storage-blob";\nimport { config } from "./config.js";\n\nexport const blobService = BlobServiceClient.fromConnectionString(config.storage.connectionString);\n`,
  "src/port.ts": `import { config } from "./config.js";\n\nexport const port = config.port;\n`,
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

const typed = new RuleTester({
  languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
});

const fixed = (credential: string): string =>
  `import { BlobServiceClient } from "@azure/storage-blob";\nimport { ${credential} } from "@azure/identity";\n\nexport const blobService = new BlobServiceClient("https://contosoorders.blob.core.windows.net", new ${credential}());\n`;

typed.run("no-hardcoded-credentials (typed linting)", rule, {
  valid: [
    // A module that reads only a non-secret setting of the config module.
    { code: files["src/port.ts"]!, filename: path.join(dir, "src/port.ts") },
  ],
  invalid: [
    {
      code: files["src/blobs.ts"]!,
      filename: path.join(dir, "src/blobs.ts"),
      errors: [
        {
          messageId: "hardcodedInOtherModule",
          line: 4,
          column: 67,
          endColumn: 98,
          suggestions: [
            { messageId: "suggestDefaultCredential", output: fixed("DefaultAzureCredential") },
            { messageId: "suggestManagedIdentity", output: fixed("ManagedIdentityCredential") },
          ],
        },
      ],
    },
  ],
});

describe("no-hardcoded-credentials messages with and without type information", () => {
  const lint = (file: string, typedLinting: boolean): Linter.LintMessage[] => {
    const linter = new Linter({ cwd: dir });
    return linter.verify(
      files[file]!,
      [
        {
          files: ["**/*.ts"],
          languageOptions: { parser: tsParser as Linter.Parser, parserOptions: typedLinting ? { projectService: true, tsconfigRootDir: dir } : {} },
          plugins: { "azure-msi": plugin as unknown as NonNullable<Linter.Config["plugins"]>[string] },
          rules: { "azure-msi/no-hardcoded-credentials": "error" },
        },
      ],
      path.join(dir, file),
    );
  };

  it("names the definition to delete in the suggestion, and the readers in the defining module", () => {
    const [client] = lint("src/blobs.ts", true);
    expect(client?.message).toMatch(/^This client gets a credential hard-coded in src\/config\.ts:3: Azure Storage/);
    expect(client?.suggestions?.[0]?.desc).toBe(
      "Use DefaultAzureCredential: BlobServiceClient with https://contosoorders.blob.core.windows.net; then delete config.storage.connectionString in src/config.ts (this fix edits this file only).",
    );
    const [definition] = lint("src/config.ts", true);
    expect(definition?.message).toMatch(/Read in src\/blobs\.ts:4: the rule offers the rewrite of the client there; then delete it here\./);
    for (const m of [client, definition]) expect(m?.message.includes(key)).toBe(false);
  });

  it("without type information: the finding in the config module only, and no cross-file report", () => {
    expect(lint("src/blobs.ts", false)).toEqual([]);
    const [definition] = lint("src/config.ts", false);
    expect(definition?.message).not.toMatch(/Read in/);
  });
});
