/**
 * The ready-made integrations: .pre-commit-hooks.yaml, action.yml and the snippets in docs/ parse,
 * reference real CLI flags and formats, and (where it can run here) actually work: each hook's
 * entry runs against a real repository, and the Action's scan script runs under bash with a
 * stand-in `npx` that calls the built CLI, in a simulated pull-request job.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { BASELINE_OPTIONS, SCAN_OPTIONS } from "../../src/scanner/cli.js";
import { FORMATS } from "../../src/scanner/reporters/index.js";
import { BIN, cleanEnv, fakeToken, makeRepo, ROOT, runCli, type Repo } from "./helpers.js";

const read = (p: string): string => readFileSync(join(ROOT, p), "utf8");
const repos: Repo[] = [];
const temps: string[] = [];
afterAll(() => {
  for (const r of repos.splice(0)) r.cleanup();
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** Check the flags of one `azure-msi <command> ...` command line against the CLI's own tables. */
function checkCommand(line: string): string[] {
  const problems: string[] = [];
  const m = /azure-msi\s+(scan|baseline)\b(.*)$/.exec(line);
  if (!m) return problems;
  const known: Record<string, { type: string; short?: string }> = m[1] === "scan" ? SCAN_OPTIONS : BASELINE_OPTIONS;
  const tokens = m[2]!.trim().split(/\s+/);
  tokens.forEach((t, i) => {
    const flag = /^--([a-z][a-z-]*)$/.exec(t);
    if (flag && !Object.hasOwn(known, flag[1]!)) problems.push(`${line}: unknown flag --${flag[1]}`);
    if (t === "--format" || t === "-f") {
      const v = tokens[i + 1] ?? "";
      if (!FORMATS.includes(v)) problems.push(`${line}: unknown format ${v}`);
    }
  });
  return problems;
}

describe(".pre-commit-hooks.yaml", () => {
  const hooks = parseYaml(read(".pre-commit-hooks.yaml")) as Array<Record<string, unknown>>;
  const pkg = JSON.parse(read("package.json")) as { bin: Record<string, string> };

  it("declares node hooks that scan the index themselves", () => {
    expect(Array.isArray(hooks)).toBe(true);
    expect(hooks.map((h) => h.id)).toContain("azure-msi");
    for (const h of hooks) {
      expect(h).toMatchObject({ language: "node", pass_filenames: false });
      expect(typeof h.name).toBe("string");
      const entry = String(h.entry);
      expect(entry.split(" ")[0]).toBe("azure-msi");
      expect(Object.keys(pkg.bin)).toContain("azure-msi");
      expect(entry).toMatch(/^azure-msi scan --staged\b/);
      expect(checkCommand(entry)).toEqual([]);
    }
  });

  it("each hook's entry blocks a staged secret in a real repository", () => {
    const r = makeRepo();
    repos.push(r);
    r.write("old.txt", `token ${fakeToken("hook-old")}\n`);
    r.git("add", ".");
    r.commit("base");
    expect(runCli(r.dir, ["baseline"]).code).toBe(0);
    for (const h of hooks) {
      const args = String(h.entry).split(" ").slice(1);
      r.write("old.txt", `token ${fakeToken("hook-old")}\nmore\n`);
      r.git("add", "old.txt");
      // The accepted key: blocks without a baseline, passes with it.
      expect(runCli(r.dir, args).code, String(h.id)).toBe(args.includes("--baseline") ? 0 : 1);
      r.write("new.txt", `token ${fakeToken("hook-new")}\n`);
      r.git("add", "new.txt");
      expect(runCli(r.dir, args).code, String(h.id)).toBe(1);
      r.git("reset", "-q");
    }
  });
});

interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  if?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

describe("action.yml", () => {
  const text = read("action.yml");
  const action = parseYaml(text) as Action;
  const scan = action.runs.steps.find((s) => s.id === "scan")!;

  it("is a composite action with the documented inputs and steps", () => {
    expect(action.runs.using).toBe("composite");
    for (const input of ["base-ref", "baseline", "fail-on", "version"]) expect(Object.keys(action.inputs)).toContain(input);
    expect(action.runs.steps.some((s) => s.uses?.startsWith("actions/setup-node@"))).toBe(true);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.sarif_file).toContain("steps.scan.outputs.sarif-file");
    for (const s of action.runs.steps) if (s.run) expect(s.shell).toBe("bash");
    // Every referenced input exists; inputs reach scripts only through env, never spliced into code.
    for (const m of text.matchAll(/inputs\.([a-z-]+)/g)) expect(Object.keys(action.inputs)).toContain(m[1]);
    for (const s of action.runs.steps) expect(s.run ?? "").not.toMatch(/\$\{\{/);
    // The flags it passes exist.
    for (const flag of scan.run!.matchAll(/(--[a-z][a-z-]*)/g)) {
      if (["--yes", "--package", "--no-tags", "--quiet"].includes(flag[1]!)) continue;
      expect(Object.keys(SCAN_OPTIONS), flag[1]).toContain(flag[1]!.slice(2));
    }
    // And every documented input appears in docs/ci.md.
    const docs = read("docs/ci.md");
    for (const input of Object.keys(action.inputs)) expect(docs).toContain(input);
  });

  /** Run the scan step's script the way the runner would, with `npx` standing in for the package. */
  function runScanStep(r: Repo, env: Record<string, string>): { code: number; stdout: string; outputs: Record<string, string>; npxCalls: string } {
    const bin = mkdtempSync(join(tmpdir(), "azure-msi-fakebin-"));
    temps.push(bin);
    const log = join(bin, "npx.log");
    writeFileSync(
      join(bin, "npx"),
      `#!/bin/sh\n# stands in for: npx --yes --package <spec> -- azure-msi ...\necho "$*" >> "${log}"\nwhile [ "$#" -gt 0 ] && [ "$1" != "--" ]; do shift; done\nshift; shift\nexec "${process.execPath}" "${BIN}" "$@"\n`,
    );
    chmodSync(join(bin, "npx"), 0o755);
    const outputFile = join(bin, "github_output");
    writeFileSync(outputFile, "");
    const stepEnv: Record<string, string> = {
      AZURE_MSI_BASE_REF: "",
      AZURE_MSI_BASELINE: action.inputs.baseline!.default ?? "",
      AZURE_MSI_FAIL_ON: action.inputs["fail-on"]!.default ?? "",
      AZURE_MSI_VERSION: "0.1.0",
      AZURE_MSI_SARIF: action.inputs["sarif-file"]!.default ?? "",
      AZURE_MSI_PUSH_BEFORE: "",
      GITHUB_OUTPUT: outputFile,
      NO_COLOR: "1",
      ...env,
    };
    // As the runner does for `shell: bash`: bash --noprofile --norc -eo pipefail <script>.
    const script = join(bin, "step.sh");
    writeFileSync(script, scan.run!);
    const res = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: r.dir,
      env: cleanEnv({ ...stepEnv, PATH: `${bin}:${process.env.PATH}` }),
      encoding: "utf8",
      timeout: 120_000,
    });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    let npxCalls = "";
    try {
      npxCalls = readFileSync(log, "utf8");
    } catch {
      npxCalls = "";
    }
    return { code: res.status ?? -1, stdout: res.stdout + res.stderr, outputs, npxCalls };
  }

  it("in a pull request: annotates only the new leak, honours the baseline, writes SARIF", () => {
    const r = makeRepo();
    repos.push(r);
    r.write("legacy/settings.txt", `token = ${fakeToken("action-old")}\n`);
    r.write("legacy/accepted.txt", `token = ${fakeToken("action-accepted")}\n`);
    r.git("add", ".");
    r.commit("base");
    r.git("remote", "add", "origin", r.dir);
    r.git("checkout", "-q", "-b", "feature");
    // The PR touches the legacy file (old key untouched) and adds a new key.
    r.write("legacy/settings.txt", `token = ${fakeToken("action-old")}\nother = 1\n`);
    r.write("src/new.ts", `\nconst t = "${fakeToken("action-new")}";\n`);
    r.git("add", ".");
    r.commit("feature");

    const res = runScanStep(r, { GITHUB_BASE_REF: "main" });
    expect(res.code, res.stdout).toBe(0);
    expect(res.outputs["exit-code"]).toBe("1");
    expect(res.outputs["sarif-file"]).toBe("azure-msi.sarif");
    const annotations = res.stdout.split("\n").filter((l) => l.startsWith("::error file="));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=src\/new\.ts,line=2,col=12,/);
    expect(res.npxCalls).toContain("--package eslint-plugin-azure-msi@0.1.0 -- azure-msi scan --fail-on error --diff origin/main");
    const sarif = JSON.parse(readFileSync(join(r.dir, "azure-msi.sarif"), "utf8"));
    expect(sarif.runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(["src/new.ts"]);

    // With a baseline on main that already holds the new key, nothing fails.
    expect(runCli(r.dir, ["baseline"]).code).toBe(0);
    const accepted = runScanStep(r, { GITHUB_BASE_REF: "main" });
    expect(accepted.outputs["exit-code"]).toBe("0");
    expect(accepted.npxCalls).toContain("--baseline .azure-msi-baseline.json");

    // fail-on none never fails; a bad fail-on is an error.
    rmSync(join(r.dir, ".azure-msi-baseline.json"));
    const none = runScanStep(r, { GITHUB_BASE_REF: "main", AZURE_MSI_FAIL_ON: "none" });
    expect(none.code).toBe(0);
    const bad = runScanStep(r, { GITHUB_BASE_REF: "main", AZURE_MSI_FAIL_ON: "sometimes" });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain("::error title=azure-msi::fail-on must be");
  });

  it("on a push: diffs against the previous tip, or scans everything for a new branch", () => {
    const r = makeRepo();
    repos.push(r);
    r.write("a.txt", `token = ${fakeToken("push-old")}\n`);
    r.git("add", ".");
    const before = r.commit("one");
    r.write("b.txt", "clean\n");
    r.git("add", ".");
    r.commit("two");
    const push = runScanStep(r, { AZURE_MSI_PUSH_BEFORE: before });
    expect(push.outputs["exit-code"]).toBe("0");
    expect(push.npxCalls).toContain(`--diff ${before}`);
    const fresh = runScanStep(r, { AZURE_MSI_PUSH_BEFORE: "0".repeat(40) });
    expect(fresh.outputs["exit-code"]).toBe("1");
    expect(fresh.npxCalls).not.toContain("--diff");
  });
});

describe("docs", () => {
  for (const doc of ["docs/ci.md", "docs/pre-commit.md"]) {
    it(`${doc}: every azure-msi command uses real flags and formats; YAML snippets parse`, () => {
      const text = read(doc);
      const blocks = [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
      expect(blocks.length).toBeGreaterThan(2);
      const problems: string[] = [];
      let commands = 0;
      for (const [, lang, body] of blocks) {
        for (const line of body!.split("\n")) {
          if (/azure-msi\s+(scan|baseline)\b/.test(line)) {
            commands++;
            problems.push(...checkCommand(line.replace(/["'].*$/, (m) => (m.startsWith('"') && m.endsWith('"') ? m.slice(1, -1) : m))));
          }
        }
        if (lang === "yaml") {
          const docs = parseAllDocuments(body!);
          for (const d of docs) expect(d.errors.map((e) => e.message), `${doc} YAML`).toEqual([]);
        }
      }
      expect(commands).toBeGreaterThan(2);
      expect(problems).toEqual([]);
    });
  }
});
