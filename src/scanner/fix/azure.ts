/**
 * Step 6 of `azure-msi fix`: what to do in Azure. Once the code stops sending keys, the app's
 * identity needs access: for every service whose fix reached the disk (or would, on --dry-run),
 * the role assignments and grants (azure/assignments.ts), merged over all files. (The same grants
 * in Bicep / Terraform are the iac step's, before the diff: they are file edits.)
 */
import type { ServiceId } from "../../core/types.js";
import { azureSteps, type TouchedService } from "./azure/assignments.js";
import type { FixContext } from "./context.js";

export function planAzure(ctx: FixContext): void {
  const touched = touchedServices(ctx);
  // Services whose recipes have no Azure-side step still show (entra-id: say what to grant).
  ctx.azure = azureSteps(touched);
}

/** The services the written fixes touched, keyed by service and host-storage use and roles. */
function touchedServices(ctx: FixContext): TouchedService[] {
  // The Functions host account needs other roles than a blob client's.
  const touched = new Map<string, { service: ServiceId; resources: Set<string>; hostStorage: boolean; roles?: readonly string[] }>();
  for (const w of ctx.files) {
    if (ctx.failed.has(w.file)) continue;
    for (const t of w.touched) {
      const id = `${t.service}|${t.hostStorage === true}|${(t.roles ?? []).join(",")}`;
      const cur = touched.get(id) ?? { service: t.service, resources: new Set<string>(), hostStorage: t.hostStorage === true, ...(t.roles ? { roles: t.roles } : {}) };
      for (const r of t.resources) cur.resources.add(r);
      touched.set(id, cur);
    }
  }
  return [...touched.values()];
}
