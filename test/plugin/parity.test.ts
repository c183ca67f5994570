/**
 * The rule and the scanner agree: for every JS/TS fixture (test/fixtures and the example app's
 * template, with its `__FAKE_*__` tokens filled by the same generator as `npm run demo`), the
 * findings of no-hardcoded-credentials equal the core scan's findings (detector ids and offsets)
 * and `azure-msi scan`'s findings (ids and line/column).
 */
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/core/index.js";
import { applyInlineSuppressions } from "../../src/core/suppress.js";
import plugin from "../../src/index.js";
import { scanFile } from "../../src/scanner/scan.js";

const root = new URL("../../", import.meta.url);
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DIRS = ["test/fixtures", "examples/leaky-app.template"];

function codeFiles(): string[] {
  const out: string[] = [];
  for (const dir of DIRS) {
    if (!existsSync(new URL(dir, root))) continue;
    for (const entry of readdirSync(new URL(dir, root), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !CODE.test(entry.name) || entry.name.endsWith(".d.ts")) continue;
      const rel = `${entry.parentPath.slice(new URL(".", root).pathname.length)}/${entry.name}`.replace(/\\/g, "/");
      out.push(rel);
    }
  }
  return out.sort();
}

// The template filler builds fakes with the compiled generators (dist/core): `npm test` builds first.
const hasDist = existsSync(new URL("dist/core/fake.js", root));
const { fillTemplate } = hasDist
  ? ((await import(new URL("scripts/make-example.js", root).href)) as { fillTemplate: (t: string) => string })
  : { fillTemplate: (t: string) => t };

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|[\r\n\u2028\u2029]/g)) starts.push(m.index + m[0].length);
  return starts;
}

type Row = [ruleId: string, start: number, end: number];

function ruleFindings(file: string, text: string): { rows: Row[]; positions: string[] } {
  const ts = /\.[cm]?tsx?$/.test(file);
  const config = {
    files: ["**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}"],
    plugins: { "azure-msi": plugin },
    languageOptions: {
      ...(ts ? { parser: tsParser } : {}),
      parserOptions: { ecmaFeatures: { jsx: /x$/.test(file) } },
    },
    rules: { "azure-msi/no-hardcoded-credentials": ["error", { includeInfo: true }] },
  } as unknown as Linter.Config;
  const messages = new Linter({ cwd: "/repo" }).verify(text, [config], `/repo/${file}`);
  const fatal = messages.filter((m) => m.fatal);
  expect(fatal.map((m) => m.message), `${file} must parse`).toEqual([]);
  const starts = lineStarts(text);
  const offset = (line: number, column: number) => starts[line - 1]! + column - 1;
  const rows: Row[] = [];
  const positions: string[] = [];
  for (const m of messages) {
    const detector = /\[([a-z0-9-]+)\]$/.exec(m.message)?.[1] ?? `? ${m.message}`;
    rows.push([detector, offset(m.line, m.column), offset(m.endLine!, m.endColumn!)]);
    positions.push(`${detector} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);
  }
  return { rows, positions };
}

const files = codeFiles();

describe("no-hardcoded-credentials equals the scanner on every JS/TS fixture", () => {
  it("has fixtures to compare, with findings in them", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  let total = 0;
  it.skipIf(!hasDist).each(files)("%s", (file) => {
    const text = fillTemplate(readFileSync(new URL(file, root), "utf8"));
    const core: Row[] = applyInlineSuppressions(text, scanText(text, { path: file })).kept.map((f) => [f.ruleId, f.start, f.end]);
    const scanner = scanFile({ file, text, bytes: Buffer.byteLength(text) }).findings.map(
      (f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`,
    );
    const rule = ruleFindings(file, text);
    expect(rule.rows).toEqual(core);
    expect(rule.positions).toEqual(scanner);
    total += core.length;
  });

  it.skipIf(!hasDist)("found credentials in the fixtures (the comparison is not vacuous)", () => {
    expect(total).toBeGreaterThan(0);
  });
});
