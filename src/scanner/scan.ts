/**
 * Source in, Report out: the engine on every file, then (report-finding.ts, loaded at the first
 * file with findings, so a clean pre-commit run never loads the catalog and advice) inline
 * suppressions, the config allow list, positions, masked code frames, the Managed Identity advice
 * and fingerprints.
 */
import { scanText } from "../core/engine/scan-all.js";
import type { LineIndex } from "../core/text/lines.js";
import { redact } from "../core/report/redact.js";
import type { Finding } from "../core/types.js";
import type { AllowCandidate, AllowRule } from "../project/config.js";
import type { Report, ReportFinding, SkippedFile } from "./report.js";
import type { Source, SourceEntry, SourceFile } from "./sources.js";
import type { ScanPool } from "./pool.js";

/**
 * Worker threads (pool.ts, loaded only then) for a scan of at least this many files, or of a
 * source that has produced this many bytes; never for a pre-commit run of a few files.
 */
export const MIN_FILES = 200;
export const MIN_BYTES = 8 * 1024 * 1024;

export interface ScanProgress {
  readonly files: number;
  readonly bytes: number;
  readonly skipped: number;
  readonly findings: number;
}

export interface ScanOptions {
  /** Config allow list (from allowMatcher()); a match moves the finding to `suppressed`. */
  readonly allow?: (candidate: AllowCandidate) => AllowRule | undefined;
  /** Called after each file (for progress display). */
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Clock for durationMs (tests). */
  readonly now?: () => number;
  /**
   * Threads that scan once the source has many files (pool.ts; the main thread and n - 1
   * workers): default from AZURE_MSI_WORKERS or the number of cores; 0 or 1: the main thread only.
   */
  readonly workers?: number;
}

const JS_TS = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
export const isJsTs = (file: string): boolean => JS_TS.test(file);

/** Longest code-frame line shown (before masking); longer lines are cropped around the secret. */
const MAX_FRAME_LINE = 160;
const MAX_FRAME_LINES = 6;

/**
 * The lines of a finding with every finding in them masked and long lines (minified code) cropped
 * around the secret. Cropping happens on the original offsets before masking, so the cost per
 * finding is bounded by the frame size, and a secret cut by the crop is still fully masked.
 */
export function maskedSnippet(text: string, lines: LineIndex, focus: Finding, all: readonly Finding[]): string {
  const first = lines.lineOf(focus.start);
  const last = Math.min(lines.lineOf(Math.max(focus.start, focus.end - 1)), first + MAX_FRAME_LINES - 1);
  const frameStart = lines.lineRange(first)[0];
  const frameEnd = lines.lineRange(last)[1];
  const masks = all.filter((f) => f.end > frameStart && f.start < frameEnd).sort((a, b) => a.start - b.start);
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const [lineStart, lineEnd] = lines.lineRange(line);
    let from = lineStart;
    let to = lineEnd;
    if (lineEnd - lineStart > MAX_FRAME_LINE) {
      const anchor = line === first ? focus.start : lineStart;
      from = Math.max(lineStart, Math.min(anchor - 40, lineEnd - MAX_FRAME_LINE));
      to = Math.min(lineEnd, from + MAX_FRAME_LINE);
    }
    let shown = "";
    let pos = from;
    for (const m of masks) {
      if (m.end <= pos || m.start >= to) continue;
      shown += text.slice(pos, Math.max(m.start, pos)) + redact(m.secret);
      pos = Math.min(m.end, to);
    }
    shown += text.slice(pos, to);
    out.push(`${from > lineStart ? "…" : ""}${shown}${to < lineEnd ? "…" : ""}`);
  }
  return out.join("\n");
}

const byPosition = (a: ReportFinding, b: ReportFinding): number =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/** Scan every file of a source into a Report. */
export async function scanSource(source: Source, options: ScanOptions = {}): Promise<Report> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const findings: ReportFinding[] = [];
  const suppressed: ReportFinding[] = [];
  const skipped: SkippedFile[] = [];
  let files = 0;
  let bytes = 0;
  const progress = (): void => options.onProgress?.({ files, bytes, skipped: skipped.length, findings: findings.length });
  // The report building (advice, catalog, suppressions) is loaded once, at the first finding.
  let post: typeof import("./report-finding.js") | undefined;
  const record = (entry: SourceFile, raw: readonly Finding[]): void => {
    const result = post!.scanFile(entry, options, raw);
    findings.push(...result.findings);
    suppressed.push(...result.suppressed);
  };
  /** A promise only while the report module loads. */
  const finish = (entry: SourceFile, raw: readonly Finding[]): void | Promise<void> => {
    if (raw.length === 0) return;
    if (post) return record(entry, raw);
    return import("./report-finding.js").then((loaded) => {
      post = loaded;
      record(entry, raw);
    });
  };
  let failure: unknown;
  let entries: AsyncIterable<SourceEntry> | Iterable<SourceEntry> = source;
  if (source.list && options.workers !== 0) {
    // Files on disk: when there are many, the main thread and workers each read and scan a share.
    // The listing grows as the walk goes on: workers only once it has MIN_FILES files.
    const listed = await source.list();
    entries = listed.entries;
    while (listed.listing.candidates.length < MIN_FILES && listed.listing.more());
    if (listed.listing.candidates.length >= MIN_FILES) {
      const pools = await import("./pool.js");
      const skippedAt: number[] = [];
      const parallel = await pools.scanListing(listed.listing, options.workers ?? pools.workerCount(), (r) => {
        if ("skipped" in r) {
          skipped.push(r.skipped);
          skippedAt.push(r.i);
        } else {
          files++;
          bytes += r.bytes;
          const pending = r.raw && finish({ file: listed.listing.candidates[r.i]!.file, text: r.text!, bytes: r.bytes }, r.raw);
          if (pending) return pending.then(progress);
        }
        progress();
      });
      if (parallel) {
        // Back in listing order, as a scan on one thread reports them.
        const order = skippedAt.map((at, k) => [at, skipped[k]!] as const).sort((a, b) => a[0] - b[0]);
        order.forEach(([, s], k) => (skipped[k] = s));
        entries = [];
      }
    }
  }
  // Other sources with many files: the engine runs in worker threads while this thread produces
  // the texts, post-processes, and scans whatever the workers have no room for.
  let workers = options.workers;
  let pool: ScanPool | undefined;
  let poolTried = workers !== undefined && workers < 2;
  const inFlight = new Set<Promise<void>>();
  try {
    for await (const entry of entries) {
      if ("skipped" in entry) {
        skipped.push(entry.skipped);
        progress();
        continue;
      }
      files++;
      bytes += entry.bytes;
      if (!poolTried && !source.list && (files >= MIN_FILES || bytes >= MIN_BYTES)) {
        poolTried = true;
        const pools = await import("./pool.js");
        workers ??= pools.workerCount();
        // The main thread scans too (whenever the workers are full): one worker fewer.
        if (workers >= 2) pool = pools.createScanPool(workers - 1);
      }
      if (failure !== undefined) break;
      if (pool && !pool.full()) {
        const job: Promise<void> = pool.scan(entry.text, entry.file).then(
          async (raw) => {
            await finish(entry, raw);
            progress();
          },
          (error: unknown) => {
            failure ??= error;
          },
        );
        inFlight.add(job);
        void job.then(() => inFlight.delete(job));
      } else {
        await finish(entry, scanText(entry.text, { path: entry.file }));
        progress();
        // Let the workers' results in (they free room for the next texts).
        if (pool) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }
  if (failure !== undefined) throw failure;
  findings.sort(byPosition);
  suppressed.sort(byPosition);
  return {
    version: 1,
    findings,
    suppressed,
    skipped,
    summary: { files, bytes, findings: findings.length, durationMs: Math.round(now() - started) },
  };
}
