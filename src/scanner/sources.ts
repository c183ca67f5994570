/**
 * Sources: where the texts to scan come from. A source is an async iterable of files (or skipped
 * entries); the scanner does not care whether they come from the file system, the git index, a
 * diff or history (src/scanner/git.ts produces the same type).
 */
import type { SkippedFile } from "./report.js";
import { readListing, streamListing, walkFiles, type ListingStream, type WalkOptions } from "./files.js";

export interface SourceFile {
  /** Relative to cwd, `/` separators. */
  readonly file: string;
  readonly text: string;
  /** Size in bytes of the original content. */
  readonly bytes: number;
  /** When set, only findings on these 1-based lines count (diff and history scans). */
  readonly lineFilter?: ReadonlySet<number>;
  /** History scans: the commit that added the content. */
  readonly commit?: { readonly sha: string; readonly date: string; readonly author?: string };
}

export type SourceEntry = SourceFile | { readonly skipped: SkippedFile };

export type Source = AsyncIterable<SourceEntry> & {
  /**
   * Files on disk: list them without reading (a listing that grows as the walk goes on), so that
   * a scan of many files can have worker threads read their own share (scanSource); `entries`
   * reads the listing on this thread (walking the rest). Absent for other sources, and when a
   * reader is injected (tests).
   */
  readonly list?: () => Promise<ListedFiles>;
};

export interface ListedFiles {
  readonly listing: ListingStream;
  readonly entries: AsyncIterable<SourceEntry>;
}

export type FileSourceOptions = WalkOptions;

export const isSkipped = (e: SourceEntry): e is { readonly skipped: SkippedFile } => "skipped" in e;

/** Files and folders on disk (default "."), honouring .gitignore, size and binary limits. */
export function fileSource(paths: readonly string[], options: FileSourceOptions): Source {
  const walk = { [Symbol.asyncIterator]: () => walkFiles(paths, options) };
  if (options.readFile) return walk;
  return {
    ...walk,
    list: async () => {
      const listing = await streamListing(paths, options);
      return { listing, entries: { [Symbol.asyncIterator]: () => readListing(listing, options) } };
    },
  };
}
