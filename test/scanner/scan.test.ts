import { describe, expect, it } from "vitest";
import { scanText } from "../../src/core/index.js";
import { LineIndex } from "../../src/core/text/lines.js";
import { maskedSnippet, scanSource } from "../../src/scanner/scan.js";
import type { Source } from "../../src/scanner/sources.js";
import { fake } from "../../scripts/make-example.js";

const token = fake("DATABRICKS_TOKEN");
const key = fake("STORAGE_KEY");

const sourceOf = (files: Array<{ file: string; text: string; lineFilter?: Set<number> }>): Source => ({
  async *[Symbol.asyncIterator]() {
    for (const f of files) yield { ...f, bytes: Buffer.byteLength(f.text) };
    yield { skipped: { file: "x.bin", reason: "binary file" } };
  },
});

describe("maskedSnippet", () => {
  it("masks every secret on the shown lines", () => {
    const text = `a = 1\nT1=${token} T2=${token.replace(/.$/, "0")}\nb = 2`;
    const findings = scanText(text);
    expect(findings).toHaveLength(2);
    const frame = maskedSnippet(text, new LineIndex(text), findings[1]!, findings);
    expect(frame).toBe("T1=dapi...cbce T2=dapi...cbc0");
  });

  it("crops long lines around the secret and never shows a cut secret", () => {
    const filler = "x;".repeat(5000);
    const text = `${filler}var k="DefaultEndpointsProtocol=https;AccountName=contosomin;AccountKey=${key};EndpointSuffix=core.windows.net";${filler}`;
    const findings = scanText(text, { path: "bundle.min.js" });
    expect(findings.length).toBeGreaterThan(0);
    const frame = maskedSnippet(text, new LineIndex(text), findings[0]!, findings);
    expect(frame.length).toBeLessThan(200);
    expect(frame.startsWith("…") && frame.endsWith("…")).toBe(true);
    expect(frame).toContain(`AccountKey=${key.slice(0, 4)}...${key.slice(-4)}`);
    for (let i = 0; i + 8 <= key.length; i++) expect(frame.includes(key.slice(i, i + 8)) && !`${key.slice(0, 4)}...${key.slice(-4)}`.includes(key.slice(i, i + 8))).toBe(false);
  });
});

describe("scanSource", () => {
  it("builds a sorted report with positions, summary and skipped files", async () => {
    const report = await scanSource(
      sourceOf([
        { file: "b.env", text: `X=1\nDATABRICKS_TOKEN=${token}\n` },
        { file: "a.ts", text: `// 🙂\nconst t = "🙂${token}";\n` },
      ]),
      { now: (() => { let t = 0; return () => (t += 5); })() },
    );
    expect(report.findings.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn])).toEqual([
      ["a.ts", 2, 14, 2, 14 + token.length],
      ["b.env", 2, 18, 2, 18 + token.length],
    ]);
    expect(report.summary).toEqual({ files: 2, bytes: expect.any(Number), findings: 2, durationMs: 5 });
    expect(report.skipped).toEqual([{ file: "x.bin", reason: "binary file" }]);
    expect(report.findings[0]!.snippet).toBe('const t = "🙂dapi...cbce";');
  });

  it("keeps only findings on filtered lines (diff scans)", async () => {
    const text = `A=${token}\nB=${token}\n`;
    const report = await scanSource(sourceOf([{ file: "x.env", text, lineFilter: new Set([2]) }]));
    expect(report.findings.map((f) => f.line)).toEqual([2]);
  });

  it("moves inline and allow-listed findings to suppressed, with the reason", async () => {
    const text = `A=${token} # azure-msi-ignore -- sample\nB=${token}\nC=${key}\n`;
    const report = await scanSource(sourceOf([{ file: "x.env", text }]), {
      allow: (c) => (c.ruleId === "databricks-token" ? { ruleId: "databricks-token", reason: "old workspace" } : undefined),
    });
    expect(report.findings.map((f) => f.line)).toEqual([3]);
    expect(report.suppressed.map((f) => [f.line, f.suppressed])).toEqual([
      [1, { kind: "inline", reason: "sample" }],
      [2, { kind: "config", reason: "old workspace" }],
    ]);
  });
});
