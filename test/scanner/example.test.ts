/**
 * The demo (`npm run demo`): the example app generated from examples/leaky-app.template must hold a
 * credential of every service some detector reports, and the built CLI must find each of them,
 * with Managed Identity advice, without printing any full secret.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/core/index.js";
import { fake, renderTemplateDir, TOKEN } from "../../scripts/make-example.js";
import { runCli } from "./fixtures.js";

const TEMPLATE = path.resolve(import.meta.dirname, "../../examples/leaky-app.template");
const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-example-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tokensIn(folder: string): Set<string> {
  const out = new Set<string>();
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    for (const m of readFileSync(path.join(entry.parentPath, entry.name), "utf8").matchAll(TOKEN)) out.add(m[1]!);
  }
  return out;
}

describe("examples/leaky-app", () => {
  it("is found in full by the built CLI: every detected service, with advice, masked", async () => {
    renderTemplateDir(TEMPLATE, dir);
    const { code, stdout, stderr } = await runCli(["scan", ".", "--format", "json"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      findings: Array<{ service: string; message: string; msi: { docs: string }; redacted: string }>;
    };
    const found = new Set(report.findings.map((f) => f.service));
    const expected = [...new Set(DETECTORS.map((d) => d.service))].sort();
    expect(expected.filter((s) => !found.has(s)), "services without a finding in the example").toEqual([]);
    for (const f of report.findings) {
      expect(f.message.length).toBeGreaterThan(40);
      expect(f.msi.docs).toMatch(/^https:\/\//);
    }
    for (const name of tokensIn(TEMPLATE)) {
      const secret = fake(name);
      if (secret.length >= 16) expect(stdout.includes(secret), `__FAKE_${name}__ leaked`).toBe(false);
    }
  });
});
