/**
 * --emit-iac bicep|terraform <file>: when the infrastructure is not in the repository, one
 * standalone module with a parameter for the principal id and one per target resource id, and one
 * role assignment per role the fix's steps name (role ids from the catalog).
 */
import { getService } from "../../../core/catalog/index.js";
import type { ServiceId } from "../../../core/types.js";
import { roleIdOf, type IacStepInput } from "./plan.js";
import { emitBicepModule, type EmitTarget } from "./render-bicep.js";
import { emitTerraformModule } from "./render-terraform.js";
import { targetOf } from "./resources.js";
import { snake } from "./text.js";

export type EmitFormat = "bicep" | "terraform";

/** Parameter base names per service (camelCase; Terraform variables are the snake_case form). */
const PARAM: Partial<Record<ServiceId, string>> = {
  storage: "storageAccount",
  "service-bus": "serviceBusNamespace",
  "event-hubs": "eventHubsNamespace",
  "cosmos-db": "cosmosAccount",
  "key-vault": "keyVault",
  "app-configuration": "appConfiguration",
  search: "searchService",
  "ai-services": "aiServicesAccount",
  "event-grid": "eventGridTopic",
  signalr: "signalR",
  "web-pubsub": "webPubSub",
  "iot-hub": "iotHub",
  maps: "mapsAccount",
  "container-registry": "containerRegistry",
  "application-insights": "applicationInsights",
  "communication-services": "communicationServices",
  relay: "relayNamespace",
  batch: "batchAccount",
};

/** Targets of the steps: one per service and set of resource names (the Functions host account and a blob client's account may differ). */
export function emitTargets(steps: readonly IacStepInput[]): { targets: EmitTarget[]; notes: string[] } {
  const notes: string[] = [];
  const byKey = new Map<string, { service: ServiceId; resources: string; grants: Array<{ role: string; roleId: string; cosmos: boolean }> }>();
  for (const s of steps) {
    const type = targetOf(s.service);
    if (!type) continue;
    const names = s.resources.filter((r) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(r)).sort();
    const key = `${s.service}|${names.join(",")}`;
    const cur = byKey.get(key) ?? { service: s.service, resources: names.join(", "), grants: [] };
    for (const role of s.roles) {
      const roleId = roleIdOf(s.service, role);
      if (!roleId) {
        notes.push(`${role}: the catalog has no role id, grant it by hand`);
        continue;
      }
      if (!cur.grants.some((g) => g.roleId === roleId)) cur.grants.push({ role, roleId, cosmos: type.cosmos === true });
    }
    byKey.set(key, cur);
  }
  // Merge entries of one service whose names do not conflict (a named and an unnamed one).
  const targets: EmitTarget[] = [];
  const count = new Map<ServiceId, number>();
  for (const t of byKey.values()) {
    if (t.grants.length === 0) continue;
    const type = targetOf(t.service)!;
    const n = (count.get(t.service) ?? 0) + 1;
    count.set(t.service, n);
    const base = PARAM[t.service] ?? t.service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    targets.push({
      service: t.service,
      displayName: `${getService(t.service).displayName}${t.resources ? ` (${t.resources})` : ""}`,
      armType: type.arm,
      apiVersion: type.api,
      param: n === 1 ? base : `${base}${n}`,
      grants: t.grants,
    });
  }
  return { targets, notes };
}

/** The module text (undefined when no step has an Azure RBAC or Cosmos DB role to grant). */
export function emitModule(format: EmitFormat, steps: readonly IacStepInput[]): { text?: string; notes: string[] } {
  const { targets, notes } = emitTargets(steps);
  if (targets.length === 0) return { notes: [...notes, "--emit-iac: no role to grant on a resource, so no module was written"] };
  const text = format === "bicep" ? emitBicepModule(targets) : emitTerraformModule(targets.map((t) => ({ displayName: t.displayName, variable: snake(t.param), grants: t.grants })));
  return { text: text.replace(/\n+$/, "\n"), notes };
}
