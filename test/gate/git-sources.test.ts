import { afterEach, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffSource, GitError, historySource, PatchParser, stagedSource, unquoteGitPath } from "../../src/scanner/git.js";
import type { SourceEntry, SourceFile } from "../../src/scanner/sources.js";
import { cleanEnv, collect, fakeToken, makeRepo, shallowFeatureClone, type Repo } from "./helpers.js";

const env = cleanEnv();
const repos: Repo[] = [];
const repo = (): Repo => {
  const r = makeRepo();
  repos.push(r);
  return r;
};
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const files = (entries: SourceEntry[]): SourceFile[] => entries.filter((e): e is SourceFile => !("skipped" in e));
const byName = (entries: SourceEntry[]): Map<string, SourceFile> => new Map(files(entries).map((f) => [f.file, f]));

describe("unquoteGitPath", () => {
  it("decodes git's C quoting, including octal UTF-8 bytes and newlines", () => {
    expect(unquoteGitPath('"b/caf\\303\\251 \\"x\\"\\n\\\\.txt"')).toBe('b/café "x"\n\\.txt');
    expect(unquoteGitPath("b/plain name.txt")).toBe("b/plain name.txt");
  });
});

describe("PatchParser", () => {
  it("ignores content lines that look like headers and collects added ranges", () => {
    const seen: Array<{ path: string; ranges: Array<[number, number]> }> = [];
    const p = new PatchParser((f) => seen.push({ path: f.path, ranges: f.ranges }));
    const lines = [
      "diff --git a/x b/x",
      "index 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644",
      "--- a/x",
      "+++ b/x",
      "@@ -1,0 +2,3 @@",
      "+++ b/not-a-header",
      "+diff --git a/y b/y",
      "+@@ -1 +1 @@",
      "@@ -9 +12 @@ fn()",
      "-old",
      "+new",
      "diff --git a/gone b/gone",
      "deleted file mode 100644",
      "index 3333333333333333333333333333333333333333..0000000000000000000000000000000000000000",
      "--- a/gone",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-bye",
    ];
    for (const l of lines) p.line(Buffer.from(l));
    p.end();
    expect(seen).toEqual([{ path: "x", ranges: [[2, 3], [12, 1]] }]);
  });
});

describe("stagedSource", () => {
  it("reads staged content from the index, not the working tree, with awkward paths", async () => {
    const r = repo();
    r.write("base.txt", "nothing\n");
    r.git("add", ".");
    r.commit("base");
    const names = ["dir with space/a file.txt", "unicodé/日本.ts", "new\nline.txt", 'quote"d.txt'];
    for (const [i, n] of names.entries()) r.write(n, `token = ${fakeToken(`staged-${i}`)}\n`);
    r.git("add", "--", ...names);
    // After staging, the working tree changes: the scan must still see the staged text.
    r.write(names[0]!, "clean now\n");
    r.write("unstaged.txt", `token = ${fakeToken("unstaged")}\n`);
    const got = byName(await collect(stagedSource(r.dir, { env })));
    expect([...got.keys()].sort()).toEqual([...names].sort());
    expect(got.get(names[0]!)!.text).toContain(fakeToken("staged-0"));
    expect(got.get(names[0]!)!.lineFilter).toBeUndefined();
  });

  it("works before the first commit, from a subdirectory and with pathspecs", async () => {
    const r = repo();
    r.write("a/one.txt", "1\n");
    r.write("b/two.txt", "2\n");
    r.git("add", ".");
    const all = byName(await collect(stagedSource(join(r.dir, "a"), { env })));
    expect([...all.keys()].sort()).toEqual(["../b/two.txt", "one.txt"]);
    const some = byName(await collect(stagedSource(r.dir, { env, paths: ["b"] })));
    expect([...some.keys()]).toEqual(["b/two.txt"]);
  });

  it("skips binary and oversized files with a reason, and ignores deletions", async () => {
    const r = repo();
    r.write("old.txt", "x\n");
    r.git("add", ".");
    r.commit("base");
    r.remove("old.txt");
    r.write("bin.dat", "a\0b");
    r.write("big.txt", "y".repeat(2000));
    r.git("add", "-A");
    const entries = await collect(stagedSource(r.dir, { env, maxFileSize: 1000 }));
    expect(files(entries)).toEqual([]);
    expect(entries).toEqual(
      expect.arrayContaining([
        { skipped: { file: "bin.dat", reason: "binary file" } },
        { skipped: { file: "big.txt", reason: "larger than 1000 bytes (see --max-file-size)" } },
      ]),
    );
  });

  it("gives a one-line error outside a repository", async () => {
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-norepo-"));
    try {
      await expect(collect(stagedSource(dir, { env: cleanEnv({ GIT_CEILING_DIRECTORIES: tmpdir() }) }))).rejects.toThrow(GitError);
      await expect(collect(stagedSource(dir, { env: cleanEnv({ GIT_CEILING_DIRECTORIES: tmpdir() }) }))).rejects.toThrow(/needs a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("diffSource", () => {
  it("keeps only lines added since the merge base; renames and deletions handled", async () => {
    const r = repo();
    r.write("keep.txt", "a\nb\nc\n");
    r.write("moved from.txt", "one\ntwo\nthree\nfour\nfive\n");
    r.write("deleted.txt", "bye\n");
    r.git("add", ".");
    r.commit("base");
    r.git("checkout", "-q", "-b", "feature");
    r.write("keep.txt", "a\nNEW1\nb\nc\nNEW2\n");
    r.git("mv", "moved from.txt", "moved tö.txt");
    r.write("moved tö.txt", "one\ntwo\nthree\nfour\nfive\nsix\n");
    r.git("rm", "-q", "deleted.txt");
    r.write("added.txt", "x\ny\n");
    r.git("add", "-A");
    r.commit("feature");
    // main moves on after the branch point: its changes are not part of the diff.
    r.git("checkout", "-q", "main");
    r.write("main-only.txt", "m\n");
    r.git("add", ".");
    r.commit("main");
    r.git("checkout", "-q", "feature");

    const got = byName(await collect(diffSource(r.dir, "main", { env })));
    expect([...got.keys()].sort()).toEqual(["added.txt", "keep.txt", "moved tö.txt"]);
    expect([...got.get("keep.txt")!.lineFilter!].sort()).toEqual([2, 5]);
    expect([...got.get("moved tö.txt")!.lineFilter!]).toEqual([6]);
    expect([...got.get("added.txt")!.lineFilter!].sort()).toEqual([1, 2]);
    expect(got.get("keep.txt")!.text).toBe("a\nNEW1\nb\nc\nNEW2\n");
  });

  it("handles awkward paths in patches (quotes, newlines, tabs, unicode, trailing spaces, b/ prefix)", async () => {
    const r = repo();
    r.write("seed.txt", "s\n");
    r.git("add", ".");
    r.commit("base");
    r.git("checkout", "-q", "-b", "f");
    const names = ['q"uote.txt', "new\nline.txt", "tab\there.txt", "日本/ファイル.txt", "trailing space .txt", "b/inner.txt", "-dash.txt"];
    for (const n of names) r.write(n, "x\ny\n");
    r.git("add", "--", ...names);
    r.commit("f");
    const got = byName(await collect(diffSource(r.dir, "main", { env })));
    expect([...got.keys()].sort()).toEqual([...names].sort());
    for (const n of names) expect([...got.get(n)!.lineFilter!].sort(), n).toEqual([1, 2]);
    const hist = files(await collect(historySource(r.dir, "main", { env })));
    expect(hist.map((f) => f.file).sort()).toEqual([...names].sort());
  });

  it("reports an unknown revision in one line", async () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.git("add", ".");
    r.commit("base");
    await expect(collect(diffSource(r.dir, "no-such-branch", { env }))).rejects.toThrow(/^--diff no-such-branch: unknown revision "no-such-branch"$/);
  });

  it("works in a linked worktree", async () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.git("add", ".");
    r.commit("base");
    const wt = join(r.dir, "..", `${r.dir.split(/[\\/]/).pop()} wt`);
    r.git("worktree", "add", "-q", "-b", "wt-branch", wt);
    try {
      writeFileSync(join(wt, "b.txt"), "b\n");
      execFileSync("git", ["add", "."], { cwd: wt, env, stdio: "pipe" });
      execFileSync("git", ["commit", "-q", "-m", "wt"], { cwd: wt, env, stdio: "pipe" });
      const got = byName(await collect(diffSource(wt, "main", { env })));
      expect([...got.keys()]).toEqual(["b.txt"]);
      // The worktree has its own index.
      writeFileSync(join(wt, "c.txt"), "c\n");
      execFileSync("git", ["add", "c.txt"], { cwd: wt, env, stdio: "pipe" });
      expect([...byName(await collect(stagedSource(wt, { env }))).keys()]).toEqual(["c.txt"]);
      expect([...byName(await collect(stagedSource(r.dir, { env }))).keys()]).toEqual([]);
      expect(files(await collect(historySource(wt, "main", { env }))).map((f) => f.file)).toEqual(["b.txt"]);
    } finally {
      rmSync(wt, { recursive: true, force: true });
    }
  });
});

describe("historySource", () => {
  it("finds every added line with its commit, including content removed later", async () => {
    const r = repo();
    const token = fakeToken("history");
    r.write("cfg/app settings.txt", "name = demo\n");
    r.git("add", ".");
    const c1 = r.commit("first", "2024-01-02T03:04:05Z");
    r.write("cfg/app settings.txt", `name = demo\ntoken = ${token}\n`);
    r.git("add", ".");
    const c2 = r.commit("leak", "2024-02-03T04:05:06Z");
    r.write("cfg/app settings.txt", "name = demo\n");
    r.git("add", ".");
    r.commit("remove the leak", "2024-03-04T05:06:07Z");

    const all = files(await collect(historySource(r.dir, undefined, { env })));
    const leak = all.find((f) => f.commit?.sha === c2)!;
    expect(leak.file).toBe("cfg/app settings.txt");
    expect(leak.text).toContain(token);
    expect([...leak.lineFilter!]).toEqual([2]);
    expect(leak.commit).toEqual({ sha: c2, date: "2024-02-03T04:05:06+00:00", author: "Test Author" });
    // The removal commit adds nothing, so it yields no file.
    expect(all.map((f) => f.commit!.sha).sort()).toEqual([c1, c2].sort());

    const since = files(await collect(historySource(r.dir, c2, { env })));
    expect(since).toEqual([]);
    const sinceFirst = files(await collect(historySource(r.dir, c1, { env })));
    expect(sinceFirst.map((f) => f.commit!.sha)).toEqual([c2]);
  });
});

describe("shallow clones", () => {
  it("says to fetch more history when the merge base is missing", async () => {
    const clone = shallowFeatureClone(repo());
    try {
      await expect(collect(diffSource(clone, "origin/main", { env }))).rejects.toThrow(/shallow clone.*fetch-depth: 0/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
