/**
 * End-to-end: the built CLI (`node bin/azure-msi.js`, built by `npm run build` / pretest) run as a
 * process on every fixture case in test/fixtures/scan/<case>/. Adding a case = adding a folder:
 *
 *   input/**       the files to scan (fake secrets as __FAKE_<NAME>__ tokens; see fixtures.ts)
 *   args.json      optional CLI arguments, default ["scan"]; `--format json` is appended
 *   expected.json  { exitCode, findings, suppressed, skipped, summary } or { exitCode: 2, stderr }
 *
 * Findings are compared on their position, rule, service, severity, masked preview and
 * fingerprint (the advice wording is tested with the catalog). Run with UPDATE_EXPECTED=1 to write
 * expected.json from the current output (then review the diff).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fake } from "../../scripts/make-example.js";
import { listCases, materializeCase, runCli, type Case } from "./fixtures.js";

const UPDATE = process.env.UPDATE_EXPECTED === "1";

interface Json {
  version: number;
  findings: Array<Record<string, unknown>>;
  suppressed?: Array<Record<string, unknown>>;
  skipped: Array<{ file: string; reason: string }>;
  summary: { files: number; bytes: number; findings: number; durationMs: number };
}

const pick = (f: Record<string, unknown>): Record<string, unknown> => ({
  file: f.file,
  line: f.line,
  column: f.column,
  endLine: f.endLine,
  endColumn: f.endColumn,
  ruleId: f.ruleId,
  service: f.service,
  severity: f.severity,
  redacted: f.redacted,
  fingerprint: f.fingerprint,
  ...(f.suppressed ? { suppressed: f.suppressed } : {}),
});

/** Every fake value a case's input uses (none may appear in any output). */
function secretsOf(c: Case): string[] {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else for (const m of readFileSync(p, "utf8").matchAll(/__FAKE_([A-Z0-9_]+?)__/g)) out.add(fake(m[1]!));
    }
  };
  walk(path.join(c.dir, "input"));
  return [...out].filter((s) => s.length >= 16);
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe.each(listCases().map((c) => [c.name, c] as const))("scan fixture %s", (_name, c) => {
  it("matches expected.json", async () => {
    const dir = materializeCase(c);
    temps.push(dir);
    const expectsUsageError = c.expected.exitCode === 2;
    const args = expectsUsageError ? [...c.args] : [...c.args, "--format", "json"];
    const result = await runCli(args, dir);

    for (const secret of secretsOf(c)) {
      expect(result.stdout.includes(secret), "a full secret leaked to stdout").toBe(false);
      expect(result.stderr.includes(secret), "a full secret leaked to stderr").toBe(false);
    }

    let actual: Record<string, unknown>;
    if (result.code === 2) {
      expect(result.stdout).toBe("");
      actual = { exitCode: 2, stderr: result.stderr.trimEnd() };
    } else {
      const json = JSON.parse(result.stdout) as Json;
      actual = {
        exitCode: result.code,
        summary: { files: json.summary.files, bytes: json.summary.bytes, findings: json.summary.findings },
        findings: json.findings.map(pick),
        ...(json.suppressed ? { suppressed: json.suppressed.map(pick) } : {}),
        skipped: json.skipped,
      };
    }
    if (UPDATE) writeFileSync(path.join(c.dir, "expected.json"), `${JSON.stringify(actual, null, 2)}\n`);
    else expect(actual).toEqual(c.expected);
  });
});
