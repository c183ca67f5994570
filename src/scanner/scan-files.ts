/**
 * One batch of listed files, read, decoded and scanned by the engine: what each worker thread
 * (and the main thread, for its own share) does in a parallel file scan. Only what the main
 * thread needs comes back: sizes, skip reasons, and the text and engine findings of the few files
 * that have findings (the main thread builds their report entries: suppressions, advice).
 */
import { scanText } from "../core/engine/scan-all.js";
import type { Finding } from "../core/types.js";
import { readCandidate, type Candidate } from "./read.js";
import type { SkippedFile } from "./report.js";

/** A file's outcome, by its index in the listing. */
export type FileResult =
  | { readonly i: number; readonly skipped: SkippedFile }
  | { readonly i: number; readonly bytes: number; readonly text?: string; readonly raw?: readonly Finding[] };

/** Scan `items`, the listing's files from index `first` on. */
export function scanBatch(items: readonly Candidate[], first: number, maxFileSize: number): FileResult[] {
  const out: FileResult[] = [];
  for (let k = 0; k < items.length; k++) {
    const c = items[k]!;
    const i = first + k;
    const entry = readCandidate(c, maxFileSize);
    if ("skipped" in entry) {
      out.push({ i, skipped: entry.skipped });
      continue;
    }
    const raw = scanText(entry.text, { path: entry.file });
    out.push(raw.length === 0 ? { i, bytes: entry.bytes } : { i, bytes: entry.bytes, text: entry.text, raw });
  }
  return out;
}
