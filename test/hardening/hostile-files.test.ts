/**
 * Hostile and odd files: every case must scan without a crash or a hang, say what it skipped, and
 * leave the rest of the scan intact (a secret planted in an ordinary file is still found).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, renameSync, symlinkSync, unlinkSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeBytes } from "../../src/core/keys/fake.js";
import { walkFiles, type WalkEntry } from "../../src/scanner/files.js";
import { scanSource } from "../../src/scanner/scan.js";
import { fileSource } from "../../src/scanner/sources.js";
import { run, runBin, STACK, tempDir, token } from "./helpers.js";

interface JsonReport {
  findings: Array<{ file: string; line: number; column: number; ruleId: string; redacted: string }>;
  skipped: Array<{ file: string; reason: string }>;
  summary: { files: number };
}

const line = (label: string): string => `const token = "${token(label)}";\n`;
const utf16be = (s: string): Buffer => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
};
const NESTING = 300;
const NAMES = { space: "with space.ts", newline: "new\nline.ts", unicode: "ünïcødé 文件 🔑.ts", ansi: "esc\u001b[31mred.ts" };

let root: ReturnType<typeof tempDir>;
let outside: ReturnType<typeof tempDir>;
/** Expected: file -> line of its planted secret. */
const expected = new Map<string, number>();

beforeAll(() => {
  root = tempDir("files");
  outside = tempDir("outside");
  const d = root.dir;
  const put = (name: string, content: string | Buffer, secretLine?: number): void => {
    writeFileSync(join(d, name), content);
    if (secretLine !== undefined) expected.set(name, secretLine);
  };
  put("planted.ts", `// an ordinary file\n${line("planted")}`, 2);
  put("empty.ts", "");
  // Binary bytes behind a text extension: NULs at odd and even offsets.
  const bin = Buffer.from(fakeBytes(4096, "binary"));
  for (let i = 0; i < bin.length; i += 7) bin[i] = 0;
  put("binary.ts", bin);
  put("nul-early.txt", Buffer.concat([Buffer.from("head\0\0\0tail\n"), Buffer.from(line("nul-early"))]));
  // A NUL byte after the first 8 KB: decoded as text, the secret after it is found.
  put("nul-late.txt", `${"// padding\n".repeat(1000)}x\u0000y\n${line("nul-late")}`, 1002);
  put("invalid-utf8.ts", Buffer.concat([Buffer.from([0x2f, 0x2f, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0x80, 0x0a]), Buffer.from(line("invalid-utf8"))]), 2);
  put("utf16le-bom.ts", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`// le bom\n${line("le-bom")}`, "utf16le")]), 2);
  put("utf16be-bom.ts", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(`// be bom\n${line("be-bom")}`)]), 2);
  put("utf16le.ts", Buffer.from(`// le\n${line("le")}`, "utf16le"), 2);
  put("utf16be.ts", utf16be(`// be\n${line("be")}`), 2);
  put("crlf.ts", `// one\r\n// two\r\n${line("crlf").replace("\n", "\r\n")}`, 3);
  put("cr.ts", `// one\r// two\r${line("cr").replace("\n", "\r")}`, 3);
  // A minified bundle: one 2 MB line, the secret in the middle.
  const chunk = 'function n(t){return t&&t.__esModule?t:{default:t}}var r=n(require("x"));';
  const half = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
  put("bundle.min.js", `${half}var k="${token("bundle")}";${half}\n`, 1);
  // Deep nesting.
  const deep = Array.from({ length: NESTING }, () => "d").join("/");
  mkdirSync(join(d, deep), { recursive: true });
  put(`${deep}/deep.ts`, line("deep"), 1);
  // Odd names.
  put(NAMES.space, line("space"), 1);
  put(NAMES.newline, line("newline"), 1);
  put(NAMES.unicode, line("unicode"), 1);
  put(NAMES.ansi, line("ansi"), 1);
  // Symbolic links: a loop, a folder loop, links out of the root (to a secret that must stay unseen).
  writeFileSync(join(outside.dir, "outside.ts"), line("outside"));
  mkdirSync(join(d, "links"));
  symlinkSync("loop-b", join(d, "links", "loop-a"));
  symlinkSync("loop-a", join(d, "links", "loop-b"));
  symlinkSync("..", join(d, "links", "up"));
  symlinkSync(".", join(d, "links", "self"));
  symlinkSync(outside.dir, join(d, "links", "outside-dir"));
  symlinkSync(join(outside.dir, "outside.ts"), join(d, "links", "outside-file.ts"));
  symlinkSync(join(d, "missing"), join(d, "links", "dangling.ts"));
  // A named pipe: reading it would block forever.
  execFileSync("mkfifo", [join(d, "pipe.ts")]);
});

afterAll(() => {
  root?.cleanup();
  outside?.cleanup();
});

function checkReport(report: JsonReport): void {
  const found = new Map(report.findings.map((f) => [f.file, f.line] as const));
  for (const [file, l] of expected) expect(found.get(file), file).toBe(l);
  // Nothing else: no secret through a link, none from the binary or NUL-early files.
  expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
  const skipped = new Map(report.skipped.map((s) => [s.file, s.reason] as const));
  expect(skipped.get("binary.ts")).toBe("binary file");
  expect(skipped.get("nul-early.txt")).toBe("binary file");
  expect(skipped.get("pipe.ts")).toBe("not a regular file");
  for (const link of ["loop-a", "loop-b", "up", "self", "outside-dir", "outside-file.ts", "dangling.ts"]) {
    expect(skipped.get(`links/${link}`), link).toBe("symbolic link (not followed)");
  }
}

describe("hostile files (in-process main)", () => {
  it("scans everything else, finds every planted secret at its line, lists every skip", async () => {
    const r = await run(["scan", "--format", "json"], root.dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    checkReport(report);
    // Columns stay sane after invalid bytes (one U+FFFD per bad byte) and in UTF-16 files.
    const col = (file: string): number | undefined => report.findings.find((f) => f.file === file)?.column;
    expect(col("invalid-utf8.ts")).toBe(16);
    expect(col("utf16be-bom.ts")).toBe(16);
    expect(col("cr.ts")).toBe(16);
  });

  it("text output: a warning per skipped file, control characters in names never reach the terminal raw", async () => {
    const r = await run(["scan"], root.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("warning skipped pipe.ts: not a regular file");
    expect(r.stdout).toContain("warning skipped links/outside-dir: symbolic link (not followed)");
    expect(r.stdout).toMatch(/2 binary files skipped/);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toContain("new\\nline.ts");
    expect(r.stdout).toContain(NAMES.unicode);
  });
});

describe("hostile files (built CLI)", () => {
  it("same result end to end, every output format, no stack trace, no hang", () => {
    const r = runBin(["scan", "--format", "json"], root.dir, {}, 60_000);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    checkReport(JSON.parse(r.stdout) as JsonReport);
    for (const format of ["text", "sarif", "github", "junit", "html"]) {
      const o = runBin(["scan", "--format", format], root.dir, {}, 60_000);
      expect(o.code, format).toBe(1);
      expect(o.stderr, format).not.toMatch(STACK);
    }
  });

  it("GitHub annotations: a newline in a file name cannot start a workflow command", () => {
    const r = runBin(["scan", "--format", "github", NAMES.newline], root.dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n").filter(Boolean);
    expect(lines.filter((l) => l.startsWith("::"))).toHaveLength(1);
    expect(lines[0]).toContain("file=new%0Aline.ts");
  });
});

describe("files removed or unreadable during the scan", () => {
  it("a file deleted between the walk and its read is skipped as removed; the others are read", async () => {
    const t = tempDir("removed");
    try {
      for (let i = 0; i < 6; i++) writeFileSync(join(t.dir, `f${i}.ts`), line(`removed-${i}`));
      const entries: WalkEntry[] = [];
      for await (const e of walkFiles(["."], { cwd: t.dir, readAhead: 1 })) {
        // The walker has listed every file; f3 is read later: delete it now, replace f4 by a folder.
        if (entries.length === 0) {
          unlinkSync(join(t.dir, "f3.ts"));
          renameSync(join(t.dir, "f4.ts"), join(t.dir, "moved"));
          mkdirSync(join(t.dir, "f4.ts"));
        }
        entries.push(e);
      }
      const byFile = new Map(entries.map((e): [string, string] => ("skipped" in e ? [e.skipped.file, e.skipped.reason] : [e.file, "read"])));
      expect(Object.fromEntries(byFile)).toEqual({
        "f0.ts": "read",
        "f1.ts": "read",
        "f2.ts": "read",
        "f3.ts": "removed during the scan",
        "f4.ts": "not a regular file",
        "f5.ts": "read",
      });
    } finally {
      t.cleanup();
    }
  });

  it("read errors (EACCES, EIO) become skipped entries with a reason; the scan goes on", async () => {
    const t = tempDir("unreadable");
    try {
      for (let i = 0; i < 4; i++) writeFileSync(join(t.dir, `f${i}.ts`), line(`unreadable-${i}`));
      const { readFile } = await import("node:fs/promises");
      const failing = async (abs: string): Promise<Uint8Array> => {
        const code = abs.endsWith("f1.ts") ? "EACCES" : abs.endsWith("f2.ts") ? "EIO" : undefined;
        if (code) throw Object.assign(new Error(`${code}: injected`), { code });
        return readFile(abs);
      };
      const report = await scanSource(fileSource(["."], { cwd: t.dir, readFile: failing }));
      expect(report.findings.map((f) => f.file)).toEqual(["f0.ts", "f3.ts"]);
      expect(report.skipped).toEqual([
        { file: "f1.ts", reason: "permission denied" },
        { file: "f2.ts", reason: "unreadable (EIO)" },
      ]);
    } finally {
      t.cleanup();
    }
  });

  it("a real permission error (when not running as root)", async () => {
    if (process.getuid?.() === 0) {
      // root reads any file: the injected EACCES above covers this path.
      expect(process.getuid?.()).toBe(0);
      return;
    }
    const t = tempDir("chmod");
    try {
      writeFileSync(join(t.dir, "a.ts"), line("chmod-a"));
      writeFileSync(join(t.dir, "b.ts"), line("chmod-b"));
      execFileSync("chmod", ["000", join(t.dir, "b.ts")]);
      const report = await scanSource(fileSource(["."], { cwd: t.dir }));
      expect(report.findings.map((f) => f.file)).toEqual(["a.ts"]);
      expect(report.skipped).toEqual([{ file: "b.ts", reason: "permission denied" }]);
    } finally {
      t.cleanup();
    }
  });
});

describe("a single 50 MB line", () => {
  let big: ReturnType<typeof tempDir>;
  beforeAll(() => {
    big = tempDir("big");
    // Written in 1 MB pieces, the secret at the very end.
    const fd = openSync(join(big.dir, "huge.js"), "w");
    const piece = "var a=function(b){return b.key+'x'};".repeat(30_000).slice(0, 1024 * 1024);
    for (let i = 0; i < 50; i++) writeSync(fd, piece);
    writeSync(fd, `var k="${token("huge")}";\n`);
    closeSync(fd);
    writeFileSync(join(big.dir, "small.ts"), line("small"));
  });
  afterAll(() => big?.cleanup());

  it("is skipped with a warning by default (5 MB limit); the other file is still scanned", () => {
    const r = runBin(["scan"], big.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/warning skipped huge\.js: larger than 5\.0 MB \(50\.0 MB; see --max-file-size\)/);
    expect(r.stdout).toContain("small.ts");
  });

  it("is scanned with --max-file-size 64m: the secret at its end is found, a frame of bounded size", () => {
    const r = runBin(["scan", "--max-file-size", "64m", "--format", "json"], big.dir);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["huge.js", 1],
      ["small.ts", 1],
    ]);
    expect(r.stdout.length).toBeLessThan(20_000);
  });
});

// 100k files took 20-30 s to create and scan on a shared 2-core machine (and minutes to delete
// under load): the suite uses 20k, enough to catch per-file leaks and quadratic walks.
describe("20k tiny files", () => {
  const COUNT = 20_000;
  let many: ReturnType<typeof tempDir>;
  beforeAll(() => {
    many = tempDir("many");
    for (let d = 0; d < COUNT / 1000; d++) {
      const dir = join(many.dir, `d${d}`);
      mkdirSync(dir);
      for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `f${i}.txt`), `x${i}\n`);
    }
    writeFileSync(join(many.dir, "d10", "planted.ts"), line("many"));
  }, 120_000);
  afterAll(() => many?.cleanup(), 120_000);

  it("are all scanned by the built CLI, the one secret among them found", () => {
    expect(readdirSync(join(many.dir, `d${COUNT / 1000 - 1}`))).toHaveLength(1000);
    const r = runBin(["scan", "--format", "json"], many.dir, {}, 170_000);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.summary.files).toBe(COUNT + 1);
    expect(report.findings.map((f) => f.file)).toEqual(["d10/planted.ts"]);
  }, 180_000);
});
