/**
 * Step 3 of `azure-msi fix`: infrastructure code. From the Azure steps of every planned fix and
 * the Functions settings moved, the Bicep / Terraform of the repository gets the app's identity,
 * its role assignments, key switches and app settings, or --emit-iac writes them as one module
 * (src/scanner/fix/iac/). Its new texts join the diff and the atomic writes (ctx.infra); a secret
 * that an infrastructure edit removed from a file found (a Functions app's storage key) is fixed.
 */
import { azureSteps } from "./azure/assignments.js";
import { FixError, occurrenceKey, type FixContext } from "./context.js";
import { findingsOf } from "./find.js";
import { iacStep, IacUsageError, type IacResult } from "./iac/index.js";

export function planInfrastructure(ctx: FixContext): void {
  const { options } = ctx;
  let iac: IacResult;
  try {
    iac = iacStep({
      cwd: options.cwd,
      paths: options.paths,
      steps: azureSteps(ctx.files.flatMap((w) => w.touched)),
      moves: ctx.moves,
      userAssigned: options.clientId !== undefined,
      disableLocalAuth: options.disableLocalAuth === true,
      ...(options.emitIac ? { emit: options.emitIac } : {}),
      allowDirty: options.allowDirty === true,
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (error) {
    if (error instanceof IacUsageError) throw new FixError(error.message);
    throw error;
  }
  ctx.warnings.push(...iac.warnings);
  ctx.iac = iac.report;
  ctx.infra = [...iac.changed];
  ctx.infraSecrets = iac.secrets;
  markRemovedSecrets(ctx, iac);
}

/** A secret the infrastructure edits removed (a Functions app's storage key) is fixed too. */
function markRemovedSecrets(ctx: FixContext, iac: IacResult): void {
  for (const c of iac.changed) {
    const w = ctx.files.find((x) => x.file === c.file);
    if (!w) continue;
    const left = new Set(findingsOf(c.text, c.file, ctx.options.allow).map((f) => f.secret));
    for (const f of w.initial) {
      if (left.has(f.secret) || w.fixed.has(occurrenceKey(f))) continue;
      w.fixed.set(occurrenceKey(f), "removed by the infrastructure edits: the app uses its managed identity instead");
      w.notFixed.delete(occurrenceKey(f));
    }
  }
}
