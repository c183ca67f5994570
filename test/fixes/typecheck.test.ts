/**
 * Every fixed output compiles against the real SDK type definitions (the @azure/* packages, openai,
 * mssql, tedious, azure-iothub from devDependencies). One TypeScript program holds all outputs as
 * separate in-memory files next to the repository's node_modules; any diagnostic fails the test.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CASES, runFix } from "./cases.js";

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

  it(`compiles ${fixed.length} fixed files with no diagnostic`, () => {
    expect(fixed.length).toBeGreaterThan(20);
    const host = ts.createCompilerHost(OPTIONS, true);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => files.has(resolve(f)) || fileExists.call(host, f);
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
