/**
 * Small helpers over the files of `azure-msi fix`: reading a file once for fixing (bytes, stat,
 * BOM, UTF-8 check), encoding a new text the same way, and leaving a whole file alone.
 */
import { lstatSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { manualPath } from "./plan/advice.js";
import { occurrenceKey, type FileWork, type Raw } from "./context.js";

export function readRaw(abs: string): Raw {
  // A symbolic link is never replaced by a regular file (the rename would do that).
  if (lstatSync(abs).isSymbolicLink()) throw Object.assign(new Error("symbolic link"), { code: "ESYMLINK" });
  const st = statSync(abs);
  const buf = readFileSync(abs);
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const text = body.toString("utf8");
  const utf8 = Buffer.from(text, "utf8").equals(body);
  return { abs, buf, mtimeMs: st.mtimeMs, mode: st.mode, bom, ...(utf8 ? { text } : {}) };
}

/** The bytes of a new text for a file read as `raw` (its BOM kept). */
export const encode = (raw: Raw, text: string): Buffer => Buffer.concat([raw.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, "utf8")]);

/** A path relative to the working directory, with `/` separators. */
export const rel = (cwd: string, abs: string): string => path.relative(cwd, abs).split(path.sep).join("/") || path.basename(abs);

/** Leave the whole file alone: every finding gets the reason and its manual path. */
export function refuse(work: FileWork, reason: string): void {
  for (const f of work.initial) work.notFixed.set(occurrenceKey(f), `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. ${manualPath(work.file, f)}`);
  work.skipped = reason;
}
