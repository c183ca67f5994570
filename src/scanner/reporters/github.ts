/**
 * `--format github`: GitHub Actions workflow commands, which GitHub turns into annotations on the
 * pull request's changed lines:
 *   ::error file=src/app.ts,line=12,col=5,endLine=12,endColumn=93,title=...::message
 * Escaping follows the runner's rules: in the message `%`, CR and LF are percent-encoded; in
 * property values `:` and `,` are too. Severity info becomes a notice.
 */
import type { Severity } from "../../core/types.js";
import type { Reporter } from "../report.js";
import { shownFindings } from "./advice.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

export const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const github: Reporter = (report, options) => {
  const out: string[] = [];
  for (const f of shownFindings(report.findings, report.suppressed, options.showSuppressed)) {
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`azure-msi ${f.ruleId}${f.suppressed ? " (suppressed)" : ""}`)}`,
    ].join(",");
    // The message already carries the Managed Identity advice (role, replacement).
    const lines = [`${f.message} (${f.redacted})`];
    if (f.msi.docs) lines.push(`Docs: ${f.msi.docs}`);
    if (f.commit) lines.push(`Added in commit ${f.commit.sha} (${f.commit.date}).`);
    if (f.suppressed) lines.push(`Suppressed (${f.suppressed.kind})${f.suppressed.reason ? `: ${f.suppressed.reason}` : ""}.`);
    out.push(`::${f.suppressed ? "notice" : COMMAND[f.severity]} ${props}::${escapeData(lines.join("\n"))}`);
  }
  const stale = report.staleBaseline?.length ?? 0;
  if (stale > 0) {
    out.push(`::warning title=${escapeProperty("azure-msi baseline")}::${escapeData(`${stale} baseline ${stale === 1 ? "entry" : "entries"} matched no finding; remove ${stale === 1 ? "it" : "them"} from the baseline file.`)}`);
  }
  const n = report.findings.length;
  out.push(`azure-msi: ${n} finding${n === 1 ? "" : "s"} in ${report.summary.files} file${report.summary.files === 1 ? "" : "s"}${report.suppressed.length > 0 ? `, ${report.suppressed.length} suppressed` : ""}`);
  return `${out.join("\n")}\n`;
};

export default github;
