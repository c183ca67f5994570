/**
 * `--format junit`: JUnit XML for the test tabs of Azure Pipelines (PublishTestResults), GitLab,
 * Jenkins and others. One testsuite per file with findings, one failing testcase per finding
 * (suppressed ones, with --show-suppressed, as skipped testcases). A clean scan yields one passing
 * testcase, so the tab shows that the gate ran.
 */
import type { ReportFinding, Reporter } from "../report.js";
import { msiAdvice, shownFindings } from "./advice.js";

/** XML 1.0 text/attribute escaping; characters XML cannot hold at all are dropped. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

/** Element text: like xml() but keeps line breaks readable. */
const text = (s: string): string => xml(s).replace(/&#10;/g, "\n").replace(/&#9;/g, "\t");

function testcase(f: ReportFinding): string {
  const name = `${f.ruleId} at ${f.line}:${f.column}`;
  const details = [
    `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} (${f.service}, ${f.redacted})`,
    f.message,
    `${msiAdvice(f)}.`,
    ...(f.msi.docs ? [`Docs: ${f.msi.docs}`] : []),
    `Fix: ${f.fix.description || (f.fix.available ? "available" : "by hand")}`,
    ...(f.commit ? [`Commit: ${f.commit.sha} ${f.commit.date}`] : []),
  ].join("\n");
  const open = `    <testcase classname="${xml(f.file)}" name="${xml(name)}" file="${xml(f.file)}" line="${f.line}">`;
  if (f.suppressed) {
    return `${open}\n      <skipped message="${xml(`suppressed (${f.suppressed.kind})${f.suppressed.reason ? `: ${f.suppressed.reason}` : ""}`)}"/>\n    </testcase>`;
  }
  return `${open}\n      <failure message="${xml(`${f.message} (${f.redacted})`)}" type="${xml(`${f.severity}/${f.ruleId}`)}">${text(details)}</failure>\n    </testcase>`;
}

const junit: Reporter = (report, options) => {
  const shown = shownFindings(report.findings, report.suppressed, options.showSuppressed);
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of shown) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const seconds = (report.summary.durationMs / 1000).toFixed(3);
  const suites: string[] = [];
  for (const [file, list] of byFile) {
    const failures = list.filter((f) => !f.suppressed).length;
    const skipped = list.length - failures;
    suites.push(
      `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${list.map(testcase).join("\n")}\n  </testsuite>`,
    );
  }
  if (byFile.size === 0) {
    suites.push(
      `  <testsuite name="azure-msi" tests="1" failures="0" errors="0" skipped="0" time="${seconds}">\n    <testcase classname="azure-msi" name="no hard-coded Azure credentials in ${report.summary.files} files"/>\n  </testsuite>`,
    );
  }
  const tests = Math.max(shown.length, byFile.size === 0 ? 1 : 0);
  const failures = shown.filter((f) => !f.suppressed).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="azure-msi" tests="${tests}" failures="${failures}" errors="0" time="${seconds}">\n${suites.join("\n")}\n</testsuites>\n`;
};

export default junit;
