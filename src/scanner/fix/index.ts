/**
 * `azure-msi fix`: apply the fix recipes across a repository, as a reviewable change. A short
 * pipeline of steps over one shared context (context.ts), each step a module of this folder:
 *
 *   start      check the options and the git state (a dirty tree stops here)      start.ts
 *   find       every file with findings, read once as bytes                        find.ts
 *   plan       per finding: fixed (new file text) or not (why, manual path);       plan.ts, plan/
 *              @azure/identity in package.json
 *   iac        identity and role assignments in Bicep / Terraform, or --emit-iac   iac.ts, iac/
 *   diff       the unified diff of every change, secrets masked                    diff.ts, diff/
 *   write      atomic writes checked for concurrent edits (not on --dry-run)       write.ts, write/
 *   azure      what to do in Azure: role assignments for the services touched     azure.ts, azure/
 *   report     the FixResult (rendered as text or JSON by report/render.ts)        report.ts, report/
 *
 * Safety: only files the scanner walks (given paths, .gitignore); a file that does not parse before
 * or after, holds conflict markers or is not UTF-8 is left alone; writes are atomic; refuses a dirty
 * git tree unless allowDirty. See docs/fix.md for what each kind of file gets.
 */
import type { FixOptions, FixResult } from "./context.js";
import { planAzure } from "./azure.js";
import { renderDiff } from "./diff.js";
import { findFiles } from "./find.js";
import { planInfrastructure } from "./iac.js";
import { planFixes } from "./plan.js";
import { buildResult } from "./report.js";
import { start } from "./start.js";
import { writeChanges } from "./write.js";

export async function applyFixes(options: FixOptions): Promise<FixResult> {
  const ctx = start(options);
  await findFiles(ctx);
  planFixes(ctx);
  planInfrastructure(ctx);
  renderDiff(ctx);
  writeChanges(ctx);
  planAzure(ctx);
  return buildResult(ctx);
}

export { FixError } from "./context.js";
export type { DependencyNote, FileStatus, FixFile, FixFinding, FixOptions, FixResult } from "./context.js";
export { addDependencyText } from "./plan/dependency.js";
