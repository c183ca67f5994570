/**
 * main() in-process: argument parsing, exit codes, config discovery and errors, output options.
 * Fake secrets come from scripts/make-example.js (generated, never committed).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/scanner/cli.js";
import { STORAGE_EMULATOR_KEY } from "../../src/core/keys/well-known.js";
import { fake } from "../../scripts/make-example.js";

class Sink {
  text = "";
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], cwd: string, env: Record<string, string> = {}, tty = false): Promise<Run> {
  const stdout = new Sink(tty);
  const stderr = new Sink(tty);
  const code = await main({ argv, cwd, stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A temporary folder with the given files (path -> content). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-cli-"));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const token = fake("DATABRICKS_TOKEN");
const storageKey = fake("STORAGE_KEY");
const leaky = (): string =>
  project({
    "src/app.ts": `export const conn = "DefaultEndpointsProtocol=https;AccountName=contosoapp;AccountKey=${storageKey};EndpointSuffix=core.windows.net";\n`,
    ".env": `DATABRICKS_TOKEN=${token}\n`,
  });
const clean = (): string => project({ "src/app.ts": "export const x = process.env.AZURE_STORAGE_KEY;\n" });

const oneLine = (s: string): void => {
  expect(s.endsWith("\n")).toBe(true);
  expect(s.trimEnd().split("\n")).toHaveLength(1);
  expect(s).not.toMatch(/\n\s+at /);
};

describe("azure-msi: commands and usage errors", () => {
  it("prints help with --help and with no command", async () => {
    for (const argv of [["--help"], [], ["scan", "--help"]]) {
      const r = await cli(argv, clean());
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("azure-msi scan [paths...]");
      expect(r.stdout).toContain("--fail-on");
    }
  });

  it("prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
    const r = await cli(["--version"], clean());
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["--bogus"], /unknown option --bogus/],
    [["scan", "--bogus"], /Unknown option '--bogus'/],
    [["scan", "--format", "xml"], /unknown format "xml" \(expected one of: text, json/],
    [["scan", "--fail-on", "fatal"], /--fail-on must be one of: error, warning, info/],
    [["scan", "--max-file-size", "huge"], /--max-file-size must be a number of bytes/],
    [["scan", "--format"], /--format/],
    [["scan", "nope"], /path not found: nope/],
    [["explain"], /explain needs a detector id/],
    [["explain", "no-such-detector"], /unknown detector or rule "no-such-detector"/],
  ])("%j is one line on stderr and exit 2", async (argv, message) => {
    const r = await cli(argv, clean());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^azure-msi: /);
    expect(r.stderr).toMatch(message);
    oneLine(r.stderr);
  });

  it("explains a detector with a masked example", async () => {
    const r = await cli(["explain", "storage-account-key"], clean());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("storage-account-key: Azure Storage account key");
    expect(r.stdout).toContain("Managed Identity: yes");
    expect(r.stdout).toContain("https://learn.microsoft.com/");
    expect(r.stdout).toMatch(/Example \(generated, masked\):\n {2}.*\.\.\./);
    // No long base64 run (a full key) anywhere in the output.
    expect(r.stdout).not.toMatch(/[A-Za-z0-9+/]{40,}/);
  });

  it("reports an unexpected error in one line, with the stack only under DEBUG=azure-msi", async () => {
    const broken = { write: (): boolean => { throw new Error("disk on fire"); } };
    for (const debug of [false, true]) {
      const stderr = new Sink();
      const code = await main({ argv: ["scan"], cwd: clean(), stdout: broken, stderr, env: debug ? { DEBUG: "azure-msi" } : {} });
      expect(code).toBe(2);
      expect(stderr.text.split("\n")[0]).toBe("azure-msi: internal error: disk on fire");
      if (debug) expect(stderr.text).toMatch(/\n\s+at /);
      else oneLine(stderr.text);
    }
  });

  it("explains an ESLint rule from its docs page", async () => {
    for (const id of ["no-hardcoded-credentials", "azure-msi/no-hardcoded-credentials"]) {
      const r = await cli(["explain", id], clean());
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^# no-hardcoded-credentials\n/);
    }
  });

  it("prints the service catalog", async () => {
    const r = await cli(["services"], clean());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Azure Storage");
    expect(r.stdout).toContain("Azure Service Bus");
  });
});

describe("azure-msi scan: exit codes and --fail-on", () => {
  it("exits 0 on a clean tree and 1 on findings", async () => {
    expect((await cli(["scan"], clean())).code).toBe(0);
    const r = await cli(["scan"], leaky());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("storage-connection-string");
    expect(r.stdout).toContain("databricks-token");
  });

  it("counts only findings at or above --fail-on", async () => {
    // The published emulator key is reported at info severity, never as an error.
    const dir = project({
      "local.ts": `const c = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${STORAGE_EMULATOR_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";\n`,
    });
    const json = JSON.parse((await cli(["scan", "--format", "json"], dir)).stdout) as { findings: Array<{ severity: string }> };
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings.every((f) => f.severity === "info")).toBe(true);
    expect((await cli(["scan"], dir)).code).toBe(0);
    expect((await cli(["scan", "--fail-on", "warning"], dir)).code).toBe(0);
    expect((await cli(["scan", "--fail-on", "info"], dir)).code).toBe(1);
  });

  it("scans only the named paths", async () => {
    const dir = leaky();
    const r = await cli(["scan", "src", "--format", "json"], dir);
    const json = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; summary: { files: number } };
    expect(json.summary.files).toBe(1);
    expect(json.findings.map((f) => f.file)).toEqual(["src/app.ts"]);
  });

  it("scans a named file even when .gitignore excludes it", async () => {
    const dir = project({ ".gitignore": "secret.env\n", "secret.env": `DATABRICKS_TOKEN=${token}\n` });
    expect((await cli(["scan"], dir)).code).toBe(0);
    expect((await cli(["scan", "secret.env"], dir)).code).toBe(1);
  });
});

describe("azure-msi scan: configuration", () => {
  it("finds .azure-msi.json upward to the git root", async () => {
    const dir = leaky();
    mkdirSync(path.join(dir, ".git"));
    writeFileSync(path.join(dir, ".azure-msi.json"), JSON.stringify({ allow: [{ ruleId: "databricks-token" }], ignore: ["src/**"] }));
    const r = await cli(["scan", "--format", "json", "--show-suppressed"], path.join(dir, "src"));
    // cwd is src/, but the config's globs are relative to the config file.
    const json = JSON.parse(r.stdout) as { findings: unknown[]; summary: { files: number } };
    expect(r.code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.summary.files).toBe(0);
  });

  it("reads package.json#azureMsi, and failOn from the config", async () => {
    const dir = leaky();
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "x", azureMsi: { allow: [{ path: "src/**" }, { path: ".env" }] } }));
    const r = await cli(["scan", "--format", "json", "--show-suppressed"], dir);
    const json = JSON.parse(r.stdout) as { findings: unknown[]; suppressed: Array<{ suppressed: { kind: string } }> };
    expect(r.code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.suppressed.map((s) => s.suppressed.kind)).toEqual(["config", "config"]);
  });

  it("uses --config <file> instead of discovery", async () => {
    const dir = leaky();
    writeFileSync(path.join(dir, "strict.json"), JSON.stringify({ failOn: "info" }));
    writeFileSync(path.join(dir, ".azure-msi.json"), JSON.stringify({ allow: [{ path: "**" }] }));
    expect((await cli(["scan"], dir)).code).toBe(0);
    expect((await cli(["scan", "--config", "strict.json"], dir)).code).toBe(1);
  });

  it.each([
    ['{ "allow": [{ "path": 3 }] }', '.azure-msi.json: "allow[0].path" must be a non-empty string'],
    ['{ "allow": [{ "reason": "x" }] }', '.azure-msi.json: "allow[0]" needs at least one of "path", "ruleId", "value"'],
    ['{ "alow": [] }', '.azure-msi.json: "alow" is not a known key'],
    ['{ "failOn": "fatal" }', '.azure-msi.json: "failOn" must be one of "error", "warning", "info"'],
    ['{ "maxFileSize": -1 }', '.azure-msi.json: "maxFileSize" must be a positive integer'],
    ['{ "ignore": "dist" }', '.azure-msi.json: "ignore" must be an array'],
    ['{ "allow": [{ "value": "(" }] }', '.azure-msi.json: "allow[0].value" must be a valid regular expression'],
    ['{ "allow": [{ "ruleId": "storage-acount-key" }] }', '.azure-msi.json: "allow[0].ruleId" is not a known detector id'],
    ["[1, 2]", ".azure-msi.json: the configuration must be an object"],
    ["{ allow: [] }", ".azure-msi.json: invalid JSON"],
  ])("rejects %s with a one-line error and exit 2", async (content, message) => {
    const dir = project({ ".azure-msi.json": content, "a.txt": "hello\n" });
    const r = await cli(["scan"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`azure-msi: ${message}`);
    oneLine(r.stderr);
  });

  it("reports a missing --config file and a package.json without azureMsi", async () => {
    const dir = project({ "package.json": '{ "name": "x" }' });
    let r = await cli(["scan", "--config", "nope.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("azure-msi: nope.json: cannot read the file (not found)\n");
    r = await cli(["scan", "--config", "package.json"], dir);
    expect(r.stderr).toBe('azure-msi: package.json: has no "azureMsi" key\n');
    // Discovery simply skips a package.json without the key.
    expect((await cli(["scan"], dir)).code).toBe(0);
  });
});

describe("azure-msi scan: output", () => {
  it("prints the JSON report in the DESIGN.md shape", async () => {
    const r = await cli(["scan", "--format", "json"], leaky());
    const json = JSON.parse(r.stdout) as Record<string, unknown> & { findings: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(["version", "findings", "summary", "skipped"]);
    expect(json.version).toBe(1);
    expect(Object.keys(json.summary as object)).toEqual(["files", "bytes", "findings", "durationMs"]);
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual([
        "ruleId", "service", "file", "line", "column", "endLine", "endColumn", "severity", "message", "redacted",
        "fingerprint", "msi", "fix",
      ]);
      expect(Object.keys(f.msi as object)).toEqual(["supported", "replacement", "roles", "docs"]);
      expect(Object.keys(f.fix as object)).toEqual(["available", "description"]);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    const storage = json.findings.find((f) => f.file === "src/app.ts")!;
    expect(storage.fix).toMatchObject({ available: true });
    const env = json.findings.find((f) => f.file === ".env")!;
    expect(env.fix).toMatchObject({ available: false });
    expect(r.stdout).not.toContain(storageKey);
    expect(r.stdout).not.toContain(token);
  });

  it("prints text grouped by file, masked, with the advice; colour only when asked for", async () => {
    const dir = leaky();
    const r = await cli(["scan"], dir);
    expect(r.stdout).toMatch(/^\.env\n {2}1:18 +error +databricks-token/m);
    expect(r.stdout).toMatch(/^src\/app\.ts\n/m);
    expect(r.stdout).toContain("Managed Identity:");
    expect(r.stdout).toContain("docs: https://");
    expect(r.stdout).toContain("Fix: Rewrite the client");
    expect(r.stdout).toMatch(/✖ 2 findings \(2 errors, 0 warnings\) in 2 files/);
    expect(r.stdout).not.toContain(storageKey);
    expect(r.stdout).not.toContain(token);
    expect(r.stdout).not.toContain("\x1b[");
    expect((await cli(["scan"], dir, { FORCE_COLOR: "1" })).stdout).toContain("\x1b[");
    expect((await cli(["scan"], dir, {}, true)).stdout).toContain("\x1b[");
    expect((await cli(["scan"], dir, { NO_COLOR: "1" }, true)).stdout).not.toContain("\x1b[");
    expect((await cli(["scan", "--no-color"], dir, {}, true)).stdout).not.toContain("\x1b[");
  });

  it("writes --output to a file and nothing to stdout", async () => {
    const dir = leaky();
    const r = await cli(["scan", "--format", "json", "--output", "report.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const json = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as { findings: unknown[] };
    expect(json.findings).toHaveLength(2);
    const bad = await cli(["scan", "--output", "no/such/dir/report.txt"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^azure-msi: cannot write no\/such\/dir\/report.txt/);
  });

  it("--quiet prints nothing on a clean tree and only failing findings otherwise", async () => {
    expect(await cli(["scan", "--quiet"], clean())).toEqual({ code: 0, stdout: "", stderr: "" });
    const dir = project({
      "local.ts": `const c = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${STORAGE_EMULATOR_KEY};";\n`,
      ".env": `DATABRICKS_TOKEN=${token}\n`,
    });
    const r = await cli(["scan", "--quiet"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("databricks-token");
    expect(r.stdout).not.toContain("local.ts");
  });

  it("lists suppressed findings only with --show-suppressed", async () => {
    const dir = project({ "a.sh": `export T=${token} # azure-msi-ignore -- docs sample\n` });
    let r = await cli(["scan"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 suppressed (--show-suppressed to list)");
    expect(r.stdout).not.toContain("databricks-token");
    r = await cli(["scan", "--show-suppressed"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("suppressed (inline: docs sample)");
  });

  it("shows no progress when stderr is not a terminal", async () => {
    const r = await cli(["scan"], leaky());
    expect(r.stderr).toBe("");
  });

  it("lists skipped files as warnings in text output", async () => {
    const dir = project({ "big.env": `DATABRICKS_TOKEN=${token}\n${"#".repeat(2000)}\n`, "img.png": "x" });
    const r = await cli(["scan", "--max-file-size", "1k"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("warning skipped big.env: larger than 1.0 KB");
    expect(r.stdout).toContain("1 binary file skipped");
  });
});

describe("azure-msi scan: hostile names and content in text output", () => {
  it("escapes control characters from file names and code frames", async () => {
    const dir = project({
      "esc\u001b[31mred.env": `DATABRICKS_TOKEN=${token}\n`,
      "frame.env": `DATABRICKS_TOKEN=${token} \u001b]0;pwned\u0007\n`,
    });
    const r = await cli(["scan"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain("esc\\x1b[31mred.env");
    expect(r.stdout).toContain("\\x1b]0;pwned\\x07");
  });
});
