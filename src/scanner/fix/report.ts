/**
 * The last step of `azure-msi fix`: the FixResult. One entry per finding of every file found
 * (fixed with what was rewritten, or not fixed with why and the manual path; a fix whose file was
 * not written is not fixed), every key to rotate, one row per file changed or left alone. Nothing
 * holds a full secret: findings carry the redacted form, descriptions and reasons are masked.
 * The renderers (report/render.ts) turn it into text or JSON.
 */
import { fingerprint } from "../../core/report/fingerprint.js";
import { maskAll, redact } from "../../core/report/redact.js";
import { occurrenceKey, type FileWork, type FixContext, type FixFile, type FixFinding, type FixResult } from "./context.js";
import { manualPath } from "./plan/advice.js";

type Rotate = FixResult["rotate"][number];

export function buildResult(ctx: FixContext): FixResult {
  const findings: FixFinding[] = [];
  const rotate: Rotate[] = [];
  for (const w of ctx.files) reportFile(ctx, w, findings, rotate);
  const skipped = ctx.files.flatMap((w): FixFile[] => (w.skipped !== undefined ? [{ file: w.file, status: "skipped", reason: w.skipped }] : []));
  const files = [...skipped, ...ctx.rows].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const fixed = findings.filter((f) => f.status === "fixed").length;
  return {
    version: 1,
    dryRun: ctx.dryRun,
    credential: ctx.credential,
    findings,
    files,
    dependencies: ctx.dependencies,
    azure: ctx.azure,
    iac: ctx.iac,
    rotate,
    warnings: ctx.warnings,
    diff: ctx.diff,
    summary: {
      findings: findings.length,
      fixed,
      notFixed: findings.length - fixed,
      filesChanged: ctx.changes.length,
      filesWritten: files.filter((f) => f.status === "written").length,
    },
  };
}

function reportFile(ctx: FixContext, w: FileWork, findings: FixFinding[], rotate: Rotate[]): void {
  const fail = ctx.failed.get(w.file);
  for (const f of w.initial) {
    const k = occurrenceKey(f);
    const pos = w.lines.position(f.start);
    const base = {
      file: w.file,
      line: pos.line,
      column: pos.column,
      ruleId: f.ruleId,
      service: f.service,
      redacted: redact(f.secret),
      fingerprint: fingerprint(f.ruleId, f.secret),
      ...(w.keys.has(k) ? { key: w.keys.get(k)! } : {}),
    };
    rotate.push({ file: w.file, line: pos.line, service: f.service, ruleId: f.ruleId, redacted: base.redacted });
    const desc = w.fixed.get(k);
    if (desc !== undefined && fail === undefined) findings.push({ ...base, status: "fixed", description: maskAll(desc, [f.secret]) });
    else findings.push({ ...base, status: "not-fixed", reason: maskAll(fail ?? w.notFixed.get(k) ?? `No automatic fix. ${manualPath(w.file, f)}`, [f.secret]) });
  }
}
