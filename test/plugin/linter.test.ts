/**
 * The plugin in ESLint's own Linter (ESLint 10, flat config): JS through espree, TS through
 * @typescript-eslint/parser, config files through the plugin's text language and @eslint/json.
 */
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import plugin from "../../src/index.js";

const key = fakeBase64(64, "plugin-linter-1");
const key2 = fakeBase64(64, "plugin-linter-2");
const cs = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${key};EndpointSuffix=core.windows.net`;
const cs2 = `DefaultEndpointsProtocol=https;AccountName=acct2;AccountKey=${key2};EndpointSuffix=core.windows.net`;

type Config = Linter.Config;
const recommended = plugin.configs.recommended as unknown as Config;
const strict = plugin.configs.strict as unknown as Config;
const configFiles = plugin.configs["config-files"] as unknown as Config[];

function lint(code: string, filename: string, configs: Config[]): Linter.LintMessage[] {
  const linter = new Linter({ cwd: "/project" });
  return linter.verify(code, configs, `/project/${filename}`);
}

/** 1-based line/column of the first character of `needle`. */
function pos(code: string, needle: string): { line: number; column: number } {
  const before = code.slice(0, code.indexOf(needle)).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe("plugin in ESLint's Linter", () => {
  it("recommended on a JS file (espree)", () => {
    const code = `import { BlobServiceClient } from "@azure/storage-blob";\nconst c = BlobServiceClient.fromConnectionString("${cs}");\n`;
    const messages = lint(code, "src/app.js", [recommended]);
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn])).toEqual([
      ["azure-msi/no-hardcoded-credentials", pos(code, key).line, pos(code, key).column, pos(code, key).column + key.length],
    ]);
  });

  it("strict on a TS file (@typescript-eslint/parser) adds prefer-managed-identity", () => {
    const code = `import { ServiceBusClient } from "@azure/service-bus";\nconst sb: ServiceBusClient = new ServiceBusClient(process.env.SB as string);\n`;
    const messages = lint(code, "src/app.ts", [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, strict]);
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["azure-msi/prefer-managed-identity", 2, 51]]);
  });

  it("recommended reports hand-rolled IMDS requests as warnings", () => {
    const code = 'const r = await fetch("http://169.254.169.254/metadata/identity/oauth2/token?resource=https://vault.azure.net");';
    const messages = lint(code, "src/token.js", [recommended]);
    expect(messages.map((m) => [m.ruleId, m.severity])).toEqual([["azure-msi/no-imds-token-request", 1]]);
  });

  it("config-files: the text language on .env and YAML", () => {
    const env = `# settings\nBACKUP_STORAGE=${cs2}\nSTORAGE=${cs}\n`;
    const messages = lint(env, ".env", configFiles);
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn])).toEqual([
      ["azure-msi/no-hardcoded-credentials", 2, pos(env, key2).column, 2, pos(env, key2).column + key2.length],
      ["azure-msi/no-hardcoded-credentials", 3, pos(env, key).column, 3, pos(env, key).column + key.length],
    ]);

    const yaml = `storage:\n  connectionString: "${cs}"\n`;
    const y = lint(yaml, "deploy/values.yaml", configFiles);
    expect(y.map((m) => [m.line, m.column])).toEqual([[2, pos(yaml, key).column]]);
    expect(y[0]?.message).not.toContain(key);
  });

  it("config-files: the text language honours azure-msi-ignore", () => {
    const env = `# azure-msi-ignore-next-line: sample\nSTORAGE=${cs}\n`;
    expect(lint(env, "config/.env.local", configFiles)).toEqual([]);
  });

  it("config-files: @eslint/json on .json files (with comments and trailing commas)", () => {
    const json = `{\n  // local settings\n  "Values": {\n    "AzureWebJobsStorage": "${cs}",\n  },\n}\n`;
    const messages = lint(json, "local.settings.json", configFiles);
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn])).toEqual([
      ["azure-msi/no-hardcoded-credentials", 4, pos(json, key).column, pos(json, key).column + key.length],
    ]);
  });

  it("config-files does not lint code files, and recommended rules tolerate text files", () => {
    expect(configFiles.every((c) => !c.files?.some((f) => /\.(?:[cm]?[jt]sx?)$/.test(String(f))))).toBe(true);
    const env = `STORAGE=${cs}\n`;
    const messages = lint(env, ".env", [...configFiles, strict]);
    expect(messages.map((m) => m.ruleId)).toEqual(["azure-msi/no-hardcoded-credentials"]);
  });
});

describe("plugin through the ESLint class (eslint . on a project)", () => {
  it("lints code and config files, including dotfiles and Dockerfiles", async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { ESLint } = await import("eslint");
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-eslint-"));
    try {
      mkdirSync(join(dir, "infra"));
      writeFileSync(join(dir, "app.js"), `export const conn = "${cs}";\n`);
      writeFileSync(join(dir, ".env"), `STORAGE=${cs}\n`);
      writeFileSync(join(dir, "infra", "main.tf"), `resource "x" "y" {\n  connection_string = "${cs2}"\n}\n`);
      writeFileSync(join(dir, "Dockerfile"), `FROM node:20\nENV STORAGE="${cs}"\n`);
      writeFileSync(join(dir, "appsettings.json"), `{ "Storage": "${cs2}" }\n`);
      writeFileSync(join(dir, "notes.md"), `AccountKey=${key}\n`);
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [recommended, ...configFiles] });
      const results = await eslint.lintFiles(["."]);
      const found = results
        .filter((r) => r.messages.length > 0)
        .map((r) => [r.filePath.slice(dir.length + 1).replace(/\\/g, "/"), r.messages.map((m) => m.ruleId)])
        .sort();
      expect(found).toEqual([
        [".env", ["azure-msi/no-hardcoded-credentials"]],
        ["Dockerfile", ["azure-msi/no-hardcoded-credentials"]],
        ["app.js", ["azure-msi/no-hardcoded-credentials"]],
        ["appsettings.json", ["azure-msi/no-hardcoded-credentials"]],
        ["infra/main.tf", ["azure-msi/no-hardcoded-credentials"]],
      ]);
      // Fatal parse errors would show up as messages with a null ruleId.
      expect(results.flatMap((r) => r.messages).every((m) => m.ruleId !== null)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("no-hardcoded-credentials reads the project's .azure-msi.json like azure-msi scan", () => {
  it("honours allow entries and ignore globs, and reports a bad config once per file", async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { ESLint } = await import("eslint");
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-config-"));
    try {
      mkdirSync(join(dir, "src"));
      mkdirSync(join(dir, "test"));
      mkdirSync(join(dir, "vendor"));
      writeFileSync(join(dir, "src", "app.js"), `export const a = "${cs}";\n`);
      writeFileSync(join(dir, "src", "legacy.js"), `export const b = "${cs2}";\n`);
      writeFileSync(join(dir, "test", "data.js"), `export const c = "${cs}";\n`);
      writeFileSync(join(dir, "vendor", "lib.js"), `export const d = "${cs}";\n`);
      const config = {
        allow: [
          { path: "test/**", reason: "fake keys" },
          { path: "src/legacy.js", ruleId: "storage-connection-string", reason: "rotated" },
        ],
        ignore: ["vendor/**"],
      };
      writeFileSync(join(dir, ".azure-msi.json"), JSON.stringify(config));
      const lintAll = async () => {
        const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [recommended] });
        const results = await eslint.lintFiles(["src", "test", "vendor"]);
        return results
          .map((r) => [r.filePath.slice(dir.length + 1).replace(/\\/g, "/"), r.messages.map((m) => m.message.split(":")[0]!.slice(0, 40))] as const)
          .filter(([, m]) => m.length > 0)
          .sort();
      };
      const storage = "Azure Storage connection string with a k";
      expect(await lintAll()).toEqual([["src/app.js", [storage]]]);

      // A broken config file: said once per file, and nothing is allowed or ignored any more.
      writeFileSync(join(dir, ".azure-msi.json"), "{ not json");
      await new Promise((r) => setTimeout(r, 2100));
      const broken = await lintAll();
      expect(broken.map(([f]) => f)).toEqual(["src/app.js", "src/legacy.js", "test/data.js", "vendor/lib.js"]);
      for (const [, messages] of broken) expect(messages).toEqual(["azure-msi configuration ignored", storage]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
