/**
 * Bicep: the plan of a module as minimal text edits of its file (identity on the app, one
 * `Microsoft.Authorization/roleAssignments` resource per role and target with a `guid(...)` name,
 * Cosmos DB `sqlRoleAssignments`, key switches, identity-based app settings), and the standalone
 * module of --emit-iac. What the file already has is reported as present and not added again.
 */
import type { TextEdit } from "../../../core/types.js";
import { applyEdits } from "../../../core/fixes/edits.js";
import { prop, propPath, readBicep, type BicepFile, type BicepNode, type BicepResource } from "./bicep-reader.js";
import type { IacResource } from "./discover.js";
import type { FormatHooks, Grant, IdentityState, ModulePlan, Principal } from "./plan.js";
import { ARM_COSMOS_SQL_ROLE_ASSIGNMENT, ARM_FEDERATED_CREDENTIAL, ARM_ROLE_ASSIGNMENT, ARM_USER_IDENTITY } from "./resources.js";
import { appendBlock, eolOf, indentUnitOf, lineIndent, lineStart, pascal, startsLine, unique, type IacChange } from "./text.js";

export const ROLE_ASSIGNMENT_API = "2022-04-01";
export const COSMOS_ROLE_ASSIGNMENT_API = "2024-05-15";

const node = (r: IacResource): BicepResource => r.node as BicepResource;
const words = (text: string): Set<string> => new Set(text.match(/[A-Za-z_]\w*/g) ?? []);

export const bicepHooks: FormatHooks = {
  switchSet(_module, r, type) {
    const [name, value] = type.armLocalAuth ?? [];
    const p = name ? propPath(node(r).body, "properties", name) : undefined;
    return p?.value.kind === "expr" && p.value.text === String(value);
  },
  identityOf(r) {
    const id = prop(node(r).body, "identity");
    if (!id) return "none";
    const type = prop(id.value, "type");
    if (type?.value.kind !== "string" || type.value.value === undefined) return "unknown";
    const v = type.value.value.replace(/\s+/g, "").toLowerCase();
    const state: IdentityState = v === "none" ? "none" : v.includes("systemassigned") ? (v.includes("userassigned") ? "both" : "system") : v === "userassigned" ? "user" : "unknown";
    return state;
  },
  userIdentitiesOf(module, r) {
    const id = prop(node(r).body, "identity");
    if (!id) return [];
    const text = module.sources[0]!.text.slice(id.value.start, id.value.end);
    const used = words(text);
    return module.resources.filter((x) => x.type.toLowerCase() === ARM_USER_IDENTITY && used.has(x.ref));
  },
  federatedIdentities(module) {
    const text = module.sources[0]!.text;
    const parents = new Set<string>();
    for (const r of module.resources) {
      if (r.type.toLowerCase() !== ARM_FEDERATED_CREDENTIAL) continue;
      const p = prop(node(r).body, "parent");
      if (p?.value.kind === "expr") parents.add(p.value.text);
    }
    // Child resources declared inside the identity's body count too.
    for (const r of module.resources) {
      if (r.type.toLowerCase() !== ARM_USER_IDENTITY) continue;
      const body = node(r).body;
      if (body && /'(?:Microsoft\.ManagedIdentity\/userAssignedIdentities\/)?federatedIdentityCredentials@/i.test(text.slice(body.start, body.end))) parents.add(r.ref);
    }
    return module.resources.filter((r) => r.type.toLowerCase() === ARM_USER_IDENTITY && parents.has(r.ref));
  },
};

/** The principal id expression. */
export const bicepPrincipal = (p: Principal): string => (p.kind === "system" ? `${p.resource.ref}.identity.principalId` : `${p.resource.ref}.properties.principalId`);

/** A role assignment resource declaration (Azure RBAC or Cosmos DB data plane). */
export function bicepGrant(symbol: string, g: { role: string; roleId: string; cosmos: boolean }, target: string, principalRes: string, principalId: string, unit: string, eol: string, comment: string): string {
  const i1 = unit;
  const i2 = unit + unit;
  const lines = g.cosmos
    ? [
        `// ${comment}`,
        `resource ${symbol} '${"Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"}@${COSMOS_ROLE_ASSIGNMENT_API}' = {`,
        `${i1}parent: ${target}`,
        `${i1}name: guid(${target}.id, ${principalRes}.id, '${g.roleId}')`,
        `${i1}properties: {`,
        `${i2}roleDefinitionId: '\${${target}.id}/sqlRoleDefinitions/${g.roleId}'`,
        `${i2}principalId: ${principalId}`,
        `${i2}scope: ${target}.id`,
        `${i1}}`,
        `}`,
      ]
    : [
        `// ${comment}`,
        `resource ${symbol} 'Microsoft.Authorization/roleAssignments@${ROLE_ASSIGNMENT_API}' = {`,
        `${i1}name: guid(${target}.id, ${principalRes}.id, '${g.roleId}')`,
        `${i1}scope: ${target}`,
        `${i1}properties: {`,
        `${i2}roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${g.roleId}')`,
        `${i2}principalId: ${principalId}`,
        `${i2}principalType: 'ServicePrincipal'`,
        `${i1}}`,
        `}`,
      ];
  return lines.join(eol);
}

/** Whether the file already grants `g` to the principal (a role assignment naming the role id, the target and the principal). */
function hasGrant(file: BicepFile, text: string, g: Grant, principal: Principal): boolean {
  for (const r of file.resources) {
    const type = r.type.toLowerCase();
    if (type !== (g.cosmos ? ARM_COSMOS_SQL_ROLE_ASSIGNMENT : ARM_ROLE_ASSIGNMENT) && !(g.cosmos && type === "sqlroleassignments")) continue;
    const body = text.slice(r.start, r.end);
    const w = words(body);
    const named = body.includes(g.roleId) || [...w].some((x) => file.literals.get(x)?.includes(g.roleId));
    const scoped = g.cosmos ? w.has(g.target.ref) || r.start > node(g.target).start && r.end <= node(g.target).end : prop(r.body, "scope")?.value.kind === "expr" && (prop(r.body, "scope")!.value as { text: string }).text === g.target.ref;
    if (named && scoped && w.has(principal.resource.ref)) return true;
  }
  return false;
}

/** Insert `propText` (one or more lines, first without indent) as a new property of an object node written over several lines. */
function insertProp(text: string, obj: Extract<BicepNode, { kind: "object" }>, propText: (indent: string) => string, eol: string, unit: string, before?: string): TextEdit | undefined {
  const anchor = before ? obj.props.find((p) => p.key.toLowerCase() === before.toLowerCase()) : undefined;
  const first = obj.props[0];
  if (first && !startsLine(text, first.keyStart)) return undefined; // one-line object: not edited
  if (anchor) {
    const ind = lineIndent(text, anchor.keyStart);
    const at = lineStart(text, anchor.keyStart);
    return { range: [at, at], text: `${ind}${propText(ind)}${eol}` };
  }
  const last = obj.props[obj.props.length - 1];
  if (last) {
    const ind = lineIndent(text, last.keyStart);
    return { range: [last.value.end, last.value.end], text: `${eol}${ind}${propText(ind)}` };
  }
  const ind = lineIndent(text, obj.start);
  return { range: [obj.start, obj.end], text: `{${eol}${ind}${unit}${propText(ind + unit)}${eol}${ind}}` };
}

const bicepString = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\$\{/g, "\\${")}'`;

/** Bicep value of an identity-based setting: from the target's properties when it is declared here. */
function settingValue(key: string, value: string, target: IacResource | undefined): string {
  const t = target?.ref;
  if (t) {
    if (/__accountName$/i.test(key)) return `${t}.name`;
    const ep = /__(blob|queue|table)ServiceUri$/i.exec(key);
    if (ep) return `${t}.properties.primaryEndpoints.${ep[1]!.toLowerCase()}`;
    if (/__fullyQualifiedNamespace$/i.test(key)) return `'\${${t}.name}.servicebus.windows.net'`;
    if (/__accountEndpoint$/i.test(key)) return `${t}.properties.documentEndpoint`;
  }
  return bicepString(value);
}

/** One Bicep file being edited: its text, the edits so far, and what the report says. */
interface BicepEdit {
  readonly plan: ModulePlan;
  readonly src: ModulePlan["module"]["sources"][number];
  readonly text: string;
  readonly file: BicepFile;
  readonly eol: string;
  readonly unit: string;
  readonly edits: TextEdit[];
  readonly changes: IacChange[];
  readonly notes: string[];
  readonly change: (c: Omit<IacChange, "file">) => void;
}

type BicepResult = { text?: string; changes: IacChange[]; notes: string[] };

export function editBicep(plan: ModulePlan): BicepResult {
  const src = plan.module.sources[0]!;
  const text = src.text;
  const changes: IacChange[] = [];
  const ctx: BicepEdit = {
    plan,
    src,
    text,
    file: plan.module.bicep!.get(src.file)!,
    eol: eolOf(text),
    unit: indentUnitOf(text),
    edits: [],
    changes,
    notes: [],
    change: (c) => {
      changes.push({ file: src.file, ...c });
    },
  };
  bicepIdentity(ctx);
  bicepRoleAssignments(ctx);
  bicepLocalAuth(ctx);
  bicepAppSettings(ctx);
  return bicepResult(ctx);
}

/** The `identity` of the app: added, or made system-assigned next to the user-assigned one. */
function bicepIdentity(ctx: BicepEdit): void {
  const { plan, text, eol, unit, edits, change } = ctx;
  const compute = plan.compute;
  if (!compute || !plan.identity) return;
  const body = node(compute).body!;
  if (plan.identity === "add") {
    const e = insertProp(text, body, (ind) => `identity: {${eol}${ind}${unit}type: 'SystemAssigned'${eol}${ind}}`, eol, unit, "properties");
    if (e) {
      edits.push(e);
      change({ kind: "identity", resource: compute.ref, detail: "system-assigned identity", status: "proposed" });
    } else ctx.notes.push(`${compute.ref} in ${ctx.src.file}: add identity: { type: 'SystemAssigned' } by hand (one-line object)`);
  } else {
    const type = propPath(body, "identity", "type")!;
    edits.push({ range: [type.value.start, type.value.end], text: "'SystemAssigned, UserAssigned'" });
    change({ kind: "identity", resource: compute.ref, detail: "system-assigned identity next to the user-assigned one", status: "proposed" });
  }
}

/** One role assignment resource per grant not already in the file, appended at its end. */
function bicepRoleAssignments(ctx: BicepEdit): void {
  const { plan, text, file, eol, unit, change } = ctx;
  if (!plan.principal) return;
  const blocks: string[] = [];
  const taken = new Set(file.symbols);
  for (const g of plan.grants) {
    const detail = `${g.role} (${g.roleId}) on ${g.target.ref} for ${plan.principal.resource.ref}`;
    if (hasGrant(file, text, g, plan.principal)) {
      change({ kind: "role-assignment", resource: g.target.ref, detail, status: "present", role: g.role, roleId: g.roleId });
      continue;
    }
    const symbol = unique(`${g.target.ref}${pascal(g.role.replace(/^(?:Azure|Storage|Cosmos DB Built-in)\s+/, ""))}`, (s) => taken.has(s));
    taken.add(symbol);
    blocks.push(bicepGrant(symbol, g, g.target.ref, plan.principal.resource.ref, bicepPrincipal(plan.principal), unit, eol, `${g.role} for ${plan.principal.resource.ref} (added by azure-msi fix)`));
    change({ kind: "role-assignment", resource: g.target.ref, detail, status: "proposed", role: g.role, roleId: g.roleId });
  }
  if (blocks.length > 0) ctx.edits.push(appendBlock(text, blocks.join(`${eol}${eol}`), eol));
}

/** The key switches (`disableLocalAuth` and the like) under each target's `properties`. */
function bicepLocalAuth(ctx: BicepEdit): void {
  const { plan, text, eol, unit, edits, change } = ctx;
  for (const { target, type } of plan.localAuth) {
    const [name, value] = type.armLocalAuth!;
    const body = node(target).body!;
    const props = prop(body, "properties");
    const detail = `${name}: ${value}`;
    const existing = props ? prop(props.value, name) : undefined;
    if (existing) {
      if (existing.value.kind === "expr" && existing.value.text === String(value)) change({ kind: "local-auth", resource: target.ref, detail, status: "present" });
      else {
        edits.push({ range: [existing.value.start, existing.value.end], text: String(value) });
        change({ kind: "local-auth", resource: target.ref, detail, status: "proposed" });
      }
      continue;
    }
    const e =
      props && props.value.kind === "object"
        ? insertProp(text, props.value, () => `${name}: ${value}`, eol, unit)
        : props
          ? undefined
          : insertProp(text, body, (ind) => `properties: {${eol}${ind}${unit}${name}: ${value}${eol}${ind}}`, eol, unit);
    if (e) {
      edits.push(e);
      change({ kind: "local-auth", resource: target.ref, detail, status: "proposed" });
    } else ctx.notes.push(`${target.ref} in ${ctx.src.file}: set ${name}: ${value} by hand`);
  }
}

/** Each moved setting: in a `sites/config` 'appsettings' resource, or in `siteConfig.appSettings`. */
function bicepAppSettings(ctx: BicepEdit): void {
  const { plan, text, file, eol, edits, change } = ctx;
  const compute = plan.compute;
  if (!compute) return;
  const settings = propPath(node(compute).body, "properties", "siteConfig", "appSettings");
  const items = settings?.value.kind === "array" ? settings.value.items : [];
  const nameOf = (it: BicepNode): string | undefined => {
    const n = prop(it, "name");
    return n?.value.kind === "string" ? n.value.value : undefined;
  };
  for (const { move, target } of plan.settings) {
    if (move.added.length === 0) continue;
    const old = items.find((it) => nameOf(it) === move.name);
    const detail = `${move.name} -> ${move.added.map(([k]) => k).join(", ")}`;
    // A `Microsoft.Web/sites/config` 'appsettings' resource of the app: one property per setting.
    const configProp = old ? undefined : appSettingsConfig(file, compute).map((o) => prop(o, move.name)).find(Boolean);
    if (configProp && startsLine(text, configProp.keyStart)) {
      const ind = lineIndent(text, configProp.keyStart);
      const key = (k: string): string => (/^[A-Za-z_]\w*$/.test(k) ? k : bicepString(k));
      edits.push({ range: [configProp.keyStart, configProp.value.end], text: move.added.map(([k, v]) => `${key(k)}: ${settingValue(k, v, target)}`).join(`${eol}${ind}`) });
      change({ kind: "app-setting", resource: compute.ref, detail, status: "proposed" });
      continue;
    }
    if (!old || old.kind !== "object") {
      const present = items.some((it) => nameOf(it) === move.added[0]![0]) || appSettingsConfig(file, compute).some((o) => prop(o, move.added[0]![0]));
      if (present) change({ kind: "app-setting", resource: compute.ref, detail, status: "present" });
      continue;
    }
    const multiline = old.props[0] !== undefined && startsLine(text, old.props[0].keyStart);
    const ind = lineIndent(text, old.start);
    const pind = multiline ? lineIndent(text, old.props[0]!.keyStart) : "";
    const item = ([k, v]: readonly [string, string]): string =>
      multiline ? `{${eol}${pind}name: ${bicepString(k)}${eol}${pind}value: ${settingValue(k, v, target)}${eol}${ind}}` : `{ name: ${bicepString(k)}, value: ${settingValue(k, v, target)} }`;
    edits.push({ range: [old.start, old.end], text: move.added.map(item).join(`${eol}${ind}`) });
    change({ kind: "app-setting", resource: compute.ref, detail, status: "proposed" });
  }
}

/** The edited text, when the edits apply and the result still parses. */
function bicepResult(ctx: BicepEdit): BicepResult {
  const { text, edits, changes, notes, src } = ctx;
  if (edits.length === 0) return { changes, notes };
  let out: string;
  try {
    out = applyEdits(text, edits);
  } catch {
    return { changes: [], notes: [`${src.file}: the edits overlap, nothing was changed`] };
  }
  // The result must read back, with the new resources in it.
  const back = readBicep(out);
  if ("error" in back) return { changes: [], notes: [`${src.file}: the edited file would not parse (${back.error}), nothing was changed`] };
  return { text: out, changes, notes };
}

/** The `properties` objects of the app's `Microsoft.Web/sites/config` resources named 'appsettings' (with `parent:` or nested). */
function appSettingsConfig(file: BicepFile, compute: IacResource): Array<Extract<BicepNode, { kind: "object" }>> {
  const site = node(compute);
  const out: Array<Extract<BicepNode, { kind: "object" }>> = [];
  for (const r of file.resources) {
    const type = r.type.toLowerCase();
    const nested = r.start > site.start && r.end <= site.end && type === "config";
    const parent = prop(r.body, "parent");
    const child = type === "microsoft.web/sites/config" && parent?.value.kind === "expr" && parent.value.text === compute.ref;
    const name = prop(r.body, "name");
    if (!(nested || child) || name?.value.kind !== "string" || name.value.value?.toLowerCase() !== "appsettings") continue;
    const props = prop(r.body, "properties");
    if (props?.value.kind === "object") out.push(props.value);
  }
  return out;
}

/** Symbol names safe in Bicep, from a resource name. */
const bicepSymbol = (s: string): string => {
  const p = pascal(s);
  return p ? p[0]!.toLowerCase() + p.slice(1) : "resource";
};

export interface EmitTarget {
  readonly service: string;
  readonly displayName: string;
  readonly armType: string;
  readonly apiVersion: string;
  /** Parameter base name, e.g. "storageAccount". */
  readonly param: string;
  readonly grants: ReadonlyArray<{ role: string; roleId: string; cosmos: boolean }>;
}

/**
 * A standalone module: `principalId` and one `<target>Id` parameter per target resource, the
 * targets as `existing` resources (deploy the module to the targets' resource group), one role
 * assignment per role.
 */
export function emitBicepModule(targets: readonly EmitTarget[]): string {
  const eol = "\n";
  const unit = "  ";
  const out: string[] = [
    "// Role assignments for the app's managed identity, written by `azure-msi fix --emit-iac bicep`.",
    "// Deploy to the resource group of the target resources, e.g.",
    "//   az deployment group create -g <resource-group> -f <this file> -p principalId=<principal-id> ...",
    "",
    "@description('Object (principal) id of the app\\'s managed identity')",
    "param principalId string",
    "",
  ];
  for (const t of targets) out.push(`@description('Resource id of the ${t.displayName} resource the app uses')`, `param ${t.param}Id string`, "");
  const taken = new Set<string>(["principalId", ...targets.map((t) => `${t.param}Id`)]);
  for (const t of targets) {
    const sym = unique(bicepSymbol(t.param), (s) => taken.has(s));
    taken.add(sym);
    out.push(`resource ${sym} '${t.armType}@${t.apiVersion}' existing = {`, `${unit}name: last(split(${t.param}Id, '/'))`, "}", "");
    for (const g of t.grants) {
      const s = unique(`${sym}${pascal(g.role.replace(/^(?:Azure|Storage|Cosmos DB Built-in)\s+/, ""))}`, (x) => taken.has(x));
      taken.add(s);
      out.push(bicepGrant(s, g, sym, sym, "principalId", unit, eol, g.role).replace(`guid(${sym}.id, ${sym}.id, `, `guid(${sym}.id, principalId, `), "");
    }
  }
  return out.join(eol);
}
