import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeText, PathNotFoundError, walkFiles, type WalkEntry } from "../../src/scanner/files.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-files-"));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function walk(paths: string[], cwd: string, options: Record<string, unknown> = {}): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = [];
  const skipped: string[] = [];
  for await (const e of walkFiles(paths, { cwd, ...options }) as AsyncIterable<WalkEntry>) {
    if ("skipped" in e) skipped.push(`${e.skipped.file}: ${e.skipped.reason}`);
    else files.push(e.file);
  }
  return { files, skipped };
}

describe("decodeText", () => {
  const text = "Key=välue 🙂\r\nnext";
  it("decodes UTF-8 with and without BOM, UTF-16 LE/BE with BOM and LE/BE without", () => {
    expect(decodeText(Buffer.from(text))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    const le = Buffer.from(text, "utf16le");
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]))).toBe(text);
    expect(decodeText(le)).toBe(text);
    expect(decodeText(Buffer.from(le).swap16())).toBe(text);
  });

  it("replaces invalid UTF-8 one unit per bad byte and flags binary content", () => {
    expect(decodeText(Buffer.from([0x61, 0xc3, 0x28, 0x62]))).toBe("a\ufffd(b");
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toBeUndefined();
    expect(decodeText(Buffer.alloc(0))).toBe("");
  });
});

describe("walkFiles", () => {
  it("skips default folders below the named path, but scans a named one", async () => {
    const dir = tree({ "a.ts": "a", "node_modules/p/i.js": "x", "dist/o.js": "x", "src/.git/config": "x", "src/b.ts": "b" });
    expect((await walk([], dir)).files).toEqual(["a.ts", "src/b.ts"]);
    expect((await walk(["dist"], dir)).files).toEqual(["dist/o.js"]);
  });

  it("applies .gitignore files between the git root and the named folder, unless they ignore it", async () => {
    const dir = tree({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "*.log\n/generated/\n",
      "sub/a.ts": "a",
      "sub/debug.log": "x",
      "generated/g.ts": "g",
    });
    expect((await walk(["sub"], dir)).files).toEqual(["sub/a.ts"]);
    expect((await walk(["generated"], dir)).files).toEqual(["generated/g.ts"]);
    expect((await walk([], dir)).files).toEqual([".gitignore", "sub/a.ts"]);
    expect((await walk([], dir, { gitignore: false })).files).toEqual([".gitignore", "generated/g.ts", "sub/a.ts", "sub/debug.log"]);
  });

  it("does not follow symbolic links and says so", async () => {
    const outside = tree({ "secret.env": "K=1" });
    const dir = tree({ "a.ts": "a" });
    symlinkSync(outside, path.join(dir, "outside"));
    symlinkSync(dir, path.join(dir, "loop"));
    symlinkSync(path.join(outside, "secret.env"), path.join(dir, "link.env"));
    const r = await walk([], dir);
    expect(r.files).toEqual(["a.ts"]);
    expect(r.skipped.sort()).toEqual([
      "link.env: symbolic link (not followed)",
      "loop: symbolic link (not followed)",
      "outside: symbolic link (not followed)",
    ]);
  });

  it("applies config ignore globs relative to their base, to named files too", async () => {
    const dir = tree({ "fixtures/a.env": "x", "src/b.ts": "b", "src/b.snap": "s" });
    const options = { ignore: ["fixtures/**", "**/*.snap"], ignoreBase: dir };
    expect((await walk([], dir, options)).files).toEqual(["src/b.ts"]);
    expect((await walk(["fixtures/a.env"], dir, options)).files).toEqual([]);
  });

  it("reports oversized and binary files as skipped, and throws on a missing path", async () => {
    const dir = tree({ "big.txt": "x".repeat(2048), "nul.txt": "a\0b", "ok.txt": "ok", "pic.jpg": "x" });
    const r = await walk([], dir, { maxFileSize: 1024 });
    expect(r.files).toEqual(["ok.txt"]);
    expect(r.skipped).toEqual(["big.txt: larger than 1.0 KB (2.0 KB; see --max-file-size)", "nul.txt: binary file", "pic.jpg: binary file"]);
    await expect(walk(["ok.txt", "missing"], dir)).rejects.toBeInstanceOf(PathNotFoundError);
  });

  it("handles names with spaces, unicode and glob characters", async () => {
    const dir = tree({ "my folder/ünï cödé.env": "a", "[odd] {name} (1).txt": "b", "a#b%c*.ts": "c" });
    expect((await walk([], dir)).files.sort()).toEqual(["[odd] {name} (1).txt", "a#b%c*.ts", "my folder/ünï cödé.env"]);
    expect((await walk(["my folder"], dir)).files).toEqual(["my folder/ünï cödé.env"]);
  });

  it("lists a named special file (a FIFO) as skipped instead of blocking on it", async () => {
    const dir = tree({ "a.txt": "a" });
    execFileSync("mkfifo", [path.join(dir, "pipe.env")]);
    expect(await walk(["pipe.env", "a.txt"], dir)).toEqual({ files: ["a.txt"], skipped: ["pipe.env: not a regular file"] });
  });

  it.skipIf(process.getuid?.() === 0)("lists an unreadable file as skipped (needs a non-root user)", async () => {
    const dir = tree({ "locked.env": "K=1", "a.txt": "a" });
    chmodSync(path.join(dir, "locked.env"), 0o000);
    expect(await walk([], dir)).toEqual({ files: ["a.txt"], skipped: ["locked.env: permission denied"] });
  });

  it("lists in the order of sorted paths although it walks (and streams) folder by folder", async () => {
    // A folder's files sort after names that are smaller than "name/" ("a-b" < "a/", "a.ts" < "a/")
    // and before larger ones ("a0" > "a/"); a depth-first walk with plain name order would differ.
    const names = ["a/b/c.ts", "a/b.ts", "a-b.ts", "a.ts", "a0.ts", "a/b-c/d.ts", "a/b0", "A/z.ts", "ä.ts", "_x/y.ts", "a/.env", "b/x/y/z.ts", "b/x.ts"];
    const dir = tree(Object.fromEntries(names.map((n) => [n, "x"])));
    const listed = (await walk([], dir)).files;
    expect(listed).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(listed.slice(0, 3)).toEqual(["A/z.ts", "_x/y.ts", "a-b.ts"]);
    // Named paths in turn: each one's files, in that order.
    expect((await walk(["b", "a/b"], dir)).files).toEqual(["b/x.ts", "b/x/y/z.ts", "a/b/c.ts"]);
  });

  it("reads each named file once even when paths overlap", async () => {
    const dir = tree({ "src/a.ts": "a" });
    expect((await walk([".", "src", "src/a.ts"], dir)).files).toEqual(["src/a.ts"]);
  });
});
