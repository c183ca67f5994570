/**
 * `--format text` (default): findings grouped by file, each with its masked code frame, the
 * Managed Identity advice (role, replacement, docs) and fix availability; suppressed findings only
 * with --show-suppressed; skipped files as warnings; one summary line.
 */
import { formatBytes } from "../decode.js";
import type { Report, ReportFinding, Reporter, ReporterOptions } from "../report.js";

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const COLORS: Paint = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  blue: ansi(34, 39),
  green: ansi(32, 39),
  cyan: ansi(36, 39),
};
const id = (s: string): string => s;
const PLAIN: Paint = { bold: id, dim: id, red: id, yellow: id, blue: id, green: id, cyan: id };

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text that comes from the scanned tree (file names, code frames, skip reasons) may hold control
 * characters: a name with a newline, an ANSI escape that would recolour or rewrite the terminal.
 * They are shown escaped (`\n`, `\x1b`), never raw.
 */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function severityLabel(p: Paint, f: ReportFinding): string {
  const label = f.severity.padEnd(7);
  return f.severity === "error" ? p.red(label) : f.severity === "warning" ? p.yellow(label) : p.blue(label);
}

/** "Managed Identity: supported · role: X · docs: URL" (the message carries the full advice). */
function msiLine(p: Paint, f: ReportFinding): string {
  const s = f.msi.supported;
  const parts = [`Managed Identity: ${s === true ? "supported" : s === "partial" ? "partly supported" : "not supported"}`];
  if (f.msi.roles.length > 0) parts.push(`role: ${f.msi.roles[0]}`);
  if (f.msi.docs) parts.push(`docs: ${p.blue(f.msi.docs)}`);
  return parts.join(" · ");
}

function frame(p: Paint, f: ReportFinding): string[] {
  if (!f.snippet) return [];
  const lines = f.snippet.split("\n");
  const width = String(f.line + lines.length - 1).length;
  return lines.map((text, i) => `    ${p.dim(`${String(f.line + i).padStart(width)} |`)} ${printable(text)}`);
}

function renderFinding(p: Paint, f: ReportFinding): string[] {
  const where = `${f.line}:${f.column}`.padEnd(8);
  const out = [`  ${p.dim(where)} ${severityLabel(p, f)} ${p.bold(f.ruleId)} ${p.dim(`(${f.service}, ${f.redacted})`)}`];
  if (f.commit) out.push(`    ${p.dim(printable(`commit ${f.commit.sha.slice(0, 12)} ${f.commit.date}${f.commit.author ? ` ${f.commit.author}` : ""}`))}`);
  if (f.suppressed) out.push(`    ${p.dim(`suppressed (${f.suppressed.kind}${f.suppressed.reason ? `: ${printable(f.suppressed.reason)}` : ""})`)}`);
  out.push(...frame(p, f));
  out.push(`    ${f.message}`);
  out.push(`    ${msiLine(p, f)}`);
  if (f.fix.available) out.push(`    ${p.green(`Fix: ${f.fix.description}`)}`);
  return out;
}

function groupByFile(findings: readonly ReportFinding[]): Map<string, ReportFinding[]> {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

export function renderText(report: Report, options: ReporterOptions): string {
  const p = options.color ? COLORS : PLAIN;
  const out: string[] = [];
  const shown = options.showSuppressed ? [...report.findings, ...report.suppressed] : [...report.findings];
  shown.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
  for (const [file, findings] of groupByFile(shown)) {
    out.push(p.bold(printable(file)));
    for (const f of findings) out.push(...renderFinding(p, f), "");
  }

  if (!options.quiet) {
    const binary = report.skipped.filter((s) => s.reason === "binary file");
    const others = report.skipped.filter((s) => s.reason !== "binary file");
    for (const s of others) out.push(`${p.yellow("warning")} skipped ${printable(s.file)}: ${printable(s.reason)}`);
    if (binary.length > 0) out.push(p.dim(`${plural(binary.length, "binary file")} skipped`));
    if (report.staleBaseline && report.staleBaseline.length > 0) {
      const n = report.staleBaseline.length;
      out.push(p.yellow(`${n} baseline ${n === 1 ? "entry" : "entries"} matched nothing (remove them from the baseline)`));
    }
  }

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const total = report.findings.length;
  const scanned = `${plural(report.summary.files, "file")} (${formatBytes(report.summary.bytes)}) scanned in ${report.summary.durationMs} ms`;
  const extras: string[] = [];
  if (report.suppressed.length > 0) {
    extras.push(`${report.suppressed.length} suppressed${options.showSuppressed ? "" : " (--show-suppressed to list)"}`);
  }
  if (report.skipped.length > 0) extras.push(`${report.skipped.length} skipped`);
  const tail = extras.length > 0 ? `; ${extras.join(", ")}` : "";
  if (total > 0) {
    const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
    if (counts.info > 0) parts.push(`${counts.info} info`);
    out.push(p.bold(p.red(`✖ ${plural(total, "finding")} (${parts.join(", ")})`)) + ` in ${scanned}${tail}`);
  } else if (!options.quiet) {
    out.push(p.green("✔ no hard-coded Azure credentials found") + ` in ${scanned}${tail}`);
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

const text: Reporter = (report, options) => renderText(report, options);

export default text;
