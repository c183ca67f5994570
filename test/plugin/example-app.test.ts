/**
 * The "done when", on the example app (rendered from examples/leaky-app.template with the
 * demo's fake generator into a temporary folder):
 * 1. `eslint` with configs.recommended + configs["config-files"] reports every credential that
 *    `azure-msi scan` reports there, at the same positions;
 * 2. applying the suggestions ("Use DefaultAzureCredential", then "Use ManagedIdentityCredential" in
 *    a second copy) removes every finding that had one, and the fixed app type-checks against the
 *    real SDK packages with the TypeScript compiler API.
 */
import tsParser from "@typescript-eslint/parser";
import { ESLint, Linter } from "eslint";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { scanFile } from "../../src/scanner/report-finding.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const template = join(root, "examples/leaky-app.template");
const hasDist = existsSync(join(root, "dist/core/keys/fake.js"));
const ready = hasDist && existsSync(template);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function renderApp(): Promise<string> {
  const { renderTemplateDir } = (await import(new URL("scripts/make-example.js", `file://${root}`).href)) as {
    renderTemplateDir: (from: string, to: string) => void;
  };
  // Inside node_modules/.cache so that the fixed app resolves the real SDK packages of this repo.
  const cache = join(root, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "azure-msi-example-"));
  dirs.push(dir);
  renderTemplateDir(template, dir);
  return dir;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).replace(/\\/g, "/"))
    .sort();
}

const tsConfig = { files: ["**/*.ts"], languageOptions: { parser: tsParser } } as Linter.Config;
const configs = (options: Record<string, unknown> = {}): Linter.Config[] =>
  [
    plugin.configs.recommended,
    ...plugin.configs["config-files"],
    tsConfig,
    { rules: { "azure-msi/no-hardcoded-credentials": ["error", { includeInfo: true, ...options }] } },
  ] as unknown as Linter.Config[];

const detectorOf = (message: string): string => /\[([a-z0-9-]+)\]$/.exec(message)?.[1] ?? message;

describe.skipIf(!ready)("the example app", () => {
  it("eslint reports every credential azure-msi scan reports, at the same positions", async () => {
    const dir = await renderApp();
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: configs() });
    const results = await eslint.lintFiles(["."]);
    const fromEslint = results
      .flatMap((r) =>
        r.messages
          .filter((m) => m.ruleId === "azure-msi/no-hardcoded-credentials")
          .map((m) => `${relative(dir, r.filePath).replace(/\\/g, "/")}:${m.line}:${m.column} ${detectorOf(m.message)}`),
      )
      .sort();
    const fromScanner = files(dir)
      .flatMap((file) =>
        scanFile({ file, text: readFileSync(join(dir, file), "utf8"), bytes: 0 }).findings.map((f) => `${file}:${f.line}:${f.column} ${f.ruleId}`),
      )
      .sort();
    expect(fromScanner.length).toBeGreaterThan(20);
    expect(fromEslint).toEqual(fromScanner);
    expect(results.flatMap((r) => r.messages).filter((m) => m.fatal)).toEqual([]);
  });

  it.each(["DefaultAzureCredential", "ManagedIdentityCredential"])(
    "applying every %s suggestion removes those findings and the app still type-checks",
    async (credential) => {
      const dir = await renderApp();
      const linter = new Linter({ cwd: dir });
      const code = files(dir).filter((f) => /\.[cm]?[jt]s$/.test(f));
      const leftWithoutFix: string[] = [];
      let applied = 0;
      for (const file of code) {
        const path = join(dir, file);
        let text = readFileSync(path, "utf8");
        // One suggestion at a time, re-linting in between (a fix may also resolve other findings).
        for (let round = 0; round < 50; round++) {
          const messages = linter.verify(text, configs(), path).filter((m) => m.ruleId === "azure-msi/no-hardcoded-credentials");
          const suggestion = messages.flatMap((m) => m.suggestions ?? []).find((s) => s.desc.startsWith(`Use ${credential}`));
          if (!suggestion) {
            leftWithoutFix.push(...messages.map((m) => `${file}:${m.line} ${detectorOf(m.message)}`));
            break;
          }
          text = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
          applied++;
        }
        writeFileSync(path, text);
        // Idempotent: linting the fixed text offers no further suggestion.
        const again = linter.verify(text, configs(), path);
        expect(again.flatMap((m) => m.suggestions ?? [])).toEqual([]);
      }
      expect(applied).toBeGreaterThan(5);

      const tsFiles = code.filter((f) => f.endsWith(".ts")).map((f) => join(dir, f));
      const program = ts.createProgram(tsFiles, {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
        const where = d.file ? `${relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
        return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
      expect(diagnostics).toEqual([]);
      // What remains has no safe automatic fix (its message ends with the manual path): at least the
      // SAS URL, which only a user delegation SAS can replace.
      expect(leftWithoutFix.some((l) => l.startsWith("src/storage.ts:") && l.endsWith(" storage-sas-token"))).toBe(true);
    },
    // Type-checking against every SDK's declarations takes a while on a busy machine.
    240_000,
  );
});
