/**
 * `--format json`: exactly the DESIGN.md "JSON report" shape (version, findings, summary), plus the
 * extra keys `skipped` (always), `suppressed` (with --show-suppressed) and `staleBaseline` (when a
 * baseline was used). Code frames are not included.
 */
import type { Report, ReportFinding, Reporter } from "../report.js";

export function toJsonFinding(f: ReportFinding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    service: f.service,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    severity: f.severity,
    message: f.message,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    msi: { supported: f.msi.supported, replacement: f.msi.replacement, roles: [...f.msi.roles], docs: f.msi.docs },
    fix: { available: f.fix.available, description: f.fix.description },
    ...(f.commit ? { commit: { ...f.commit } } : {}),
    ...(f.suppressed ? { suppressed: { ...f.suppressed } } : {}),
  };
}

export function toJson(report: Report, showSuppressed: boolean): Record<string, unknown> {
  return {
    version: report.version,
    findings: report.findings.map(toJsonFinding),
    summary: {
      files: report.summary.files,
      bytes: report.summary.bytes,
      findings: report.summary.findings,
      durationMs: report.summary.durationMs,
    },
    skipped: report.skipped.map((s) => ({ file: s.file, reason: s.reason })),
    ...(showSuppressed ? { suppressed: report.suppressed.map(toJsonFinding) } : {}),
    ...(report.staleBaseline ? { staleBaseline: [...report.staleBaseline] } : {}),
  };
}

const json: Reporter = (report, options) => `${JSON.stringify(toJson(report, options.showSuppressed), null, 2)}\n`;

export default json;
