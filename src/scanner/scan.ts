/**
 * Source in, Report out: the engine on every file, then inline suppressions, the config allow list,
 * positions, masked code frames, the Managed Identity advice and fingerprints.
 */
import { describeFinding } from "../core/advice.js";
import { getService } from "../core/catalog/index.js";
import { fingerprint } from "../core/fingerprint.js";
import { scanText } from "../core/scan-all.js";
import { LineIndex } from "../core/lines.js";
import { redact } from "../core/redact.js";
import { applyEslintDirectives } from "../core/eslint-directives.js";
import { applyInlineSuppressions } from "../core/suppress.js";
import type { Finding } from "../core/types.js";
import type { AllowCandidate, AllowRule } from "./config.js";
import type { Report, ReportFinding, SkippedFile } from "./report.js";
import type { Source, SourceFile } from "./sources.js";
import { createScanPool, MIN_BYTES, MIN_FILES, workerCount, type ScanPool } from "./pool.js";

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
   * Worker threads for the engine once the source has many files (pool.ts): default from
   * AZURE_MSI_WORKERS or the number of cores; 0 scans on the main thread only.
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

const FUNCTIONS_IDENTITY_SERVICES: ReadonlySet<string> = new Set(["storage", "service-bus", "event-hubs"]);

function fixFor(file: string, finding: Finding, replacement: string): ReportFinding["fix"] {
  let hasCodeFix = false;
  try {
    hasCodeFix = getService(finding.service).hasCodeFix;
  } catch {
    hasCodeFix = false;
  }
  if (isJsTs(file) && hasCodeFix) {
    return {
      available: true,
      description:
        "Rewrite the client to use a TokenCredential: `azure-msi fix`, or the ESLint quick fix (where the call can be rewritten safely; otherwise they explain the manual path).",
    };
  }
  // Azure Functions settings: `azure-msi fix` turns these into identity-based connections.
  if (/(^|\/)local\.settings\.json$/i.test(file) && FUNCTIONS_IDENTITY_SERVICES.has(finding.service)) {
    return {
      available: true,
      description: "`azure-msi fix` turns this setting into an identity-based connection (`<Name>__accountName` / `__fullyQualifiedNamespace`).",
    };
  }
  return {
    available: false,
    description: isJsTs(file)
      ? `No automatic rewrite here; replace the credential by hand: ${replacement}`
      : "Remove the value from this file; configure the app to use Managed Identity (or a Key Vault reference) instead.",
  };
}

function toReportFinding(
  source: SourceFile,
  lines: LineIndex,
  finding: Finding,
  all: readonly Finding[],
  suppressed?: ReportFinding["suppressed"],
): ReportFinding {
  const start = lines.position(finding.start);
  const end = lines.position(finding.end);
  const advice = describeFinding(finding);
  return {
    ruleId: finding.ruleId,
    service: finding.service,
    file: source.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: finding.severity,
    message: advice.message,
    redacted: redact(finding.secret),
    fingerprint: fingerprint(finding.ruleId, finding.secret),
    msi: {
      supported: advice.msi.supported,
      replacement: advice.msi.replacement,
      roles: [...advice.msi.roles],
      docs: advice.msi.docs,
    },
    fix: fixFor(source.file, finding, advice.msi.replacement),
    snippet: maskedSnippet(source.text, lines, finding, all),
    ...(source.commit ? { commit: { ...source.commit } } : {}),
    ...(suppressed ? { suppressed } : {}),
  };
}

/** Everything one file yields: reported and suppressed findings. */
export function scanFile(
  source: SourceFile,
  options: Pick<ScanOptions, "allow"> = {},
  raw: readonly Finding[] = scanText(source.text, { path: source.file }),
): { findings: ReportFinding[]; suppressed: ReportFinding[] } {
  if (raw.length === 0) return { findings: [], suppressed: [] };
  const lines = new LineIndex(source.text);
  let candidates = raw;
  if (source.lineFilter) {
    const filter = source.lineFilter;
    candidates = raw.filter((f) => {
      const last = lines.lineOf(Math.max(f.start, f.end - 1));
      for (let l = lines.lineOf(f.start); l <= last; l++) if (filter.has(l)) return true;
      return false;
    });
  }
  const findings: ReportFinding[] = [];
  const suppressed: ReportFinding[] = [];
  const inline = applyInlineSuppressions(source.text, candidates, lines);
  for (const { finding, directive } of inline.suppressed) {
    const reason = directive.reason ?? `${directive.kind === "ignore" ? "azure-msi-ignore" : "azure-msi-ignore-next-line"} on line ${directive.line}`;
    suppressed.push(toReportFinding(source, lines, finding, raw, { kind: "inline", reason }));
  }
  // In JS/TS files, ESLint's own disable comments hide our rule's findings: hide them here too.
  let kept = inline.kept;
  if (isJsTs(source.file)) {
    const eslint = applyEslintDirectives(source.text, kept, lines);
    for (const { finding, directive } of eslint.suppressed) {
      const reason = directive.reason ?? `eslint-${directive.kind} comment on line ${lines.lineOf(directive.start)}`;
      suppressed.push(toReportFinding(source, lines, finding, raw, { kind: "eslint", reason }));
    }
    kept = eslint.kept;
  }
  for (const finding of kept) {
    const rule = options.allow?.({ file: source.file, ruleId: finding.ruleId, secret: finding.secret });
    if (rule) {
      const reason = rule.reason ?? "allowed by the configuration";
      suppressed.push(toReportFinding(source, lines, finding, raw, { kind: "config", reason }));
    } else {
      findings.push(toReportFinding(source, lines, finding, raw));
    }
  }
  return { findings, suppressed };
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
  const finish = (entry: SourceFile, raw: readonly Finding[]): void => {
    const result = scanFile(entry, options, raw);
    findings.push(...result.findings);
    suppressed.push(...result.suppressed);
  };
  // Many files: the engine runs in worker threads while this thread reads and post-processes.
  const workers = options.workers ?? workerCount();
  let pool: ScanPool | undefined;
  let poolTried = workers < 2;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  try {
    for await (const entry of source) {
      if ("skipped" in entry) {
        skipped.push(entry.skipped);
        progress();
        continue;
      }
      files++;
      bytes += entry.bytes;
      if (!poolTried && (files >= MIN_FILES || bytes >= MIN_BYTES)) {
        poolTried = true;
        pool = createScanPool(workers);
      }
      if (pool) {
        await pool.ready();
        if (failure !== undefined) break;
        const job: Promise<void> = pool.scan(entry.text, entry.file).then(
          (raw) => {
            finish(entry, raw);
            progress();
          },
          (error: unknown) => {
            failure ??= error;
          },
        );
        inFlight.add(job);
        void job.then(() => inFlight.delete(job));
      } else {
        finish(entry, scanText(entry.text, { path: entry.file }));
        progress();
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
