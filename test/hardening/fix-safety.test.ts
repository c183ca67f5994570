/**
 * `azure-msi fix` never loses data. Complements test/fix-cli/apply.test.ts (rename failure, ENOSPC
 * while preparing, concurrent edit): here a process killed at random moments, failures at every
 * step of the writer (open, write, fsync, chmod, the concurrent-edit check, rename), a file
 * deleted meanwhile, and what the text output says. After each: every file is byte-for-byte its
 * old or its complete new content, no temporary file is left (except after SIGKILL, which cannot
 * clean up; the next run still works), and a second run finishes the job.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fillTemplate } from "../../scripts/make-example.js";
import { applyFixes } from "../../src/scanner/fix/index.js";
import { renderFixText } from "../../src/scanner/fix/report/render.js";
import { nodeFs, type FsOps } from "../../src/scanner/fix/write/atomic.js";
import { BIN, run, tempDir } from "./helpers.js";

const temps: Array<ReturnType<typeof tempDir>> = [];
afterAll(() => {
  for (const t of temps) t.cleanup();
});

const blob = (account: string): string => `import { BlobServiceClient } from "@azure/storage-blob";

export const client = BlobServiceClient.fromConnectionString(
  "DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=__FAKE_STORAGE_KEY__;EndpointSuffix=core.windows.net",
);
`;

const FILES = 12;
function project(): string {
  const t = tempDir("fix");
  temps.push(t);
  mkdirSync(path.join(t.dir, "src"));
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(t.dir, "src", `f${String(i).padStart(2, "0")}.ts`), fillTemplate(blob(`contoso${i}`)));
  return t.dir;
}

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(path.join(dir, "src")).sort().map((f) => [f, readFileSync(path.join(dir, "src", f), "utf8")]));

/** The old and the new content of every file (a clean run on a copy). */
async function expected(dir: string): Promise<{ before: Record<string, string>; after: Record<string, string> }> {
  const copy = tempDir("fix-copy");
  temps.push(copy);
  cpSync(dir, copy.dir, { recursive: true });
  const before = snapshot(copy.dir);
  const r = await applyFixes({ cwd: copy.dir, paths: ["."] });
  expect(r.summary.filesWritten).toBe(FILES);
  return { before, after: snapshot(copy.dir) };
}

/** Every file is entirely old or entirely new; returns how many are new. */
function oldOrNew(dir: string, exp: { before: Record<string, string>; after: Record<string, string> }, allowTemps = false): number {
  const names = readdirSync(path.join(dir, "src")).sort();
  const real = names.filter((n) => !n.startsWith("."));
  expect(real).toEqual(Object.keys(exp.before));
  if (!allowTemps) expect(names.filter((n) => n.startsWith("."))).toEqual([]);
  let fresh = 0;
  for (const n of real) {
    const text = readFileSync(path.join(dir, "src", n), "utf8");
    if (text === exp.after[n]) fresh++;
    else expect(text, n).toBe(exp.before[n]);
  }
  return fresh;
}

const fail = (code: string): never => {
  throw Object.assign(new Error(`injected ${code}`), { code });
};

describe("a failure at every step of the writer", () => {
  const steps: Array<[string, (count: { n: number }) => FsOps]> = [
    ["open of a temporary file (EACCES: read-only folder)", (c) => ({ ...nodeFs, openSync: (f, fl, m) => (f.endsWith(".tmp") && ++c.n === 5 ? fail("EACCES") : nodeFs.openSync(f, fl, m)) })],
    ["write (ENOSPC: disk full after a partial write)", (c) => ({ ...nodeFs, writeSync: (fd, d) => (++c.n === 7 ? (nodeFs.writeSync(fd, d.subarray(0, 10)), fail("ENOSPC")) : nodeFs.writeSync(fd, d)) })],
    ["fsync of a temporary file (EIO)", (c) => ({ ...nodeFs, fsyncSync: (fd) => (++c.n === 3 ? fail("EIO") : nodeFs.fsyncSync(fd)) })],
    ["chmod of a temporary file (EPERM)", (c) => ({ ...nodeFs, chmodSync: (f, m) => (++c.n === 2 ? fail("EPERM") : nodeFs.chmodSync(f, m)) })],
    ["the concurrent-edit check (a thrown non-Error value)", (c) => ({ ...nodeFs, statSync: (f) => (!f.endsWith(".tmp") && ++c.n === 4 ? (() => { throw "boom"; })() : nodeFs.statSync(f)) })],
    ["rename (EXDEV)", (c) => ({ ...nodeFs, renameSync: (a, b) => (++c.n === 6 ? fail("EXDEV") : nodeFs.renameSync(a, b)) })],
  ];
  it.each(steps)("%s: files old or new, no temporary file, the output says which", async (_name, make) => {
    const dir = project();
    const exp = await expected(dir);
    const r = await applyFixes({ cwd: dir, paths: ["."], fs: make({ n: 0 }) });
    const fresh = oldOrNew(dir, exp);
    const written = r.files.filter((f) => f.status === "written").map((f) => f.file);
    expect(written).toHaveLength(fresh);
    expect(fresh).toBeLessThan(FILES);
    const text = renderFixText(r);
    for (const f of r.files.filter((x) => x.status === "not-written")) {
      expect(f.reason).toMatch(/fail|not written|unchanged|no file was changed/);
      expect(text).toContain(f.file);
    }
    expect(r.findings.filter((f) => f.status === "fixed")).toHaveLength(fresh);
    // A second run finishes the job.
    const again = await applyFixes({ cwd: dir, paths: ["."] });
    expect(again.summary.filesWritten).toBe(FILES - fresh);
    expect(oldOrNew(dir, exp)).toBe(FILES);
  });

  it("a file deleted while the fix runs is not recreated, and the others stay whole", async () => {
    const dir = project();
    const exp = await expected(dir);
    const victim = path.join(dir, "src", "f03.ts");
    const ops: FsOps = {
      ...nodeFs,
      statSync: (f) => {
        if (f === victim) unlinkSync(victim);
        return nodeFs.statSync(f);
      },
    };
    const r = await applyFixes({ cwd: dir, paths: ["."], fs: ops });
    const names = readdirSync(path.join(dir, "src"));
    expect(names).not.toContain("f03.ts");
    expect(names.filter((n) => n.startsWith("."))).toEqual([]);
    expect(r.files.find((f) => f.file === "src/f03.ts")!.status).toBe("not-written");
    for (const n of names) expect([exp.before[n], exp.after[n]]).toContain(readFileSync(path.join(dir, "src", n), "utf8"));
  });

  it("a concurrent edit that keeps the size and the mtime is still detected, and the edit is kept", async () => {
    const dir = project();
    const target = path.join(dir, "src", "f05.ts");
    let edited = false;
    const ops: FsOps = {
      ...nodeFs,
      openSync: (f, fl, m) => {
        // While the temporary files are prepared, another process rewrites f05.ts in place: same
        // length, same mtime (restored), different bytes.
        if (!edited && f.endsWith(".tmp")) {
          edited = true;
          const st = nodeFs.statSync(target);
          const text = readFileSync(target, "utf8");
          writeFileSync(target, text.replace("contoso5", "fabrika5"));
          utimesSync(target, st.atime, st.mtime);
        }
        return nodeFs.openSync(f, fl, m);
      },
    };
    const r = await applyFixes({ cwd: dir, paths: ["."], fs: ops });
    expect(r.files.find((f) => f.file === "src/f05.ts")!.status).toBe("changed-meanwhile");
    expect(readFileSync(target, "utf8")).toContain("fabrika5");
    expect(readFileSync(target, "utf8")).toContain("AccountKey=");
    expect(renderFixText(r)).toMatch(/changed-meanwhile\s+src\/f05\.ts: the file changed while azure-msi fix ran/);
    expect(r.files.filter((f) => f.status === "written")).toHaveLength(FILES - 1);
  });
});

describe("an interrupted run (SIGKILL of the built CLI at random moments)", () => {
  it("leaves every file old or new; the next run completes the job", async () => {
    const dir = project();
    const exp = await expected(dir);
    let killed = 0;
    for (const delay of [150, 250, 350, 450, 600]) {
      const child = spawn(process.execPath, [BIN, "fix", "."], { cwd: dir, stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
      const timer = setTimeout(() => child.kill("SIGKILL"), delay);
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
      clearTimeout(timer);
      oldOrNew(dir, exp, true);
      if (signal === "SIGKILL") killed++;
      // Put the tree back for the next round (temporary files of a killed run included).
      for (const n of readdirSync(path.join(dir, "src"))) unlinkSync(path.join(dir, "src", n));
      for (const [n, text] of Object.entries(exp.before)) writeFileSync(path.join(dir, "src", n), text);
    }
    // Where each kill lands depends on the machine; the invariant is checked after every kill
    // above, and at least the early ones must have hit a running process. Then a run that is not
    // interrupted fixes everything.
    expect(killed).toBeGreaterThan(0);
    const r = await run(["fix", "."], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(oldOrNew(dir, exp)).toBe(FILES);
  }, 120_000);
});
