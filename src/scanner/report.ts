/**
 * The scan report: what every reporter receives. Mirrors the JSON contract in DESIGN.md
 * (`--format json` prints exactly `toJson(report)`). No field ever holds a full secret.
 */
import type { ServiceId, Severity } from "../core/types.js";

export interface ReportFinding {
  readonly ruleId: string;
  readonly service: ServiceId;
  /** Relative to the working directory, `/` separators. */
  readonly file: string;
  /** 1-based, at the first character of the secret value. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly message: string;
  /** Masked preview of the secret (redact()). */
  readonly redacted: string;
  readonly fingerprint: string;
  readonly msi: {
    readonly supported: boolean | "partial";
    readonly replacement: string;
    readonly roles: readonly string[];
    readonly docs: string;
  };
  readonly fix: { readonly available: boolean; readonly description: string };
  /** The source line(s) around the finding with every secret masked (for text/html frames). */
  readonly snippet?: string;
  /** History scans: the commit that added the line. */
  readonly commit?: { readonly sha: string; readonly date: string; readonly author?: string };
  /** Set when the finding was suppressed (only reported with --show-suppressed). */
  readonly suppressed?: { readonly kind: "inline" | "eslint" | "baseline" | "config"; readonly reason?: string };
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface Report {
  readonly version: 1;
  readonly findings: readonly ReportFinding[];
  /** Suppressed findings (listed by reporters only with --show-suppressed). */
  readonly suppressed: readonly ReportFinding[];
  readonly skipped: readonly SkippedFile[];
  /** Baseline entries that matched nothing (to clean up). */
  readonly staleBaseline?: readonly string[];
  readonly summary: {
    readonly files: number;
    readonly bytes: number;
    readonly findings: number;
    readonly durationMs: number;
  };
}

export interface ReporterOptions {
  readonly color: boolean;
  readonly showSuppressed: boolean;
  /** Tool version, for SARIF/HTML. */
  readonly version: string;
  /** --quiet: print findings only (no skipped-file warnings, nothing when clean). */
  readonly quiet?: boolean;
}

/** A reporter is a plain function chosen by name (reporters/<name>.ts default export). */
export type Reporter = (report: Report, options: ReporterOptions) => string;
