/**
 * `azure-msi fix` on every fixture case (test/fixtures/fix/<case>, see helpers.ts), in process
 * through main(): the fixed tree must equal expected/** byte for byte (line breaks, BOM), the
 * report must match expected-report.json, a second run must change nothing, and no output may hold
 * a full fake secret.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/scanner/cli.js";
import { fakeValues, listFixCases, listTree, materializeTree, writeExpectedTree, type FixCase } from "./helpers.js";

const UPDATE = process.env.UPDATE_FIX_FIXTURES === "1";
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

async function runFix(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main({
    argv: ["fix", ".", ...args],
    cwd,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}

interface Report {
  findings: Array<{ file: string; line: number; column: number; ruleId: string; service: string; status: string; key?: string; description?: string; reason?: string }>;
  files: Array<{ file: string; status: string }>;
  dependencies: unknown[];
  azure: Array<{ service: string; roles: string[]; commands: string[] }>;
  iac?: { files: string[]; changes: unknown[]; notes: string[]; emitted?: unknown };
  summary: unknown;
}

/** What expected-report.json pins: statuses, positions, files, dependencies, Azure steps. */
function reportSubset(code: number, r: Report): unknown {
  return {
    exitCode: code,
    summary: r.summary,
    findings: r.findings.map((f) => ({ file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, service: f.service, status: f.status, ...(f.key ? { key: f.key } : {}) })),
    files: r.files,
    dependencies: r.dependencies,
    azure: r.azure.map((s) => ({ service: s.service, roles: s.roles, commands: s.commands })),
    // Infrastructure code, for the cases that have some (or --emit-iac).
    ...(r.iac && (r.iac.files.length > 0 || r.iac.emitted) ? { iac: r.iac } : {}),
  };
}

/** Identifiers, not secrets (a tenant id is printed in code on purpose). */
const NOT_SECRETS = new Set(["TENANT_ID", "CLIENT_ID", "APPINSIGHTS_KEY", "APP_CONFIG_ID"]);

function noFullSecret(text: string): void {
  for (const [name, value] of fakeValues()) {
    if (value.length < 12 || NOT_SECRETS.has(name)) continue;
    if (text.includes(value)) throw new Error(`output holds the full fake ${name}`);
  }
}

describe.each(listFixCases())("fix fixture $name", (c: FixCase) => {
  it("rewrites the tree as expected, reports it, and a second run changes nothing", async () => {
    const dir = materializeTree(c, "input");
    temps.push(dir);
    const before = new Map(listTree(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
    const dry = await runFix(dir, [...c.args, "--dry-run"]);
    noFullSecret(dry.stdout + dry.stderr);
    for (const [f, bytes] of before) expect(readFileSync(path.join(dir, f)).equals(bytes), `--dry-run wrote ${f}`).toBe(true);

    const { code, stdout, stderr } = await runFix(dir, [...c.args, "--format", "json"]);
    noFullSecret(stdout + stderr);
    const report = JSON.parse(stdout) as Report;
    const subset = reportSubset(code, report);
    const reportFile = path.join(c.dir, "expected-report.json");
    if (UPDATE) {
      writeExpectedTree(c, dir);
      writeFileSync(reportFile, `${JSON.stringify(subset, null, 2)}\n`);
    }
    expect(subset).toEqual(JSON.parse(readFileSync(reportFile, "utf8")));

    const expected = materializeTree(c, "expected");
    temps.push(expected);
    expect(listTree(dir)).toEqual(listTree(expected));
    for (const f of listTree(expected)) {
      const got = readFileSync(path.join(dir, f));
      const want = readFileSync(path.join(expected, f));
      if (!got.equals(want)) expect(JSON.stringify(got.toString("utf8"))).toBe(JSON.stringify(want.toString("utf8")));
    }
    // Files the report does not list as written are byte-identical to the input.
    const written = new Set(report.files.filter((f) => f.status === "written").map((f) => f.file));
    for (const [f, bytes] of before) if (!written.has(f)) expect(readFileSync(path.join(dir, f)).equals(bytes), `${f} changed`).toBe(true);

    // Idempotent.
    const again = await runFix(dir, [...c.args, "--format", "json"]);
    const second = JSON.parse(again.stdout) as Report;
    expect(second.files.filter((f) => f.status === "written")).toEqual([]);
    expect(second.findings.filter((f) => f.status === "fixed")).toEqual([]);
  });
});
