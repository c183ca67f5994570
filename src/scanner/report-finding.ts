/**
 * One file's engine findings -> ReportFindings: inline and ESLint suppressions, the config allow
 * list, positions, masked code frames, the Managed Identity advice (catalog) and fingerprints.
 * scanSource (scan.ts) imports this module only once a file has findings.
 */
import { describeFinding } from "../core/report/advice.js";
import { getService } from "../core/catalog/index.js";
import { fingerprint } from "../core/report/fingerprint.js";
import { scanText } from "../core/engine/scan-all.js";
import { LineIndex } from "../core/text/lines.js";
import { redact } from "../core/report/redact.js";
import { applyEslintDirectives } from "../core/engine/eslint-directives.js";
import { applyInlineSuppressions } from "../core/engine/suppress.js";
import type { Finding } from "../core/types.js";
import type { ReportFinding } from "./report.js";
import type { SourceFile } from "./sources.js";
import { isJsTs, maskedSnippet, type ScanOptions } from "./scan.js";

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
