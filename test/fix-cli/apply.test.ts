/**
 * applyFixes in process: failure injection in the writer (no file is ever half-written), concurrent
 * edits, files that must not be touched (conflict markers, parse errors), git states, --add-dependency
 * formatting, and the unified diff's masking.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fillTemplate, fake } from "../../scripts/make-example.js";
import { addDependencyText, applyFixes, FixError } from "../../src/scanner/fix/index.js";
import { unifiedDiff } from "../../src/scanner/fix/diff/unified.js";
import { nodeFs, type FsOps } from "../../src/scanner/fix/write/atomic.js";
import { planFunctionsSettings } from "../../src/core/fixes/config/functions-settings.js";
import { scanText } from "../../src/core/index.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-apply-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name);
    execFileSync("mkdir", ["-p", path.dirname(p)]);
    writeFileSync(p, fillTemplate(text));
  }
  return dir;
}

const blob = (account: string): string => `import { BlobServiceClient } from "@azure/storage-blob";

export const client = BlobServiceClient.fromConnectionString(
  "DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=__FAKE_STORAGE_KEY__;EndpointSuffix=core.windows.net",
);
`;

const threeFiles = (): string => tree({ "a.ts": blob("contosoa"), "b.ts": blob("contosob"), "c.ts": blob("contosoc") });

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));

describe("writes: a failure midway leaves every file fully old or fully new", () => {
  it("a rename that fails on the second file: the first is new, the others old, no temporary file left, the summary says which", async () => {
    const dir = threeFiles();
    const before = snapshot(dir);
    let renames = 0;
    const failing: FsOps = {
      ...nodeFs,
      renameSync: (from, to) => {
        renames++;
        if (renames === 2) throw Object.assign(new Error("injected"), { code: "EIO" });
        nodeFs.renameSync(from, to);
      },
    };
    const r = await applyFixes({ cwd: dir, paths: ["."], fs: failing });
    const after = snapshot(dir);
    expect(Object.keys(after)).toEqual(["a.ts", "b.ts", "c.ts"]);
    expect(after["a.ts"]).not.toBe(before["a.ts"]);
    expect(after["a.ts"]).toContain("new DefaultAzureCredential()");
    expect(after["b.ts"]).toBe(before["b.ts"]);
    expect(after["c.ts"]).toBe(before["c.ts"]);
    expect(r.files.map((f) => [f.file, f.status])).toEqual([
      ["a.ts", "written"],
      ["b.ts", "not-written"],
      ["c.ts", "not-written"],
    ]);
    expect(r.findings.map((f) => [f.file, f.status])).toEqual([
      ["a.ts", "fixed"],
      ["b.ts", "not-fixed"],
      ["c.ts", "not-fixed"],
    ]);
    expect(r.findings[1]!.reason).toMatch(/not written/);
    // Only a's account gets a role assignment: b and c still use their keys.
    expect(r.azure.flatMap((s) => s.commands).join("\n")).toContain("storageAccounts/contosoa");
    expect(r.azure.flatMap((s) => s.commands).join("\n")).not.toContain("contosob");
  });

  it("a write that fails while preparing: no file changes and no temporary file is left", async () => {
    const dir = threeFiles();
    const before = snapshot(dir);
    let writes = 0;
    const failing: FsOps = {
      ...nodeFs,
      writeSync: (fd, data) => {
        writes++;
        if (writes === 3) {
          // Half of the bytes, then the disk is full.
          nodeFs.writeSync(fd, data.subarray(0, Math.floor(data.length / 2)));
          throw Object.assign(new Error("injected"), { code: "ENOSPC" });
        }
        return nodeFs.writeSync(fd, data);
      },
    };
    const r = await applyFixes({ cwd: dir, paths: ["."], fs: failing });
    expect(snapshot(dir)).toEqual(before);
    expect(r.files.every((f) => f.status === "not-written")).toBe(true);
    expect(r.files[0]!.reason).toMatch(/ENOSPC.*no file was changed/);
    expect(r.summary.fixed).toBe(0);
  });

  it("keeps the file mode", async () => {
    const dir = tree({ "run.js": blob("contosox").replace('import { BlobServiceClient } from "@azure/storage-blob";', 'import { BlobServiceClient } from "@azure/storage-blob";') });
    chmodSync(path.join(dir, "run.js"), 0o750);
    await applyFixes({ cwd: dir, paths: ["."] });
    expect(statSync(path.join(dir, "run.js")).mode & 0o777).toBe(0o750);
    expect(readFileSync(path.join(dir, "run.js"), "utf8")).toContain("DefaultAzureCredential");
  });

  it("skips a file edited while the fix ran, and says so", async () => {
    const dir = threeFiles();
    const edited = "// edited meanwhile\n";
    const sneaky: FsOps = {
      ...nodeFs,
      statSync: (f) => {
        if (f.endsWith("b.ts") && !readFileSync(f, "utf8").startsWith(edited)) {
          writeFileSync(f, edited + readFileSync(f, "utf8"));
          utimesSync(f, new Date(), new Date(Date.now() + 5000));
        }
        return nodeFs.statSync(f);
      },
    };
    const r = await applyFixes({ cwd: dir, paths: ["."], fs: sneaky });
    expect(r.files.find((f) => f.file === "b.ts")!.status).toBe("changed-meanwhile");
    expect(readFileSync(path.join(dir, "b.ts"), "utf8").startsWith(edited)).toBe(true);
    expect(readFileSync(path.join(dir, "b.ts"), "utf8")).toContain("AccountKey=");
    expect(r.files.find((f) => f.file === "c.ts")!.status).toBe("written");
  });
});

describe("files that must not be rewritten", () => {
  it("leaves a file with conflict markers or a parse error byte-identical and says why", async () => {
    const conflicted = `<<<<<<< HEAD\n${blob("contosoa")}=======\n${blob("contosob")}>>>>>>> topic\n`;
    const broken = `${blob("contosoc")}\nexport const = ;\n`;
    const dir = tree({ "conflict.ts": conflicted, "broken.ts": broken });
    const before = snapshot(dir);
    const r = await applyFixes({ cwd: dir, paths: ["."] });
    expect(snapshot(dir)).toEqual(before);
    const reasons = r.findings.map((f) => `${f.file}: ${f.reason}`).join("\n");
    expect(reasons).toMatch(/conflict\.ts: The file has unresolved merge conflict markers/);
    expect(reasons).toMatch(/broken\.ts: The file does not parse/);
  });

  it("never replaces a symbolic link named on the command line", async () => {
    const dir = tree({ "real/a.ts": blob("contosoa") });
    symlinkSync(path.join(dir, "real/a.ts"), path.join(dir, "link.ts"));
    const r = await applyFixes({ cwd: dir, paths: ["link.ts"] });
    expect(lstatSync(path.join(dir, "link.ts")).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, "real/a.ts"), "utf8")).toBe(fillTemplate(blob("contosoa")));
    expect(r.findings[0]!.reason).toMatch(/^The file is a symbolic link, so it is not rewritten\./);
  });

  it("only touches files under the given paths", async () => {
    const dir = tree({ "in/a.ts": blob("contosoa"), "out/b.ts": blob("contosob") });
    await applyFixes({ cwd: dir, paths: ["in"] });
    expect(readFileSync(path.join(dir, "in/a.ts"), "utf8")).toContain("DefaultAzureCredential");
    expect(readFileSync(path.join(dir, "out/b.ts"), "utf8")).toBe(fillTemplate(blob("contosob")));
  });
});

describe("attribution", () => {
  it("the same key in two literals: the SDK use is fixed, the fetch use is reported with its reason", async () => {
    const dir = tree({
      "a.ts": `${blob("contosoa")}\nexport const raw = fetch("https://contosoa.blob.core.windows.net/c", { headers: { "x-key": "__FAKE_STORAGE_KEY__" } });\n`,
    });
    const r = await applyFixes({ cwd: dir, paths: ["."] });
    expect(r.findings.map((f) => [f.line, f.status])).toEqual([
      [4, "fixed"],
      [7, "not-fixed"],
    ]);
    expect(r.findings[0]!.description).toMatch(/^Use DefaultAzureCredential: BlobServiceClient/);
    expect(r.findings[1]!.reason).toMatch(/fetch/);
  });
});

describe("git", () => {
  const gitInit = (dir: string): void => {
    const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
    execFileSync("git", ["init", "-q"], { cwd: dir, env });
    execFileSync("git", ["add", "-A"], { cwd: dir, env });
    execFileSync("git", ["commit", "-q", "-m", "init"], { cwd: dir, env });
  };

  it("refuses a dirty working tree unless allowDirty; gitignored files are not fixed", async () => {
    const dir = tree({ "a.ts": blob("contosoa"), ".gitignore": "ignored.ts\n", "ignored.ts": blob("contosoi") });
    gitInit(dir);
    writeFileSync(path.join(dir, "a.ts"), `${readFileSync(path.join(dir, "a.ts"), "utf8")}// local change\n`);
    await expect(applyFixes({ cwd: dir, paths: ["."] })).rejects.toThrow(FixError);
    await expect(applyFixes({ cwd: dir, paths: ["."] })).rejects.toThrow(/uncommitted change.*--allow-dirty/);
    const r = await applyFixes({ cwd: dir, paths: ["."], allowDirty: true });
    expect(r.warnings).toEqual([]);
    expect(r.files.map((f) => f.file)).toEqual(["a.ts"]);
    expect(readFileSync(path.join(dir, "ignored.ts"), "utf8")).toContain("AccountKey=");
  });

  it("a git-ignored file named on the command line is fixed, with a warning", async () => {
    const dir = tree({ ".gitignore": "local.ts\n", "local.ts": blob("contosol") });
    gitInit(dir);
    const r = await applyFixes({ cwd: dir, paths: ["local.ts"] });
    expect(r.warnings).toEqual(["local.ts is ignored by git: there is no history to revert its changes to"]);
    expect(readFileSync(path.join(dir, "local.ts"), "utf8")).toContain("DefaultAzureCredential");
  });

  it("outside a git repository: runs, with one warning", async () => {
    const dir = tree({ "a.ts": blob("contosoa") });
    const r = await applyFixes({ cwd: dir, paths: ["."] });
    expect(r.warnings).toEqual(["not a git repository: there is no history to revert these changes to"]);
    expect(r.summary.fixed).toBe(1);
  });
});

describe("--add-dependency", () => {
  it("adds @azure/identity in sorted position with the file's indentation and line breaks", () => {
    const text = '{\r\n    "name": "x",\r\n    "dependencies": {\r\n        "@azure/cosmos": "^4.9.0",\r\n        "pg": "^8.0.0"\r\n    }\r\n}\r\n';
    expect(addDependencyText(text, "^4.13.1")).toBe(
      '{\r\n    "name": "x",\r\n    "dependencies": {\r\n        "@azure/cosmos": "^4.9.0",\r\n        "@azure/identity": "^4.13.1",\r\n        "pg": "^8.0.0"\r\n    }\r\n}\r\n',
    );
  });
  it("creates dependencies when there are none", () => {
    expect(addDependencyText('{\n\t"name": "x"\n}\n', "^4.13.1")).toBe('{\n\t"name": "x",\n\t"dependencies": {\n\t\t"@azure/identity": "^4.13.1"\n\t}\n}\n');
  });
  it("warns without the flag, adds with it", async () => {
    const dir = tree({ "package.json": '{\n  "name": "x",\n  "dependencies": {\n    "@azure/storage-blob": "^12.0.0"\n  }\n}\n', "src/a.ts": blob("contosoa") });
    const dry = await applyFixes({ cwd: dir, paths: ["src"], dryRun: true });
    expect(dry.dependencies).toEqual([{ packageJson: "package.json", status: "missing", version: expect.stringMatching(/^\^4\./) }]);
    expect(dry.warnings.join("\n")).toMatch(/package\.json does not list @azure\/identity: run with --add-dependency/);
    const r = await applyFixes({ cwd: dir, paths: ["src"], addDependency: true });
    expect(r.dependencies[0]!.status).toBe("added");
    expect(JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).dependencies["@azure/identity"]).toMatch(/^\^4\./);
  });
});

describe("Functions settings", () => {
  const settings = (values: string): string => `{\n  "IsEncrypted": false,\n  "Values": {\n${values}\n  }\n}\n`;
  it("keeps UseDevelopmentStorage=true, drops a secret setting whose identity-based one exists, reads SAS connection strings", () => {
    const text = fillTemplate(
      settings(
        [
          '    "AzureWebJobsStorage": "UseDevelopmentStorage=true",',
          '    "Orders": "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=__FAKE_SERVICE_BUS_KEY__",',
          '    "Orders__fullyQualifiedNamespace": "contoso-orders.servicebus.windows.net",',
          `    "Blobs": "BlobEndpoint=https://contosoblobs.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=__FAKE_STORAGE_SAS_SIG__"`,
        ].join("\n"),
      ),
    );
    const plan = planFunctionsSettings({ text, findings: scanText(text, { path: "local.settings.json" }), credential: "default" });
    if ("invalid" in plan) throw new Error(plan.invalid);
    let out = text;
    for (const e of [...plan.edits].sort((a, b) => b.range[0] - a.range[0])) out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
    expect(out).toBe(
      settings(
        [
          '    "AzureWebJobsStorage": "UseDevelopmentStorage=true",',
          '    "Orders__fullyQualifiedNamespace": "contoso-orders.servicebus.windows.net",',
          '    "Blobs__blobServiceUri": "https://contosoblobs.blob.core.windows.net",',
          '    "Blobs__queueServiceUri": "https://contosoblobs.queue.core.windows.net"',
        ].join("\n"),
      ),
    );
    expect(plan.manual).toEqual([]);
  });
});

describe("unified diff", () => {
  it("masks secrets on removed lines and shows hunks with line numbers", () => {
    const key = fake("STORAGE_KEY");
    const a = `one\ntwo\nconst k = "${key}";\nfour\nfive\nsix\nseven\neight\nnine\nten\n`;
    const b = "one\ntwo\nconst k = credential;\nfour\nfive\nsix\nseven\neight\nnine\nTEN\n";
    const d = unifiedDiff(a, b, { path: "x.ts", mask: (l) => l.split(key).join("****") });
    expect(d).not.toContain(key);
    expect(d).toBe(
      [
        "--- a/x.ts",
        "+++ b/x.ts",
        "@@ -1,10 +1,10 @@",
        " one",
        " two",
        '-const k = "****";',
        "+const k = credential;",
        " four",
        " five",
        " six",
        " seven",
        " eight",
        " nine",
        "-ten",
        "+TEN",
        "",
      ].join("\n"),
    );
    expect(unifiedDiff(a, a, { path: "x.ts" })).toBe("");
  });
  it("splits far-apart changes into hunks and marks a missing final newline", () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n");
    const b = a.replace("l1\n", "L1\n").replace("l19", "L19");
    const d = unifiedDiff(a, b, { path: "y" });
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d).toContain("@@ -1,5 +1,5 @@");
    expect(d).toContain("@@ -17,4 +17,4 @@");
    expect(d.trimEnd().endsWith("\\ No newline at end of file")).toBe(true);
  });
});

describe("the CLI in process", () => {
  it("checks git even when main() gets an environment without PATH", async () => {
    const { main } = await import("../../src/scanner/cli.js");
    const dir = tree({ "a.ts": blob("contosoa") });
    const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
    execFileSync("git", ["init", "-q"], { cwd: dir, env });
    execFileSync("git", ["add", "-A"], { cwd: dir, env });
    execFileSync("git", ["commit", "-q", "-m", "init"], { cwd: dir, env });
    writeFileSync(path.join(dir, "b.txt"), "untracked\n");
    let stderr = "";
    const code = await main({ argv: ["fix", "."], cwd: dir, stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: {} });
    expect(code).toBe(2);
    expect(stderr).toBe("azure-msi: the git working tree has 1 uncommitted change under the given paths: commit or stash them first, or pass --allow-dirty\n");
  });
});
