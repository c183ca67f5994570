/**
 * Every recipe family's own samples (src/core/fixes/recipes/<family>.ts) and the engine cases
 * (cases.ts), like the detectors' samples:
 * - the real engine finds the secret, planFix rewrites the file, the output equals the expected text
 *   exactly, holds no secret, and a second run plans nothing (idempotence); no-fix cases leave the
 *   file byte-identical and explain the manual path;
 * - every fixed output compiles against the real SDK type definitions (the @azure/* packages, openai,
 *   mssql, tedious, azure-iothub from devDependencies): one TypeScript program holds all outputs as
 *   separate in-memory files next to the repository's node_modules; any diagnostic fails the test;
 * - the registry is honest: every family has samples and every sink entry is exercised by one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { fillTemplate } from "../../scripts/make-example.js";
import { scanText } from "../../src/core/index.js";
import { parse } from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { allNodes, constLookup, findProperty, moduleBindings, resolveCallee, unwrap, type Call, type ConstLookup, type Node } from "../../src/core/fixes/ast.js";
import { CREDENTIAL_SLOTS, FAMILIES, SINKS } from "../../src/core/fixes/recipes/index.js";
import { sameCallee, type ManualSink, type Sink } from "../../src/core/fixes/sink.js";
import { CASES, SINK_CASES, plansFor, runFix, runSinkFix, S } from "./cases.js";

const secretValues = Object.keys(S).map((k) => (S as Record<string, string>)[k]!);

describe("fix recipes", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const run = runFix(c);
      expect(run.findings.length, "the engine reports the secret").toBeGreaterThan(0);
      for (const text of [...run.plans.map((p) => p.description), ...run.manuals]) {
        for (const secret of secretValues) expect(text.includes(secret), "no secret in messages").toBe(false);
      }
      if (c.after === undefined) {
        expect(run.plans).toEqual([]);
        expect(run.output).toBe(c.before);
        expect(run.manuals.some((m) => c.manual!.test(m)), run.manuals.join("\n")).toBe(true);
        return;
      }
      expect(run.plans.length).toBeGreaterThan(0);
      expect(run.output).toBe(c.after);
      // Idempotent: the output yields no further plan.
      expect(plansFor(run.output, c.file, c.credential)).toEqual([]);
      // Every plan lists @azure/identity among its imports.
      for (const p of run.plans) expect(p.imports.map((i) => i.module)).toContain("@azure/identity");
    });
  }

  it("removes the secret from every fixed output unless a use is deliberately kept", () => {
    for (const c of CASES) {
      if (c.after === undefined) continue;
      const left = scanText(c.after, { path: c.file ?? "case.ts" });
      const kept = c.keepsSecret === true;
      expect(left.length > 0, c.name).toBe(kept);
    }
  });

  it("applies the same plan once: a second application is refused by the engine rescan", () => {
    const c = CASES.find((x) => x.name === "queue client through a const (const removed)")!;
    const first = runFix(c);
    const second = runFix({ ...c, before: first.output });
    expect(second.output).toBe(first.output);
    expect(second.plans).toEqual([]);
  });
});

describe("planSinkFix: constructions whose secret is not a literal of the file", () => {
  for (const c of SINK_CASES) {
    it(c.name, () => {
      const { output, result } = runSinkFix(c);
      if (c.after === undefined) {
        expect("manual" in result && result.manual).toMatch(c.manual!);
        return;
      }
      expect("plan" in result, "manual" in result ? result.manual : "").toBe(true);
      expect(output).toBe(c.after);
      for (const secret of secretValues) expect(output.includes(secret)).toBe(false);
    });
  }
});

const here = dirname(fileURLToPath(import.meta.url));
// In-memory files live in a folder of the repository so that node_modules resolution works.
const virtualDir = resolve(here, "__fixed__");

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  allowJs: true,
  checkJs: true,
  types: ["node"],
};

describe("fixed outputs type-check against the real SDKs", () => {
  const fixed = CASES.filter((c) => c.after !== undefined);
  const files = new Map<string, string>();
  fixed.forEach((c, i) => {
    const run = runFix(c);
    const ext = (c.file ?? "case.ts").replace(/^.*\./, "");
    files.set(join(virtualDir, `case-${String(i).padStart(2, "0")}.${ext}`), run.output);
  });

  // planSinkFix outputs, with the module one of them imports its constant from.
  const sinkFixed = SINK_CASES.filter((c) => c.after !== undefined);
  sinkFixed.forEach((c, i) => files.set(join(virtualDir, `sink-case-${i}.ts`), runSinkFix(c).output));
  files.set(join(virtualDir, "settings.ts"), `export const STORAGE_CONNECTION_STRING = ${JSON.stringify(S.storageCs)};\n`);

  // The demo app (examples/leaky-app.template, filled with fakes), fixed file by file like `azure-msi fix`.
  const appDir = resolve(here, "../../examples/leaky-app.template/src");
  let appPlans = 0;
  for (const f of readdirSync(appDir).filter((n) => /\.[cm]?[jt]s$/.test(n))) {
    const run = runFix({ before: fillTemplate(readFileSync(join(appDir, f), "utf8")), file: f });
    appPlans += run.plans.length;
    files.set(join(virtualDir, "leaky-app", f), run.output);
  }

  // The sink table itself: every callee (and every rewrite target) exists in the installed SDKs.
  const installed = (m: string): boolean => existsSync(resolve(here, "../../node_modules", m, "package.json"));
  const modules = [...new Set([...SINKS.flatMap((s) => s.modules), ...CREDENTIAL_SLOTS.flatMap((s) => s.modules)])].filter(installed).sort();
  const lines = modules.map((m, i) => `import * as m${i} from ${JSON.stringify(m)};`);
  let checked = 0;
  const check = (module: string, path: readonly string[]): void => {
    const i = modules.indexOf(module);
    if (i < 0) return;
    lines.push(`void m${i}.${path.join(".")};`);
    checked++;
  };
  for (const s of SINKS) {
    for (const m of s.modules) {
      check(m, s.callee.path);
      if (s.rewrite?.type === "construct" && s.rewrite.callee) check(m, s.rewrite.callee.path);
    }
  }
  for (const s of CREDENTIAL_SLOTS) for (const m of s.modules) check(m, s.callee.path);
  files.set(join(virtualDir, "sink-table.ts"), `${lines.join("\n")}\nexport {};\n`);

  it(`compiles ${fixed.length} + ${sinkFixed.length} fixed files, the fixed demo app and the sink table with no diagnostic`, () => {
    expect(checked).toBeGreaterThan(60);
    expect(appPlans, "fixes applied to the demo app").toBeGreaterThan(10);
    expect(fixed.length).toBeGreaterThan(20);
    const host = ts.createCompilerHost(OPTIONS, true);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => files.has(resolve(f)) || fileExists.call(host, f);
    const directoryExists = host.directoryExists?.bind(host);
    host.directoryExists = (d) => resolve(d).startsWith(virtualDir) || (directoryExists ? directoryExists(d) : true);
    host.readFile = (f) => files.get(resolve(f)) ?? readFile.call(host, f);
    host.getSourceFile = (f, lang, onError, create) => {
      const text = files.get(resolve(f));
      if (text !== undefined) return ts.createSourceFile(f, text, lang, true);
      return getSourceFile.call(host, f, lang, onError, create);
    };
    const program = ts.createProgram([...files.keys()], OPTIONS, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || files.has(resolve(d.file.fileName)));
    const messages = diagnostics.map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(virtualDir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(messages).toEqual([]);
    // The program really resolved the SDKs (not `any` from missing modules).
    const checker = program.getTypeChecker();
    const first = program.getSourceFile([...files.keys()][0]!)!;
    const importDecl = first.statements.find(ts.isImportDeclaration)!;
    const symbol = checker.getSymbolAtLocation(importDecl.moduleSpecifier);
    expect(symbol, "the first case's SDK module resolves").toBeDefined();
  }, 120_000);
});

/** True when `call` passes something of the sink's secret shape where the sink says (a string, or an object literal with the property path). */
function hasSecretShape(sink: Sink, call: Call, lookup: ConstLookup): boolean {
  const arg = call.arguments[sink.secret.arg];
  if (!arg) return false;
  let n = unwrap(arg);
  if (n.type === "Identifier") n = unwrap(lookup(n.name) ?? n);
  if (sink.secret.kind !== "property") return n.type !== "ObjectExpression";
  for (const key of sink.secret.path) {
    if (n.type !== "ObjectExpression") return false;
    const p = findProperty(n, key);
    if (!p) return false;
    n = unwrap(p.value as Node);
  }
  return true;
}

/** The ids of the sinks (and the manual-only constructions) a sample's text constructs. */
function constructedBy(text: string, sinks: readonly Sink[], manualSinks: readonly ManualSink[]): Set<string> {
  const program = parse(text, { range: true, loc: true }) as unknown as TSESTree.Program;
  const bindings = moduleBindings(program);
  const lookup = constLookup(program);
  const out = new Set<string>();
  for (const node of allNodes(program)) {
    if (node.type !== "CallExpression" && node.type !== "NewExpression") continue;
    const r = resolveCallee(node.callee, bindings);
    if (!r) continue;
    const isNew = node.type === "NewExpression";
    for (const s of sinks) if (s.modules.includes(r.module) && sameCallee(s.callee, isNew, r.path) && hasSecretShape(s, node, lookup)) out.add(s.id);
    manualSinks.forEach((m, i) => {
      if (m.modules.includes(r.module) && sameCallee(m.callee, isNew, r.path)) out.add(`manual-${i}`);
    });
  }
  return out;
}

describe("the recipe registry", () => {
  it("registers every file of src/core/fixes/recipes once, under its file name", () => {
    const files = readdirSync(resolve(here, "../../src/core/fixes/recipes"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.replace(/\.ts$/, ""));
    expect(FAMILIES.map((f) => f.family).sort()).toEqual(files.sort());
  });

  it.each(FAMILIES.map((f) => [f.family, f] as const))("%s has samples that construct every one of its sinks", (_name, family) => {
    const samples = family.samples().map((make) => make(S));
    expect(samples.length, "samples").toBeGreaterThan(0);
    const names = [...CASES, ...SINK_CASES].map((c) => c.name);
    for (const sample of samples) expect(names, "the sample runs in this suite").toContain(sample.name);
    const manualSinks = family.manualSinks ?? [];
    const covered = new Set(samples.flatMap((x) => [...constructedBy(x.before, family.sinks, manualSinks)]));
    const expected = [...family.sinks.map((s) => s.id), ...manualSinks.map((_, i) => `manual-${i}`)];
    const missing = expected.filter((id) => !covered.has(id));
    // Every sink has a sample, except alternative callees of one manual-only construction (createCluster, new Redis).
    expect(missing.filter((id) => !id.startsWith("manual-")), "sinks without a sample").toEqual([]);
    if (manualSinks.length > 0) expect(missing.length, "at least one manual construction has a sample").toBeLessThan(manualSinks.length);
  });

  it("sample names are unique across families and engine cases", () => {
    const names = [...CASES, ...SINK_CASES].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
