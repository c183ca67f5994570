/**
 * Writing the fixed files: all or nothing per file, and the summary knows which.
 *
 * 1. Prepare: for every file, write the new content to a temporary file in the same folder (same
 *    file system, so the rename is atomic), with the original's mode, and fsync it. A failure here
 *    removes the temporary files: no file has changed.
 * 2. Commit: for every file, check that it still holds what was read (content and mtime: a
 *    concurrent edit makes us skip it and say so), then rename the temporary file over it and fsync
 *    the folder. A failure midway stops; files already renamed are new, the others untouched and
 *    old. Each file is always either fully old or fully new.
 *
 * The file-system calls go through `FsOps` so that tests can inject a failure.
 */
import * as fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

export interface FsOps {
  readFileSync(file: string): Buffer;
  statSync(file: string): fs.Stats;
  openSync(file: string, flags: string, mode?: number): number;
  writeSync(fd: number, data: Buffer): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  chmodSync(file: string, mode: number): void;
}

export const nodeFs: FsOps = {
  readFileSync: (f) => fs.readFileSync(f),
  statSync: (f) => fs.statSync(f),
  openSync: (f, flags, mode) => fs.openSync(f, flags, mode),
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (f) => fs.unlinkSync(f),
  chmodSync: (f, m) => fs.chmodSync(f, m),
};

export interface PendingWrite {
  /** Absolute path. */
  readonly abs: string;
  /** Relative path for messages. */
  readonly file: string;
  /** The bytes read (the file must still hold them). */
  readonly before: Buffer;
  readonly mtimeMs: number;
  readonly mode: number;
  readonly after: Buffer;
  /** A new file: it must not exist when committed (then `before` and `mtimeMs` are not checked). */
  readonly create?: boolean;
}

export type WriteOutcome =
  | { readonly file: string; readonly status: "written" }
  | { readonly file: string; readonly status: "not-written"; readonly reason: string }
  | { readonly file: string; readonly status: "changed-meanwhile" };

const errText = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? err?.message?.split("\n")[0] ?? String(e);
};

function fsyncDir(ops: FsOps, dir: string): void {
  try {
    const fd = ops.openSync(dir, "r");
    try {
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a folder; the rename itself is still atomic.
  }
}

/** Write every pending file (see the module comment). Never throws. */
export function writeAll(writes: readonly PendingWrite[], ops: FsOps = nodeFs): WriteOutcome[] {
  const temps = prepare(writes, ops);
  if ("failed" in temps) return writes.map((x) => ({ file: x.file, status: "not-written", reason: temps.failed }));
  return commit(writes, temps.paths, ops);
}

/** 1. Prepare: each new content in a temporary file beside its target, fsynced; on failure none is left. */
function prepare(writes: readonly PendingWrite[], ops: FsOps): { readonly paths: string[] } | { readonly failed: string } {
  const temps: string[] = [];
  for (const w of writes) {
    const tmp = path.join(path.dirname(w.abs), `.${path.basename(w.abs)}.azure-msi-${randomBytes(4).toString("hex")}.tmp`);
    try {
      const fd = ops.openSync(tmp, "wx", w.mode & 0o7777);
      try {
        let off = 0;
        while (off < w.after.length) off += ops.writeSync(fd, w.after.subarray(off));
        ops.fsyncSync(fd);
      } finally {
        ops.closeSync(fd);
      }
      ops.chmodSync(tmp, w.mode & 0o7777);
      temps.push(tmp);
    } catch (error) {
      for (const t of [...temps, tmp]) unlinkQuietly(ops, t);
      return { failed: `preparing ${w.file} failed (${errText(error)}); no file was changed` };
    }
  }
  return { paths: temps };
}

/** 2. Commit: rename each temporary file over its target if the target is still as read; stop at the first failure. */
function commit(writes: readonly PendingWrite[], temps: readonly string[], ops: FsOps): WriteOutcome[] {
  const out: WriteOutcome[] = [];
  let failed: string | undefined;
  writes.forEach((w, i) => {
    const tmp = temps[i]!;
    if (failed !== undefined) {
      unlinkQuietly(ops, tmp);
      out.push({ file: w.file, status: "not-written", reason: failed });
      return;
    }
    try {
      if (!stillAsRead(w, ops)) {
        unlinkQuietly(ops, tmp);
        out.push({ file: w.file, status: "changed-meanwhile" });
        return;
      }
      ops.renameSync(tmp, w.abs);
      fsyncDir(ops, path.dirname(w.abs));
      out.push({ file: w.file, status: "written" });
    } catch (error) {
      unlinkQuietly(ops, tmp);
      failed = `writing ${w.file} failed (${errText(error)}); the files after it were left as they were`;
      out.push({ file: w.file, status: "not-written", reason: `writing failed (${errText(error)}); the file is unchanged` });
    }
  });
  return out;
}

/** The target still holds the bytes (and mtime) that were read; a new file still does not exist. */
function stillAsRead(w: PendingWrite, ops: FsOps): boolean {
  if (w.create) {
    try {
      ops.statSync(w.abs);
      return false;
    } catch {
      return true;
    }
  }
  const st = ops.statSync(w.abs);
  const now = ops.readFileSync(w.abs);
  return st.mtimeMs === w.mtimeMs && now.equals(w.before);
}

function unlinkQuietly(ops: FsOps, file: string): void {
  try {
    ops.unlinkSync(file);
  } catch {
    // already gone
  }
}
