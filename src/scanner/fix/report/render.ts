/**
 * Output of `azure-msi fix`: text for people, JSON (the FixResult itself) for tools. Neither ever
 * holds a full secret: findings carry `redacted`, the diff is masked, descriptions are masked.
 */
import type { FixResult } from "../context.js";
import { getService } from "../../../core/catalog/index.js";
import { PRINCIPAL_HINT } from "../azure/assignments.js";

type Item = FixResult["findings"][number];
/** "file:line:col  ruleId, Azure Storage (Eby8...==) [SETTING_NAME]": never the secret itself. */
const head = (f: Item): string => `  ${f.file}:${f.line}:${f.column}  ${f.ruleId}, ${getService(f.service).displayName} (${f.redacted})${f.key ? ` under ${f.key}` : ""}`;

export function renderFixJson(result: FixResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function renderFixText(result: FixResult): string {
  const out: string[] = [];
  if (result.dryRun && result.diff) out.push(result.diff.trimEnd(), "");
  const fixed = result.findings.filter((f) => f.status === "fixed");
  const notFixed = result.findings.filter((f) => f.status === "not-fixed");
  if (result.findings.length === 0) {
    out.push("No hard-coded credentials to fix.");
  }
  if (fixed.length > 0) {
    out.push(result.dryRun ? `Would fix (${fixed.length}):` : `Fixed (${fixed.length}):`);
    for (const f of fixed) out.push(head(f), `    ${f.description}`);
    out.push("");
  }
  if (notFixed.length > 0) {
    out.push(`Not fixed (${notFixed.length}):`);
    for (const f of notFixed) out.push(head(f), `    ${f.reason}`);
    out.push("");
  }
  const files = result.files.filter((f) => f.status !== "written" && f.status !== "would-change" && f.status !== "unchanged");
  const written = result.files.filter((f) => f.status === "written" || f.status === "would-change");
  if (written.length > 0 || files.length > 0) {
    out.push(result.dryRun ? "Files (dry run, nothing written):" : "Files:");
    for (const f of written) out.push(`  ${f.status === "written" ? "written     " : "would change"}  ${f.file}`);
    for (const f of files) out.push(`  ${f.status.padEnd(12)}  ${f.file}${f.reason ? `: ${f.reason}` : ""}`);
    out.push("");
  }
  for (const d of result.dependencies) {
    if (d.status === "added") out.push(`Added @azure/identity ${d.version} to ${d.packageJson}.`);
    if (d.status === "would-add") out.push(`Would add @azure/identity ${d.version} to ${d.packageJson}.`);
  }
  if (result.azure.length > 0) {
    out.push("What to do in Azure (the app's identity needs these before the new code runs):");
    out.push(`  ${PRINCIPAL_HINT}`);
    for (const s of result.azure) {
      out.push("", `  ${s.displayName}: ${s.roles.join(", ")}`);
      if (s.note) out.push(`    # ${s.note}`);
      for (const c of s.commands) out.push(`    ${c}`);
    }
    out.push("");
  }
  const iac = result.iac;
  if (iac.changes.length > 0 || iac.notes.length > 0 || iac.emitted || iac.unreadable.length > 0) {
    out.push("Infrastructure code:");
    const verb = (c: { status: string }): string => (c.status === "present" ? "already there" : result.dryRun ? "would add   " : "added       ");
    if (iac.emitted) out.push(`  ${iac.emitted.status === "present" ? "up to date  " : result.dryRun ? "would write " : "wrote       "}  ${iac.emitted.file} (${iac.emitted.format} module: pass principalId and the resource ids)`);
    for (const c of iac.changes) out.push(`  ${verb(c)}  ${c.file}: ${c.kind} ${c.kind === "role-assignment" ? c.detail : `on ${c.resource}: ${c.detail}`}`);
    for (const u of iac.unreadable) out.push(`  not read      ${u.file}: ${u.reason}`);
    for (const n of iac.notes) out.push(`  # ${n}`);
    out.push("");
  }
  if (result.rotate.length > 0) {
    out.push(`Rotate every key that was in these files (${result.rotate.length}): they remain in git history.`);
    for (const r of result.rotate) out.push(`  ${r.file}:${r.line}  ${r.ruleId} (${r.redacted})`);
    out.push("");
  }
  const s = result.summary;
  out.push(
    `${s.findings} finding${s.findings === 1 ? "" : "s"}: ${s.fixed} ${result.dryRun ? "fixable" : "fixed"}, ${s.notFixed} left; ${result.dryRun ? `${s.filesChanged} file${s.filesChanged === 1 ? "" : "s"} would change` : `${s.filesWritten} file${s.filesWritten === 1 ? "" : "s"} written`}.`,
  );
  return `${out.join("\n")}\n`;
}
