/**
 * The expected trees of the fix fixtures (what `azure-msi fix` writes, checked byte for byte by
 * fixtures.test.ts) compile against the real SDK type definitions: one TypeScript program over
 * every JS/TS file of every expected tree, held in memory in a folder of the repository so that
 * node_modules resolution finds the installed @azure/* packages. Any diagnostic fails.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { listFixCases, listTree, materializeTree, typeCheck, virtualDir } from "./helpers.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe("fixed fixture trees type-check against the real SDKs", () => {
  it("has no diagnostic over every JS/TS file of every expected tree", () => {
    const files = new Map<string, string>();
    let fixedFiles = 0;
    for (const c of listFixCases()) {
      const input = materializeTree(c, "input");
      const expected = materializeTree(c, "expected");
      temps.push(input, expected);
      for (const f of listTree(expected).filter((n) => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(n))) {
        const text = readFileSync(path.join(expected, f), "utf8").replace(/^\uFEFF/, "");
        let before = "";
        try {
          before = readFileSync(path.join(input, f), "utf8").replace(/^\uFEFF/, "");
        } catch {
          before = "";
        }
        if (before !== text) fixedFiles++;
        files.set(path.join(virtualDir, c.name, f), text);
      }
    }
    // JSX intrinsic elements for the .tsx case (no React types in this repository).
    files.set(path.join(virtualDir, "jsx.d.ts"), "declare namespace JSX { interface IntrinsicElements { [name: string]: unknown } type Element = unknown; }\n");
    // @azure/functions is not a dependency of this repository: the functions-v4 case's handler file
    // (never rewritten: it only names the connection) gets an untyped module.
    files.set(path.join(virtualDir, "azure-functions.d.ts"), 'declare module "@azure/functions";\n');
    expect(fixedFiles, "rewritten files in the expected trees").toBeGreaterThanOrEqual(6);
    const { messages, program } = typeCheck(files);
    expect(messages).toEqual([]);
    // The SDK modules really resolved (a missing module would make everything `any`).
    const checker = program.getTypeChecker();
    const storage = program.getSourceFile(path.join(virtualDir, "storage-const-twice", "src/storage.ts"))!;
    const decl = storage.statements.find(ts.isImportDeclaration)!;
    expect(checker.getSymbolAtLocation(decl.moduleSpecifier)).toBeDefined();
  }, 120_000);
});
