/**
 * The rule and the scanner agree. Every project under test/fixtures (each `input` folder) and the
 * example app's template is rendered into a temporary folder (its `__FAKE_*__` tokens filled by
 * the same generator as `npm run demo`), then
 * - scanned the way `azure-msi scan` scans it (its config, .gitignore, allow list), and
 * - linted with ESLint (no-hardcoded-credentials, includeInfo), with that folder as ESLint's cwd.
 * For every JS/TS file the scanner reads, the rule's findings equal the core engine's findings
 * (detector ids and offsets) and the scanner's (ids and line/column).
 */
import tsParser from "@typescript-eslint/parser";
import { ESLint, type Linter } from "eslint";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DETECTORS, scanText } from "../../src/core/index.js";
import { applyInlineSuppressions } from "../../src/core/engine/suppress.js";
import plugin from "../../src/index.js";
import { ConfigError, allowMatcher, loadConfig, type LoadedConfig } from "../../src/project/config.js";
import { scanSource } from "../../src/scanner/scan.js";
import { fileSource, isSkipped } from "../../src/scanner/sources.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Project folders: every `input` folder under test/fixtures, and the example template. */
function projects(): string[] {
  const out: string[] = [];
  const fixtures = join(root, "test/fixtures");
  if (existsSync(fixtures)) {
    for (const e of readdirSync(fixtures, { recursive: true, withFileTypes: true })) {
      if (e.isDirectory() && e.name === "input") out.push(relative(root, join(e.parentPath, e.name)).split("\\").join("/"));
    }
  }
  if (existsSync(join(root, "examples/leaky-app.template"))) out.push("examples/leaky-app.template");
  return out.sort();
}

// The template filler builds fakes with the compiled generators (dist/core): `npm test` builds first.
const hasDist = existsSync(join(root, "dist/core/keys/fake.js"));
const { renderTemplateDir } = hasDist
  ? ((await import(new URL("scripts/make-example.js", `file://${root}`).href)) as { renderTemplateDir: (from: string, to: string) => void })
  : { renderTemplateDir: () => undefined };

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|[\r\n\u2028\u2029]/g)) starts.push(m.index + m[0].length);
  return starts;
}

const detectorOf = (message: string): string => /\[([a-z0-9-]+)\]$/.exec(message)?.[1] ?? `? ${message}`;

const ruleConfig: Linter.Config[] = [
  { files: ["**/*.{ts,tsx,mts,cts}"], languageOptions: { parser: tsParser } },
  { files: ["**/*.{jsx,tsx}"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  {
    files: ["**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}"],
    plugins: { "azure-msi": plugin },
    rules: { "azure-msi/no-hardcoded-credentials": ["error", { includeInfo: true }] },
  },
];

const list = projects();
let compared = 0;
let findings = 0;

describe.skipIf(!hasDist)("no-hardcoded-credentials equals azure-msi scan on every JS/TS fixture", () => {
  it("has fixture projects", () => {
    expect(list.length).toBeGreaterThanOrEqual(3);
  });

  it.each(list)("%s", async (project) => {
    const cwd = mkdtempSync(join(tmpdir(), "azure-msi-parity-"));
    temps.push(cwd);
    renderTemplateDir(join(root, project), cwd);

    // The scanner, as the CLI runs it from `cwd`. A bad config stops the CLI (exit 2); the rule
    // says so on every file instead (and scans without the config).
    let loaded: LoadedConfig;
    try {
      loaded = loadConfig({ cwd, knownRuleIds: new Set(DETECTORS.map((d) => d.id)) });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: ruleConfig, ignore: false });
      const code = readdirSync(cwd, { recursive: true }).map(String).filter((f) => CODE.test(f));
      for (const r of code.length > 0 ? await eslint.lintFiles(code) : []) {
        expect(r.messages[0]?.message).toBe(`azure-msi configuration ignored: ${(error as Error).message.split("\n")[0]}`);
      }
      return;
    }
    const walk = { cwd, ignore: loaded.config.ignore ?? [], ignoreBase: loaded.dir };
    const scanned: string[] = [];
    for await (const entry of fileSource(["."], walk)) if (!isSkipped(entry)) scanned.push(entry.file);
    const report = await scanSource(fileSource(["."], walk), { allow: allowMatcher(loaded, cwd) });

    // ESLint, from the same folder, on the JS/TS files the scanner read.
    const code = scanned.filter((f) => CODE.test(f)).sort();
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: ruleConfig, ignore: false });
    const results = code.length > 0 ? await eslint.lintFiles(code) : [];
    for (const r of results) {
      const file = relative(cwd, r.filePath).split("\\").join("/");
      const text = readFileSync(r.filePath, "utf8");
      expect(r.messages.filter((m) => m.fatal).map((m) => m.message), `${file} must parse`).toEqual([]);
      const starts = lineStarts(text);
      const offset = (line: number, column: number) => starts[line - 1]! + column - 1;
      const rule = r.messages.map((m) => [detectorOf(m.message), offset(m.line, m.column), offset(m.endLine!, m.endColumn!)]);
      const ruleLines = r.messages.map((m) => `${detectorOf(m.message)} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);

      const allowed = allowMatcher(loaded, cwd);
      const core = applyInlineSuppressions(text, scanText(text, { path: file }))
        .kept.filter((f) => !allowed({ file, ruleId: f.ruleId, secret: f.secret }))
        .map((f) => [f.ruleId, f.start, f.end]);
      const scanner = report.findings.filter((f) => f.file === file).map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);

      expect(rule, file).toEqual(core);
      expect(ruleLines, file).toEqual(scanner);
      compared++;
      findings += scanner.length;
    }
  });

  it("compared files with findings (the comparison is not vacuous)", () => {
    expect(compared).toBeGreaterThanOrEqual(10);
    expect(findings).toBeGreaterThanOrEqual(10);
  });
});
