/**
 * Baselines: accepted, known findings that must not block anyone.
 *
 * `azure-msi baseline` writes `.azure-msi-baseline.json`: one entry per fingerprint (see
 * src/core/report/fingerprint.ts: independent of path, line and indentation), sorted, without line numbers
 * or timestamps, so that moving code does not invalidate it and two branches rarely conflict.
 * `scan --baseline <file>` moves matching findings to `suppressed` (kind "baseline") and lists the
 * entries that matched nothing in `staleBaseline`, so the file can be cleaned up.
 */
import { readFile } from "node:fs/promises";
import type { Report, ReportFinding } from "./report.js";
import { jsonErrorText } from "../project/json-error.js";

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = ".azure-msi-baseline.json";

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** Where the finding was when the baseline was written (informational only, never matched). */
  readonly file: string;
}

export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

/** A bad baseline file: printed as one line, exit code 2. */
export class BaselineError extends Error {
  override readonly name = "BaselineError";
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One entry per fingerprint (the first file in sort order is kept), sorted by fingerprint. */
export function createBaseline(findings: readonly ReportFinding[]): Baseline {
  const sorted = [...findings].sort((a, b) => byString(a.fingerprint, b.fingerprint) || byString(a.ruleId, b.ruleId) || byString(a.file, b.file));
  const entries: BaselineEntry[] = [];
  for (const f of sorted) {
    if (entries.at(-1)?.fingerprint === f.fingerprint) continue;
    entries.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file });
  }
  return { version: BASELINE_VERSION, findings: entries };
}

/** Stable text: two-space JSON, fixed key order, one trailing newline. */
export function formatBaseline(baseline: Baseline): string {
  const findings = baseline.findings.map((e) => ({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file }));
  return `${JSON.stringify({ version: baseline.version, findings }, null, 2)}\n`;
}

const FINGERPRINT = /^[0-9a-f]{16,128}$/;

/** Parse and validate a baseline; `label` names the file in error messages. */
export function parseBaseline(text: string, label: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new BaselineError(`${label}: not valid JSON (${jsonErrorText(e)})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new BaselineError(`${label}: expected a JSON object with "version" and "findings"`);
  const obj = data as Record<string, unknown>;
  if (typeof obj.version !== "number") throw new BaselineError(`${label}: "version" must be a number`);
  if (obj.version > BASELINE_VERSION)
    throw new BaselineError(`${label}: baseline version ${obj.version} was written by a newer azure-msi (this one reads version ${BASELINE_VERSION}); upgrade azure-msi`);
  if (obj.version !== BASELINE_VERSION) throw new BaselineError(`${label}: unsupported baseline version ${obj.version} (expected ${BASELINE_VERSION})`);
  for (const key of Object.keys(obj)) if (key !== "version" && key !== "findings") throw new BaselineError(`${label}: unknown key "${key}"`);
  if (!Array.isArray(obj.findings)) throw new BaselineError(`${label}: "findings" must be an array`);
  const findings = obj.findings.map((raw: unknown, i): BaselineEntry => {
    const where = `${label}: findings[${i}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new BaselineError(`${where} must be an object`);
    const e = raw as Record<string, unknown>;
    if (typeof e.fingerprint !== "string" || !FINGERPRINT.test(e.fingerprint)) throw new BaselineError(`${where}.fingerprint must be a lower-case hex string`);
    if (typeof e.ruleId !== "string" || e.ruleId === "") throw new BaselineError(`${where}.ruleId must be a non-empty string`);
    if (e.file !== undefined && typeof e.file !== "string") throw new BaselineError(`${where}.file must be a string`);
    return { fingerprint: e.fingerprint, ruleId: e.ruleId, file: typeof e.file === "string" ? e.file : "" };
  });
  return { version: BASELINE_VERSION, findings };
}

/** Read and parse a baseline file (missing or unreadable file: one-line BaselineError). */
export async function loadBaseline(path: string, label = path): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(code === "ENOENT" ? `${label}: baseline file not found (create it with \`azure-msi baseline\`)` : `${label}: cannot read the baseline (${code ?? "error"})`);
  }
  return parseBaseline(text, label);
}

export interface ApplyBaselineOptions {
  /**
   * Report entries that matched no finding. Only meaningful when the scan covered everything the
   * baseline was written from (a full scan, not --staged, --diff or a subset of paths).
   */
  readonly reportStale: boolean;
}

/** Hide findings whose fingerprint and rule id are in the baseline; list unmatched entries. */
export function applyBaseline(report: Report, baseline: Baseline, options: ApplyBaselineOptions): Report {
  const known = new Map<string, BaselineEntry>();
  for (const e of baseline.findings) known.set(`${e.ruleId}\0${e.fingerprint}`, e);
  const used = new Set<string>();
  const findings: ReportFinding[] = [];
  const suppressed: ReportFinding[] = [...report.suppressed];
  for (const f of report.findings) {
    const key = `${f.ruleId}\0${f.fingerprint}`;
    if (known.has(key)) {
      used.add(key);
      suppressed.push({ ...f, suppressed: { kind: "baseline", reason: "in the baseline" } });
    } else findings.push(f);
  }
  // An entry whose finding is now suppressed another way (inline, config) still matches its code.
  for (const f of report.suppressed) used.add(`${f.ruleId}\0${f.fingerprint}`);
  const out: Report = {
    ...report,
    findings,
    suppressed,
    summary: { ...report.summary, findings: findings.length },
  };
  if (!options.reportStale) return out;
  const stale = baseline.findings.filter((e) => !used.has(`${e.ruleId}\0${e.fingerprint}`)).map((e) => e.fingerprint);
  return { ...out, staleBaseline: [...(report.staleBaseline ?? []), ...stale] };
}
