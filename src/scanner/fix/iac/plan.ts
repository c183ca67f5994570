/**
 * What to change in the infrastructure code, format-neutral: for each module (Bicep file,
 * Terraform folder, ARM template), the compute resource that runs the app, whose identity gets the
 * roles (system-assigned unless a user-assigned identity was asked for), one grant per role and
 * target resource (role ids from the catalog), the key switches (with --disable-local-auth) and
 * the Functions settings that became identity-based. Ambiguity is never guessed: several
 * candidate apps or accounts give a note, not an edit.
 */
import { getService } from "../../../core/catalog/index.js";
import type { ServiceId } from "../../../core/types.js";
import type { IacModule, IacResource } from "./discover.js";
import { targetOf, type TargetType } from "./resources.js";

/** One "what to do in Azure" step, as the fix decided it (service, catalog role names, resource names seen). */
export interface IacStepInput {
  readonly service: ServiceId;
  readonly roles: readonly string[];
  readonly resources: readonly string[];
  readonly hostStorage?: boolean;
}

/** A Functions setting moved to identity-based settings in local.settings.json. */
export interface SettingMove {
  readonly name: string;
  readonly service: ServiceId;
  /** New settings (name, value); empty when an identity-based form already existed. */
  readonly added: ReadonlyArray<readonly [string, string]>;
}

export interface PlanOptions {
  /** The code uses a user-assigned identity (--client-id). */
  readonly userAssigned: boolean;
  readonly disableLocalAuth: boolean;
}

export type Principal = { readonly kind: "system"; readonly resource: IacResource } | { readonly kind: "user"; readonly resource: IacResource };

export interface Grant {
  readonly service: ServiceId;
  readonly role: string;
  /** Built-in role definition GUID (catalog). */
  readonly roleId: string;
  /** Cosmos DB data-plane role (sqlRoleAssignments), not Azure RBAC. */
  readonly cosmos: boolean;
  readonly target: IacResource;
}

export interface ModulePlan {
  readonly module: IacModule;
  readonly compute?: IacResource;
  readonly principal?: Principal;
  /** Identity to add on the compute: a new system-assigned one, or SystemAssigned next to UserAssigned. */
  readonly identity?: "add" | "add-system";
  readonly grants: readonly Grant[];
  readonly localAuth: ReadonlyArray<{ readonly target: IacResource; readonly type: TargetType }>;
  readonly settings: ReadonlyArray<{ readonly move: SettingMove; readonly target?: IacResource }>;
  readonly notes: readonly string[];
}

/** The catalog GUID of a role of a service (undefined when the catalog has none). */
export function roleIdOf(service: ServiceId, role: string): string | undefined {
  return getService(service).roles.find((r) => r.name === role)?.id;
}

const describe = (r: IacResource): string => `${r.ref} (${r.file})`;

/** The target resource of a step in a module, or why there is none. */
function pickTarget(module: IacModule, step: IacStepInput, type: TargetType): IacResource | { none: string } | undefined {
  const candidates = module.resources.filter((r) => r.target?.service === type.service);
  if (candidates.length === 0) return undefined;
  const names = step.resources.map((n) => n.toLowerCase());
  if (names.length > 0) {
    const byName = candidates.filter((c) => c.literalName !== undefined && names.includes(c.literalName.toLowerCase()));
    if (byName.length === 1) return byName[0]!;
    if (byName.length === 0 && candidates.every((c) => c.literalName !== undefined)) {
      return { none: `${getService(type.service).displayName}: the app uses ${step.resources.join(", ")}, which ${module.id} does not declare (it declares ${candidates.map((c) => c.literalName).join(", ")})` };
    }
  }
  const unnamed = names.length > 0 ? candidates.filter((c) => c.literalName === undefined) : candidates;
  if (unnamed.length === 1) return unnamed[0]!;
  return { none: `${getService(type.service).displayName}: ${module.id} declares ${candidates.length} candidates (${candidates.map((c) => c.ref).join(", ")}); grant the role on the one the app uses by hand or with --emit-iac` };
}

/** Whether the compute resource's identity includes SystemAssigned, UserAssigned, nothing, or cannot be told. */
export type IdentityState = "none" | "system" | "user" | "both" | "unknown";

export interface FormatHooks {
  identityOf(r: IacResource): IdentityState;
  /** User-assigned identities the compute resource references. */
  userIdentitiesOf(module: IacModule, r: IacResource): IacResource[];
  /** User-assigned identities with a federated credential (AKS workload identity). */
  federatedIdentities(module: IacModule): IacResource[];
  /** The key switch of a target is already set (e.g. a Key Vault on the RBAC permission model). */
  switchSet(module: IacModule, r: IacResource, type: TargetType): boolean;
}

type StepTarget = { step: IacStepInput; type: TargetType; target: IacResource };

export function planModule(module: IacModule, steps: readonly IacStepInput[], moves: readonly SettingMove[], options: PlanOptions, hooks: FormatHooks): ModulePlan {
  const notes: string[] = [];
  const functionsTouched = steps.some((s) => s.hostStorage) || moves.length > 0;
  let computes = module.resources.filter((r) => r.compute && !r.existing);
  if (functionsTouched && computes.filter((c) => c.functions).length >= 1) computes = computes.filter((c) => c.functions);
  const targets = stepTargets(module, steps, notes);
  const localAuth = localAuthOf(targets, options, notes);
  const base = { module, localAuth, notes };
  if (computes.length === 0) {
    if (targets.length > 0) notes.push(`${module.id} declares ${targets.map((t) => t.target.ref).join(", ")} but not the app that uses ${targets.length === 1 ? "it" : "them"}: grant the roles with --emit-iac or the az commands`);
    return { ...base, grants: [], settings: [] };
  }
  if (computes.length > 1) {
    if (targets.length > 0) notes.push(`${module.id} declares ${computes.length} apps (${computes.map((c) => c.ref).join(", ")}): which one runs the fixed code is not known, so no role assignment is proposed; use --emit-iac and pass the app's principal id`);
    return { ...base, grants: [], settings: [] };
  }
  const compute = computes[0]!;
  const { principal, identity } = principalOf(module, compute, options, hooks, notes);
  const grants = grantsOf(module, targets, principal, options, hooks, notes);
  // Functions settings go to a Functions app only.
  const settings = compute.functions ? moves.map((move) => ({ move, ...targetFor(targets, move) })) : [];
  const missing = steps.filter((s) => targetOf(s.service) && !targets.some((t) => t.step === s)).map((s) => getService(s.service).displayName);
  if (missing.length > 0) notes.push(`${module.id} does not declare the ${[...new Set(missing)].join(", ")} resource${missing.length === 1 ? "" : "s"} the code uses: grant ${describe(compute)} those roles with the az commands or --emit-iac`);
  if (identity && grants.length === 0 && settings.length === 0) {
    // An identity nothing is granted to: leave the app as it is, say what it lacks.
    notes.push(`${describe(compute)} has no ${identity === "add" ? "managed identity" : "system-assigned identity"}; add one if it is the app that runs the fixed code`);
    return { ...base, compute, grants, settings };
  }
  return { ...base, compute, ...(principal ? { principal } : {}), ...(identity ? { identity } : {}), grants, settings };
}

/** Targets per step (also without a compute: the key switches need only the target). */
function stepTargets(module: IacModule, steps: readonly IacStepInput[], notes: string[]): StepTarget[] {
  const targets: StepTarget[] = [];
  for (const step of steps) {
    const type = targetOf(step.service);
    if (!type) continue;
    const t = pickTarget(module, step, type);
    if (t === undefined) continue;
    if ("none" in t) {
      notes.push(t.none);
      continue;
    }
    targets.push({ step, type, target: t });
  }
  return targets;
}

/** The targets whose key switch is turned off (--disable-local-auth), once each; not the Functions host storage. */
function localAuthOf(targets: readonly StepTarget[], options: PlanOptions, notes: string[]): Array<{ target: IacResource; type: TargetType }> {
  const localAuth: Array<{ target: IacResource; type: TargetType }> = [];
  if (!options.disableLocalAuth) return localAuth;
  for (const t of targets) {
    if (t.target.existing || !t.type.armLocalAuth || localAuth.some((l) => l.target === t.target)) continue;
    if (targets.some((x) => x.target === t.target && x.step.hostStorage)) {
      // Consumption and Elastic Premium plans mount the content share with the key.
      notes.push(`${t.target.ref} is the Functions host storage account: shared keys are left on (the content share of Consumption and Elastic Premium plans, WEBSITE_CONTENTAZUREFILECONNECTIONSTRING, needs them)`);
      continue;
    }
    localAuth.push({ target: t.target, type: t.type });
  }
  return localAuth;
}

/** Who gets the roles (AKS workload identity, the user-assigned identity, or the app's own), and the identity to add. */
function principalOf(module: IacModule, compute: IacResource, options: PlanOptions, hooks: FormatHooks, notes: string[]): { principal?: Principal; identity?: ModulePlan["identity"] } {
  if (compute.compute!.kind === "aks") {
    const fed = hooks.federatedIdentities(module);
    if (fed.length === 1) return { principal: { kind: "user", resource: fed[0]! } };
    notes.push(`${describe(compute)} is an AKS cluster: the pods need workload identity (a user-assigned identity with a federated credential for the app's service account); ${fed.length === 0 ? "none is declared" : `${fed.length} are declared`}, so no role assignment is proposed`);
    return {};
  }
  if (options.userAssigned) {
    const ids = hooks.userIdentitiesOf(module, compute);
    if (ids.length === 1) return { principal: { kind: "user", resource: ids[0]! } };
    notes.push(`the code uses a user-assigned identity (--client-id) but ${describe(compute)} references ${ids.length === 0 ? "no user-assigned identity declared here" : "several"}: grant the roles to that identity by hand or with --emit-iac`);
    return {};
  }
  let identity: ModulePlan["identity"];
  const state = hooks.identityOf(compute);
  if (state === "unknown") notes.push(`the identity type of ${describe(compute)} is an expression: make sure it includes SystemAssigned`);
  if (state === "none") identity = "add";
  if (state === "user") identity = "add-system";
  return { principal: { kind: "system", resource: compute }, identity };
}

/** One grant per role of each step on its target (once per role id and target), with the notes about them. */
function grantsOf(module: IacModule, targets: readonly StepTarget[], principal: Principal | undefined, options: PlanOptions, hooks: FormatHooks, notes: string[]): Grant[] {
  const grants: Grant[] = [];
  for (const t of targets) {
    if (t.step.service === "key-vault" && !options.disableLocalAuth && !hooks.switchSet(module, t.target, t.type)) notes.push(`${describe(t.target)}: role assignments take effect only on a vault with the RBAC permission model (enableRbacAuthorization / rbac_authorization_enabled; --disable-local-auth sets it, which ends its access policies)`);
  }
  if (principal && targets.some((t) => t.step.service === "service-bus" || t.step.service === "event-hubs")) notes.push("Service Bus / Event Hubs: both the Sender and the Receiver role are proposed; keep the one the app needs");
  if (!principal) return grants;
  for (const { step, type, target } of targets) {
    for (const role of step.roles) {
      const roleId = roleIdOf(step.service, role);
      if (!roleId) {
        notes.push(`${role}: the catalog has no role id, grant it by hand`);
        continue;
      }
      if (grants.some((g) => g.roleId === roleId && g.target === target)) continue;
      grants.push({ service: step.service, role, roleId, cosmos: type.cosmos === true, target });
    }
  }
  return grants;
}

function targetFor(targets: ReadonlyArray<{ type: TargetType; target: IacResource }>, move: SettingMove): { target?: IacResource } {
  const hits = targets.filter((t) => t.type.service === move.service);
  return hits.length === 1 ? { target: hits[0]!.target } : {};
}
