/**
 * End to end: real temporary git repositories and the BUILT CLI (`node bin/azure-msi.js`; `npm test`
 * builds first through `pretest`). Secrets are generated fakes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type AjvDraft04 from "ajv-draft-04";
import type AjvFormats from "ajv-formats";
import { redact } from "../../src/core/report/redact.js";
import { BIN, cleanEnv, fakeToken, makeRepo, missingObjects, partialClone, shallowFeatureClone, ROOT, runCli, type Repo } from "./helpers.js";

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  fingerprint: string;
  redacted: string;
  commit?: { sha: string; date: string; author?: string };
  suppressed?: { kind: string };
}
interface JsonReport {
  findings: JsonFinding[];
  suppressed?: JsonFinding[];
  staleBaseline?: string[];
}

const repos: Repo[] = [];
const repo = (): Repo => {
  const r = makeRepo();
  repos.push(r);
  return r;
};

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "scanner", "cli.js"))) throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
});
afterAll(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const json = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;
const tokens = (r: JsonReport): JsonFinding[] => r.findings.filter((f) => f.ruleId === "databricks-token");

function expectNoSecret(out: string, ...secrets: string[]): void {
  for (const s of secrets) expect(out.includes(s)).toBe(false);
}

describe("scan --staged (pre-commit)", () => {
  it("blocks a staged secret, but not the same secret only in the working tree", () => {
    const r = repo();
    const secret = fakeToken("staged");
    r.write("src/app settings/ünï.ts", "export const x = 1;\n");
    r.git("add", ".");
    r.commit("base");

    // Only in the working tree: a modified tracked file and an untracked file.
    r.write("src/app settings/ünï.ts", `export const token = "${secret}";\n`);
    r.write("untracked.env", `TOKEN=${secret}\n`);
    const clean = runCli(r.dir, ["scan", "--staged"]);
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);

    // Staged: blocks, with the path and the masked value, never the secret.
    r.git("add", "src/app settings/ünï.ts");
    const blocked = runCli(r.dir, ["scan", "--staged"]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain("src/app settings/ünï.ts");
    expect(blocked.stdout).toContain(redact(secret));
    expectNoSecret(blocked.stdout + blocked.stderr, secret);

    // The index is what counts: cleaning only the working tree does not unblock the commit.
    r.write("src/app settings/ünï.ts", "export const x = 1;\n");
    expect(runCli(r.dir, ["scan", "--staged"]).code).toBe(1);
    // ... and a staged clean version does.
    r.git("add", "src/app settings/ünï.ts");
    expect(runCli(r.dir, ["scan", "--staged"]).code).toBe(0);
  });

  it("honours the index a git hook is given (GIT_INDEX_FILE) and works as a real pre-commit hook", () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.git("add", ".");
    r.commit("base");
    const hook = `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin", "azure-msi.js")}" scan --staged --quiet\n`;
    writeFileSync(join(r.dir, ".git", "hooks", "pre-commit"), hook, { mode: 0o755 });
    r.write("b.txt", `token: ${fakeToken("hook")}\n`);
    r.git("add", "b.txt");
    let failed = false;
    try {
      execFileSync("git", ["commit", "-q", "-m", "leak"], { cwd: r.dir, env: cleanEnv(), stdio: "pipe" });
    } catch {
      failed = true;
    }
    expect(failed).toBe(true);
    expect(r.git("log", "--oneline").trim().split("\n")).toHaveLength(1);
    // `git commit -a` with an unrelated clean change, after unstaging the leak: passes.
    r.git("reset", "-q", "b.txt");
    r.write("a.txt", "a2\n");
    execFileSync("git", ["commit", "-q", "-a", "-m", "clean"], { cwd: r.dir, env: cleanEnv(), stdio: "pipe" });
    expect(r.git("log", "--oneline").trim().split("\n")).toHaveLength(2);
  });
});

describe("startup cost of the pre-commit scan", () => {
  // The CLI runs from the bundle (dist/cli, scripts/bundle-cli.js): CommonJS chunks, each a group of
  // compiled modules that dist/cli/modules.json lists. Every file the process loads is recorded:
  // require.cache at exit (CommonJS: the chunks, packages required with createRequire) and an ES
  // module loader hook (anything imported); a chunk counts as loading each module it holds.
  it("--staged loads neither the TypeScript compiler nor the file walker nor the fix machinery", () => {
    const r = repo();
    r.write("a.ts", "export const a = 1;\n");
    r.git("add", ".");
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-trace-"));
    try {
      const log = join(dir, "loaded.txt");
      writeFileSync(
        join(dir, "loader.mjs"),
        `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + "\\n");\n  return next(url, context);\n}\n`,
      );
      writeFileSync(join(dir, "register.mjs"), `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "loader.mjs")).href)});\n`);
      writeFileSync(
        join(dir, "cache.cjs"),
        `const { appendFileSync } = require("node:fs");\nconst { pathToFileURL } = require("node:url");\nprocess.on("exit", () => appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).map((f) => pathToFileURL(f).href + "\\n").join("")));\n`,
      );
      const res = spawnSync(process.execPath, ["--require", join(dir, "cache.cjs"), "--import", pathToFileURL(join(dir, "register.mjs")).href, BIN, "scan", "--staged"], {
        cwd: r.dir,
        env: cleanEnv({ NO_COLOR: "1" }),
        encoding: "utf8",
      });
      expect(res.status, res.stderr).toBe(0);
      const files = [...new Set(readFileSync(log, "utf8").split("\n").filter((u) => u.startsWith("file:")))];
      const root = pathToFileURL(ROOT).href + "/";
      const ours = files.filter((u) => u.startsWith(root) && !u.includes("/node_modules/")).map((u) => u.slice(root.length));
      // The CLI itself runs from the bundle only (not from tsc's per-module output next to it) ...
      expect(ours).toContain("bin/azure-msi.js");
      expect(ours.filter((f) => !/^bin\/[^/]+\.js$/.test(f) && !/^dist\/cli\/[^/]+\.js$/.test(f))).toEqual([]);
      // ... whose chunks are all listed in the manifest, so the module checks below see everything.
      const manifest = JSON.parse(readFileSync(join(ROOT, "dist", "cli", "modules.json"), "utf8")) as Record<string, string[]>;
      const chunks = ours.filter((f) => f.startsWith("dist/cli/")).map((f) => f.slice("dist/cli/".length));
      expect(chunks.filter((c) => !(c in manifest))).toEqual([]);
      const modules = chunks.flatMap((c) => manifest[c]!);
      expect(modules).toContain("dist/scanner/git.js");
      expect(modules).toContain("dist/core/detectors/index.js");
      expect(files.filter((u) => /node_modules\/(typescript|fast-glob|@typescript-eslint|eslint)\//.test(u))).toEqual([]);
      // The sink table (fixes/sink.js and the recipe families' data) is read by the sdk-key-credential
      // detector, so detection and fix agree; the rewriting machinery is not loaded.
      expect(modules.filter((m) => /^dist\/(scanner\/(files|fix|pool|report-finding)|adapters|rules)\b|^dist\/core\/fixes\/(?!sink\.js|recipes\/)/.test(m))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("configuration in git scans", () => {
  it("applies the config's ignore globs and allow entries to --staged and --diff", () => {
    const r = repo();
    r.write(".azure-msi.json", JSON.stringify({ ignore: ["fixtures/**"], allow: [{ path: "docs/**", reason: "documentation samples" }] }));
    r.write("a.txt", "a\n");
    r.git("add", ".");
    r.commit("base");
    r.git("checkout", "-q", "-b", "f");
    r.write("fixtures/sample key.txt", `token ${fakeToken("cfg-fixture")}\n`);
    r.write("docs/example.md", `token ${fakeToken("cfg-docs")}\n`);
    r.git("add", ".");
    const staged = runCli(r.dir, ["scan", "--staged", "--format", "json", "--show-suppressed"]);
    expect(staged.stderr).toBe("");
    expect(staged.code).toBe(0);
    const report = json(staged.stdout);
    expect(report.findings).toEqual([]);
    expect(report.suppressed!.map((f) => [f.file, f.suppressed?.kind])).toEqual([["docs/example.md", "config"]]);
    r.commit("f");
    expect(runCli(r.dir, ["scan", "--diff", "main"]).code).toBe(0);
    r.write("src/x.ts", `const t = "${fakeToken("cfg-src")}";\n`);
    r.git("add", ".");
    expect(runCli(r.dir, ["scan", "--staged"]).code).toBe(1);
  });
});

describe("scan --diff (pull requests)", () => {
  it("ignores old findings and reports new ones on the right lines, with annotations", () => {
    const r = repo();
    const old = fakeToken("diff-old");
    const fresh = fakeToken("diff-new");
    const renamed = fakeToken("diff-renamed");
    r.write("config/old.txt", `a\ntoken = ${old}\nb\n`);
    r.write("docs/read me.md", `intro\nkey ${renamed}\n`);
    r.write("gone.txt", `t = ${fakeToken("diff-gone")}\n`);
    r.git("add", ".");
    r.commit("base");
    r.git("checkout", "-q", "-b", "feature");
    r.write("config/old.txt", `a\ntoken = ${old}\nb\nc\n`);
    r.write("src/new file ü.ts", `// header\n\n  const t = "${fresh}";\n`);
    r.git("mv", "docs/read me.md", "docs/moved.md");
    r.git("rm", "-q", "gone.txt");
    r.git("add", ".");
    r.commit("feature");

    const res = runCli(r.dir, ["scan", "--diff", "main", "--format", "json"]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(1);
    const found = tokens(json(res.stdout));
    expect(found.map((f) => [f.file, f.line, f.column])).toEqual([["src/new file ü.ts", 3, 14]]);

    const gh = runCli(r.dir, ["scan", "--diff", "main", "--format", "github"]);
    expect(gh.code).toBe(1);
    const annotations = gh.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=src\/new file ü\.ts,line=3,col=14,endLine=3,endColumn=50,title=azure-msi databricks-token::/);
    expectNoSecret(gh.stdout, old, fresh, renamed);

    // The old finding is still there in a full scan.
    const full = tokens(json(runCli(r.dir, ["scan", "--format", "json"]).stdout));
    expect(full.map((f) => f.file).sort()).toEqual(["config/old.txt", "docs/moved.md", "src/new file ü.ts"]);
  });

  it("writes SARIF that the official schema accepts", () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.git("add", ".");
    r.commit("base");
    r.git("checkout", "-q", "-b", "f");
    r.write("dir with space/b.txt", `x\ntoken=${fakeToken("sarif")}\n`);
    r.git("add", ".");
    r.commit("f");
    const res = runCli(r.dir, ["scan", "--diff", "main", "--format", "sarif", "--output", "out.sarif"]);
    expect(res.code).toBe(1);
    const log = JSON.parse(readFileSync(join(r.dir, "out.sarif"), "utf8"));
    const require = createRequire(import.meta.url);
    const Ajv = require("ajv-draft-04") as typeof AjvDraft04.default;
    const addFormats = require("ajv-formats") as typeof AjvFormats.default;
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const result = log.runs[0].results[0];
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe("dir%20with%20space/b.txt");
    expect(result.locations[0].physicalLocation.region.startLine).toBe(2);
  });

  it("explains a shallow clone without the merge base in one line (exit 2)", () => {
    const clone = shallowFeatureClone(repo());
    try {
      const res = runCli(clone, ["scan", "--diff", "origin/main"]);
      expect(res.code).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(res.stderr).toMatch(/^azure-msi: --diff origin\/main: cannot find the merge base .*shallow clone.*fetch-depth: 0/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe("scan --history", () => {
  it("finds a key that was added and later removed, with commit sha and date", () => {
    const r = repo();
    const secret = fakeToken("history");
    r.write("app/cfg 1.yaml", "name: demo\n");
    r.git("add", ".");
    const first = r.commit("first", "2023-05-06T07:08:09Z");
    r.write("app/cfg 1.yaml", `name: demo\ntoken: ${secret}\n`);
    r.git("add", ".");
    const leak = r.commit("leak", "2023-06-07T08:09:10Z");
    r.write("app/cfg 1.yaml", "name: demo\ntoken: ${DATABRICKS_TOKEN}\n");
    r.git("add", ".");
    r.commit("fix", "2023-07-08T09:10:11Z");

    expect(runCli(r.dir, ["scan"]).code).toBe(0);
    const res = runCli(r.dir, ["scan", "--history", "--format", "json"]);
    expect(res.code).toBe(1);
    const found = tokens(json(res.stdout));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "app/cfg 1.yaml", line: 2, redacted: redact(secret), commit: { sha: leak, date: "2023-06-07T08:09:10+00:00", author: "Test Author" } });
    expectNoSecret(res.stdout, secret);
    const text = runCli(r.dir, ["scan", "--history"]);
    expect(text.stdout).toContain(`commit ${leak.slice(0, 12)}`);

    expect(tokens(json(runCli(r.dir, ["scan", "--history", "--since", first, "--format", "json"]).stdout))).toHaveLength(1);
    expect(runCli(r.dir, ["scan", "--history", "--since", leak]).code).toBe(0);
    const bad = runCli(r.dir, ["scan", "--since", first]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("azure-msi: --since only applies to --history\n");
  });

  it("in a partial clone, lists the objects git cannot read as skipped and scans the rest, never fetching", () => {
    const r = repo();
    const [old, kept, added] = [fakeToken("partial-old"), fakeToken("partial-kept"), fakeToken("partial-added")];
    r.write("src/a.ts", `export const t = "${old}";\n`);
    r.write("notes.txt", "v1\n");
    r.git("add", ".");
    const first = r.commit("first");
    r.write("src/a.ts", `export const t = "${old}";\nexport const u = "${kept}";\n`);
    r.write("src/c.ts", `export const v = "${added}";\n`);
    r.git("add", ".");
    const second = r.commit("second");
    r.write("notes.txt", "v2\n");
    r.git("add", ".");
    r.commit("third");
    const clone = partialClone(r);
    try {
      const missingBefore = missingObjects(clone);
      // The first versions of src/a.ts and notes.txt were never fetched.
      expect(missingBefore).toHaveLength(2);
      const res = runCli(clone, ["scan", "--history", "--format", "json"]);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(1);
      const report = json(res.stdout) as JsonReport & { skipped: Array<{ file: string; reason: string }> };
      // Both files of the first commit are listed; the scan went on with the others.
      const skipped = report.skipped.filter((s) => /partial clone/.test(s.reason));
      expect(skipped.map((s) => s.file).sort()).toEqual(["notes.txt", "src/a.ts"]);
      expect(skipped.every((s) => s.reason.includes(first.slice(0, 12)))).toBe(true);
      const found = tokens(report);
      expect(found.map((f) => f.redacted).sort()).toEqual([redact(added), redact(kept), redact(old)].sort());
      // The second commit's old src/a.ts is missing: its new version was scanned whole.
      expect(found.every((f) => f.commit?.sha === second)).toBe(true);
      for (const s of [old, kept, added]) expectNoSecret(res.stdout, s);
      // The same list in the other formats.
      expect(runCli(clone, ["scan", "--history"]).stdout).toMatch(/skipped src\/a\.ts: git object [0-9a-f]{12} \(commit [0-9a-f]{12}\) is not in this clone/);
      const sarif = runCli(clone, ["scan", "--history", "--format", "sarif"]).stdout;
      expect(sarif).toContain("Skipped notes.txt: git object");
      expect(runCli(clone, ["scan", "--history", "--format", "html"]).stdout).toContain("notes.txt: git object");
      // git fetched nothing (the origin is still there and reachable over file://).
      expect(missingObjects(clone)).toEqual(missingBefore);
      // A history scan from the commit after the missing ones is complete and clean of skips.
      const since = json(runCli(clone, ["scan", "--history", "--since", second, "--format", "json"]).stdout) as JsonReport & { skipped: unknown[] };
      expect(since.skipped).toEqual([]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe("baseline", () => {
  it("survives a file move and a re-indent; only new findings fail; stale entries are listed", () => {
    const r = repo();
    const a = fakeToken("baseline-a");
    const b = fakeToken("baseline-b");
    r.write("src/a.ts", `export const a = "${a}";\n`);
    r.write("src/b.py", `B = "${b}"\n`);
    const made = runCli(r.dir, ["baseline"]);
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/wrote 2 fingerprints .* to \.azure-msi-baseline\.json/);
    const text = readFileSync(join(r.dir, ".azure-msi-baseline.json"), "utf8");
    expectNoSecret(text, a, b);
    expect(text).not.toMatch(/"line"|20\d\d-/);
    expect(runCli(r.dir, ["scan"]).code).toBe(1);
    expect(runCli(r.dir, ["scan", "--baseline", ".azure-msi-baseline.json"]).code).toBe(0);

    // Move a file into another folder and re-indent it.
    r.remove("src/a.ts");
    r.write("lib/moved/a2.ts", `export function f() {\n\n        return "${a}";\n}\n`);
    const moved = runCli(r.dir, ["scan", "--baseline", ".azure-msi-baseline.json", "--format", "json", "--show-suppressed"]);
    expect(moved.code).toBe(0);
    const report = json(moved.stdout);
    expect(tokens(report)).toEqual([]);
    expect(report.suppressed!.filter((f) => f.suppressed?.kind === "baseline").map((f) => f.file).sort()).toEqual(["lib/moved/a2.ts", "src/b.py"]);
    expect(report.staleBaseline).toEqual([]);

    // A new secret fails; the accepted ones stay hidden.
    const c = fakeToken("baseline-c");
    r.write("src/c.ts", `const c = "${c}";\n`);
    const fresh = runCli(r.dir, ["scan", "--baseline", ".azure-msi-baseline.json", "--format", "json"]);
    expect(fresh.code).toBe(1);
    expect(tokens(json(fresh.stdout)).map((f) => f.file)).toEqual(["src/c.ts"]);

    // Removing an accepted secret makes its entry stale.
    r.remove("src/b.py");
    const stale = json(runCli(r.dir, ["scan", "--baseline", ".azure-msi-baseline.json", "--format", "json"]).stdout);
    expect(stale.staleBaseline).toHaveLength(1);

    // Regenerating gives the same bytes for the same findings in the same places (no churn).
    r.remove("src/c.ts");
    r.remove("lib/moved/a2.ts");
    r.write("src/a.ts", `export const a = "${a}";\n`);
    r.write("src/b.py", `B = "${b}"\n`);
    runCli(r.dir, ["baseline"]);
    expect(readFileSync(join(r.dir, ".azure-msi-baseline.json"), "utf8")).toBe(text);
  });

  it("rejects a malformed or future baseline with one line (exit 2)", () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.write("future.json", '{"version": 9, "findings": []}');
    r.write("broken.json", "{ nope");
    for (const [file, re] of [
      ["future.json", /^azure-msi: future\.json: baseline version 9 was written by a newer azure-msi/],
      ["broken.json", /^azure-msi: broken\.json: not valid JSON/],
      ["missing.json", /^azure-msi: missing\.json: baseline file not found/],
    ] as const) {
      const res = runCli(r.dir, ["scan", "--baseline", file]);
      expect(res.code, file).toBe(2);
      expect(res.stderr.trimEnd().split("\n"), file).toHaveLength(1);
      expect(res.stderr, file).toMatch(re);
    }
  });
});

describe("usage errors", () => {
  it("rejects combined modes and non-repositories in one line", () => {
    const r = repo();
    expect(runCli(r.dir, ["scan", "--staged", "--history"]).stderr).toBe("azure-msi: --staged and --history cannot be combined\n");
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-norepo-"));
    try {
      const res = runCli(dir, ["scan", "--staged"], { GIT_CEILING_DIRECTORIES: tmpdir() });
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/^azure-msi: --staged needs a git repository, and .* is not inside one\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
