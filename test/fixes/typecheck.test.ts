/**
 * Every fixed output compiles against the real SDK type definitions (the @azure/* packages, openai,
 * mssql, tedious, azure-iothub from devDependencies). One TypeScript program holds all outputs as
 * separate in-memory files next to the repository's node_modules; any diagnostic fails the test.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CREDENTIAL_SLOTS, SINKS } from "../../src/core/fixes/sinks.js";
import { fillTemplate } from "../../scripts/make-example.js";
import { CASES, runFix, runSinkFix, S, SINK_CASES } from "./cases.js";

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
