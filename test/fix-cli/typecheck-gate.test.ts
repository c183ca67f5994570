/**
 * The type check every JS/TS rewrite passes before `azure-msi fix` writes it
 * (src/scanner/fix/plan/cross-file.ts, stage 1): a rewrite that adds a diagnostic is taken back with
 * the diagnostic in the reason; one that adds none, or only the missing @azure/identity module, stays.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { crossFileFixes } from "../../src/scanner/fix/plan/cross-file.js";

const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-gate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022"], types: [] } }));

function run(original: string, text: string): ReturnType<typeof crossFileFixes> {
  const abs = path.join(dir, "a.ts");
  writeFileSync(abs, original);
  return crossFileFixes({ cwd: dir, files: [{ file: "a.ts", abs, original, text }], findings: () => [], credential: "default" });
}

describe("type check of the rewrites", () => {
  const original = `export function size(s: string): number {\n  return s.length;\n}\n`;

  it("takes back a rewrite that adds a diagnostic, and says which", () => {
    const r = run(original, `${original}export const n: number = size(1);\n`);
    expect(r.refused.get(path.join(dir, "a.ts"))).toMatch(/^The rewrite would not type-check \(a\.ts:4: TS2345 Argument of type 'number' is not assignable to parameter of type 'string'\.\), so it was not written: fix it by hand\.$/);
  });

  it("keeps a rewrite that adds no diagnostic, or only the @azure/identity import it needs", () => {
    expect(run(original, `${original}export const n = size("x");\n`).refused.size).toBe(0);
    expect(run(original, `import { DefaultAzureCredential } from "@azure/identity";\n${original}export const c = new DefaultAzureCredential();\n`).refused.size).toBe(0);
  });
});
