/**
 * The plugin also works with ESLint 9 (installed as the `eslint-v9` alias): rules, configs, the
 * text language and @eslint/json, suggestions.
 */
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import plugin from "../../src/index.js";

// @ts-expect-error -- the alias has no type declarations of its own (it is ESLint 9's package).
const { Linter } = (await import("eslint-v9")) as { Linter: new (o?: object) => { verify(code: string, config: unknown, file: string): Array<Record<string, unknown>> } };
const version = ((await import("eslint-v9/package.json", { with: { type: "json" } })) as { default: { version: string } }).default.version;

const key = fakeBase64(64, "plugin-eslint9-1");
const cs = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${key};EndpointSuffix=core.windows.net`;

const lint = (code: string, file: string, configs: unknown[]) => new Linter({ cwd: "/project" }).verify(code, configs, `/project/${file}`);

describe(`plugin with ESLint ${version}`, () => {
  it("is ESLint 9", () => {
    expect(version).toMatch(/^9\./);
  });

  it("recommended on JS, with suggestions", () => {
    const code = `import { BlobServiceClient } from "@azure/storage-blob";\nconst blobs = BlobServiceClient.fromConnectionString("${cs}");\n`;
    const messages = lint(code, "src/app.js", [plugin.configs.recommended]);
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["azure-msi/no-hardcoded-credentials", 2, code.split("\n")[1]!.indexOf(key) + 1]]);
    const suggestions = messages[0]?.suggestions as Array<{ desc: string }>;
    expect(suggestions.map((s) => s.desc.split(":")[0])).toEqual(["Use DefaultAzureCredential", "Use ManagedIdentityCredential"]);
  });

  it("strict on TS through @typescript-eslint/parser", () => {
    const code = 'import { AzureKeyCredential } from "@azure/core-auth";\nexport const c = new AzureKeyCredential(process.env.KEY!);\n';
    const messages = lint(code, "src/app.ts", [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, plugin.configs.strict]);
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["azure-msi/prefer-managed-identity", 2, 41]]);
  });

  it("config-files: text language and @eslint/json", () => {
    const env = `STORAGE=${cs}\n`;
    expect(lint(env, ".env", plugin.configs["config-files"]).map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ["azure-msi/no-hardcoded-credentials", 1, env.indexOf(key) + 1],
    ]);
    const json = `{ "Values": { "AzureWebJobsStorage": "${cs}" } }\n`;
    expect(lint(json, "local.settings.json", plugin.configs["config-files"]).map((m) => [m.ruleId, m.column])).toEqual([
      ["azure-msi/no-hardcoded-credentials", json.indexOf(key) + 1],
    ]);
  });
});
