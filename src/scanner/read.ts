/**
 * Reading one listed file: the part of the file walker that worker threads run too (they read and
 * decode their own share of the files; only findings come back). No glob or ignore libraries here.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type { SkippedFile } from "./report.js";
import { decodeText, formatBytes, isBinaryExtension } from "./decode.js";

/** A file to read, as listed by the walker (files.ts). Plain data: it is posted to workers. */
export interface Candidate {
  readonly abs: string;
  /** Relative to cwd, `/` separators (what the report shows). */
  readonly file: string;
  /** Known to be a symbolic link that we do not follow. */
  readonly symlink?: boolean;
  /** Known not to be readable (a folder that could not be listed, a FIFO): the reason. */
  readonly skip?: string;
  /** readdir's entry says a regular file: read it without an lstat first (readRegular). */
  readonly regular?: boolean;
}

export interface ReadFile {
  /** Relative to cwd, `/` separators. */
  readonly file: string;
  readonly text: string;
  /** Size on disk. */
  readonly bytes: number;
}

export type WalkEntry = ReadFile | { readonly skipped: SkippedFile };

export const tooLargeReason = (maxFileSize: number, size: number): string =>
  `larger than ${formatBytes(maxFileSize)} (${formatBytes(size)}; see --max-file-size)`;

/** The skip reason for a read that failed with `error`. */
export function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM"
    ? "permission denied"
    : code === "ENOENT"
      ? "removed during the scan"
      : code === "EISDIR"
        ? "not a regular file"
        : `unreadable (${code ?? "error"})`;
}

/** Most source files fit here: one read, no fstat. Reused; decoded before the next file is read. */
const SMALL = 64 * 1024;
const scratch = Buffer.allocUnsafe(SMALL);
/**
 * Larger files go into one buffer that grows to the largest file read so far (at most the size
 * limit) and is reused: a fresh multi-megabyte Buffer per lock file or bundle is freed only at
 * the next full GC, and the malloc'd memory was what made the peak RSS grow with the scan.
 */
let large = Buffer.allocUnsafe(0);
/** O_NONBLOCK: a file replaced by a FIFO since readdir must not block the scan. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Read a file that readdir reported as regular with few syscalls: open, one read into a shared
 * 64 KB buffer, close (a short read of a regular file is its end). Larger files: fstat for the
 * size limit, then the rest. Returns the size instead of the bytes when over `maxFileSize`. The
 * returned bytes are one of two shared buffers: use them before reading the next file.
 */
export function readRegular(abs: string, maxFileSize: number): Uint8Array | { tooLarge: number } {
  const fd = openSync(abs, OPEN_FLAGS);
  try {
    const n = readSync(fd, scratch, 0, SMALL, 0);
    if (n < SMALL) return n > maxFileSize ? { tooLarge: n } : scratch.subarray(0, n);
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
    if (info.size > maxFileSize) return { tooLarge: info.size };
    const want = Math.max(info.size, SMALL);
    if (large.length < want) large = Buffer.allocUnsafe(Math.max(want, Math.min(maxFileSize, large.length * 2)));
    const buf = large.subarray(0, want);
    scratch.copy(buf, 0, 0, SMALL);
    let total = SMALL;
    while (total < buf.length) {
      const r = readSync(fd, buf, total, buf.length - total, total);
      if (r === 0) break;
      total += r;
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read and decode one candidate (synchronously), or say why it is skipped: links not followed,
 * binary by extension or content, over the size limit, not a regular file, unreadable.
 */
export function readCandidate(c: Candidate, maxFileSize: number): WalkEntry {
  const file = c.file;
  const skip = (reason: string): WalkEntry => ({ skipped: { file, reason } });
  const before = skipBeforeReading(c);
  if (before !== undefined) return skip(before);
  try {
    let buf: Uint8Array;
    if (c.regular) {
      const read = readRegular(c.abs, maxFileSize);
      if (!(read instanceof Uint8Array)) return skip(tooLargeReason(maxFileSize, read.tooLarge));
      buf = read;
    } else {
      // A path named on the command line: it may be a link to a file (followed, as named).
      const info = lstatSync(c.abs);
      const target = info.isSymbolicLink() ? statSync(c.abs) : info;
      if (!target.isFile()) return skip("not a regular file");
      if (target.size > maxFileSize) return skip(tooLargeReason(maxFileSize, target.size));
      return decodedEntry(file, readFileSync(c.abs), maxFileSize);
    }
    return decodedEntry(file, buf, maxFileSize);
  } catch (error) {
    return skip(unreadableReason(error));
  }
}

/** Why a candidate is skipped without opening it (links not followed, binary by extension), if it is. */
export function skipBeforeReading(c: Candidate): string | undefined {
  if (c.skip !== undefined) return c.skip;
  if (c.symlink) return "symbolic link (not followed)";
  if (isBinaryExtension(c.file)) return "binary file";
  return undefined;
}

/** The file's entry from its bytes: over the size limit, binary by content, or its decoded text. */
export function decodedEntry(file: string, buf: Uint8Array, maxFileSize: number): WalkEntry {
  if (buf.length > maxFileSize) return { skipped: { file, reason: tooLargeReason(maxFileSize, buf.length) } };
  const text = decodeText(buf);
  if (text === undefined) return { skipped: { file, reason: "binary file" } };
  return { file, text, bytes: buf.length };
}
