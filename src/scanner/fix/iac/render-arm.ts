/**
 * ARM templates (JSON): the plan of a template as minimal text edits: an `identity` member on the
 * app, one `Microsoft.Authorization/roleAssignments` resource per role and target appended to
 * `resources` (`guid(...)` name, `scope`, `dependsOn`), Cosmos DB `sqlRoleAssignments`, key
 * switches under `properties`, identity-based `siteConfig.appSettings`. Only templates whose
 * `resources` is an array (not languageVersion 2.0 symbolic names) are edited. The result must be
 * valid JSON.
 */
import type { TextEdit } from "../../../core/types.js";
import { applyEdits } from "../../../core/fixes/edits.js";
import { eolAt, indentAt, indentUnit, parseJsonText, type JsonMember, type JsonNode } from "../../../core/fixes/config/json-text.js";
import type { IacResource } from "./discover.js";
import type { FormatHooks, IdentityState, ModulePlan, Principal } from "./plan.js";
import { ARM_COSMOS_SQL_ROLE_ASSIGNMENT, ARM_ROLE_ASSIGNMENT, ARM_USER_IDENTITY } from "./resources.js";
import { COSMOS_ROLE_ASSIGNMENT_API, ROLE_ASSIGNMENT_API } from "./render-bicep.js";
import type { IacChange } from "./text.js";

type JsonObject = Extract<JsonNode, { kind: "object" }>;

const node = (r: IacResource): JsonObject => r.node as JsonObject;
/** ARM member names are case-insensitive. */
const get = (n: JsonNode | undefined, key: string): JsonMember | undefined => (n?.kind === "object" ? n.members.find((m) => m.key.toLowerCase() === key.toLowerCase()) : undefined);
const str = (n: JsonNode | undefined): string | undefined => (n?.kind === "string" ? n.value : undefined);

/** The template-language expression of a resource's name: `parameters('x')` or `'literal'`. */
export function armNameExpr(r: IacResource): string {
  const name = str(get(node(r), "name")?.value) ?? "";
  return /^\[[^[].*\]$/s.test(name) ? name.slice(1, -1) : `'${name.replace(/'/g, "''")}'`;
}

const resourceIdExpr = (r: IacResource): string => `resourceId('${r.type}', ${armNameExpr(r)})`;
const apiOf = (r: IacResource): string => str(get(node(r), "apiVersion")?.value) ?? "";

export const armHooks: FormatHooks = {
  identityOf(r) {
    const id = get(node(r), "identity");
    if (!id) return "none";
    const type = str(get(id.value, "type")?.value);
    if (type === undefined || type.startsWith("[")) return "unknown";
    const v = type.replace(/\s+/g, "").toLowerCase();
    const state: IdentityState = v === "none" ? "none" : v.includes("systemassigned") ? (v.includes("userassigned") ? "both" : "system") : v === "userassigned" ? "user" : "unknown";
    return state;
  },
  userIdentitiesOf(module, r) {
    const ids = get(get(node(r), "identity")?.value, "userAssignedIdentities")?.value;
    if (ids?.kind !== "object") return [];
    const keys = ids.members.map((m) => m.key).join("\n");
    return module.resources.filter((x) => x.type.toLowerCase() === ARM_USER_IDENTITY && keys.includes(armNameExpr(x)));
  },
  federatedIdentities() {
    return [];
  },
  switchSet(module, r, type) {
    const [name, value] = type.armLocalAuth ?? [];
    const m = name ? get(get(node(r), "properties")?.value, name) : undefined;
    return m !== undefined && module.sources[0]!.text.slice(m.valueStart, m.valueEnd) === String(value);
  },
};

const principalExpr = (p: Principal): string =>
  p.kind === "system" ? `reference(${resourceIdExpr(p.resource)}, '${apiOf(p.resource)}', 'full').identity.principalId` : `reference(${resourceIdExpr(p.resource)}, '${apiOf(p.resource)}').principalId`;

/** `value` as JSON text indented under `indent` (first line not indented). */
function jsonAt(value: unknown, indent: string, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit).split("\n").join(`${eol}${indent}`);
}

/** Insert a member into a multi-line object (before `before` when it exists, else last). */
function insertMember(text: string, obj: JsonObject, key: string, value: unknown, before?: string): TextEdit | undefined {
  const unit = indentUnit(text);
  const eol = eolAt(text, obj.start);
  const first = obj.members[0];
  if (!first) {
    const ind = indentAt(text, obj.start);
    return { range: [obj.start, obj.end], text: `{${eol}${ind}${unit}${JSON.stringify(key)}: ${jsonAt(value, ind + unit, unit, eol)}${eol}${ind}}` };
  }
  if (!/\n[ \t]*$/.test(text.slice(0, first.keyStart))) return undefined; // one-line object
  const ind = indentAt(text, first.keyStart);
  const anchor = before ? get(obj, before) : undefined;
  const entry = `${JSON.stringify(key)}: ${jsonAt(value, ind, unit, eol)}`;
  if (anchor) return { range: [anchor.keyStart, anchor.keyStart], text: `${entry},${eol}${ind}` };
  const last = obj.members[obj.members.length - 1]!;
  return { range: [last.valueEnd, last.valueEnd], text: `,${eol}${ind}${entry}` };
}

const settingValue = (key: string, value: string, target: IacResource | undefined): string => {
  if (target) {
    const name = armNameExpr(target);
    if (/__accountName$/i.test(key)) return `[${name}]`;
    if (/__fullyQualifiedNamespace$/i.test(key)) return `[format('{0}.servicebus.windows.net', ${name})]`;
    const ep = /__(blob|queue|table)ServiceUri$/i.exec(key);
    if (ep) return `[reference(${resourceIdExpr(target)}, '${apiOf(target)}').primaryEndpoints.${ep[1]!.toLowerCase()}]`;
    if (/__accountEndpoint$/i.test(key)) return `[reference(${resourceIdExpr(target)}, '${apiOf(target)}').documentEndpoint]`;
  }
  return value.startsWith("[") ? `[${value}` : value;
};

/** One template being edited: its text, the edits so far, and what the report says. */
interface ArmEdit {
  readonly plan: ModulePlan;
  readonly file: string;
  readonly text: string;
  readonly root: JsonNode | undefined;
  readonly resources: Extract<JsonNode, { kind: "array" }>;
  readonly unit: string;
  readonly eol: string;
  readonly edits: TextEdit[];
  readonly changes: IacChange[];
  readonly notes: string[];
  readonly change: (c: Omit<IacChange, "file">) => void;
}

export function editArm(plan: ModulePlan): { text?: string; changes: IacChange[]; notes: string[] } {
  const src = plan.module.sources[0]!;
  const text = src.text;
  const root = parseJsonText(text);
  const resources = get(root, "resources")?.value;
  const changes: IacChange[] = [];
  const notes: string[] = [];
  if (resources?.kind !== "array") return { changes, notes: [`${src.file}: resources is not an array (languageVersion 2.0), the template is not edited; use --emit-iac bicep`] };
  const ctx: ArmEdit = {
    plan,
    file: src.file,
    text,
    root,
    resources,
    unit: indentUnit(text),
    eol: eolAt(text, 0),
    edits: [],
    changes,
    notes,
    change: (c) => {
      changes.push({ file: src.file, ...c });
    },
  };
  armIdentity(ctx);
  armRoleAssignments(ctx);
  armLocalAuth(ctx);
  armAppSettings(ctx);
  return armResult(ctx);
}

/** The `identity` member of the app: added, or made system-assigned next to the user-assigned one. */
function armIdentity(ctx: ArmEdit): void {
  const { plan, text, edits, change } = ctx;
  const compute = plan.compute;
  if (!compute || !plan.identity) return;
  if (plan.identity === "add") {
    const e = insertMember(text, node(compute), "identity", { type: "SystemAssigned" }, "properties");
    if (e) {
      edits.push(e);
      change({ kind: "identity", resource: compute.ref, detail: "system-assigned identity", status: "proposed" });
    } else ctx.notes.push(`${compute.ref} in ${ctx.file}: add "identity": { "type": "SystemAssigned" } by hand`);
  } else {
    const type = get(get(node(compute), "identity")!.value, "type")!;
    edits.push({ range: [type.valueStart, type.valueEnd], text: '"SystemAssigned, UserAssigned"' });
    change({ kind: "identity", resource: compute.ref, detail: "system-assigned identity next to the user-assigned one", status: "proposed" });
  }
}

/** One role assignment resource per grant not already in the template, appended to `resources`. */
function armRoleAssignments(ctx: ArmEdit): void {
  const { plan, text, resources, change } = ctx;
  if (!plan.principal) return;
  const added: unknown[] = [];
  const principal = plan.principal;
  for (const g of plan.grants) {
    const detail = `${g.role} (${g.roleId}) on ${g.target.ref} for ${principal.resource.ref}`;
    const targetName = armNameExpr(g.target);
    const principalName = armNameExpr(principal.resource);
    const present = resources.items.some((it) => {
      const type = str(get(it, "type")?.value)?.toLowerCase();
      if (type !== (g.cosmos ? ARM_COSMOS_SQL_ROLE_ASSIGNMENT : ARM_ROLE_ASSIGNMENT)) return false;
      const body = text.slice(it.start, it.end);
      return body.includes(g.roleId) && body.includes(targetName) && body.includes(principalName);
    });
    if (present) {
      change({ kind: "role-assignment", resource: g.target.ref, detail, status: "present", role: g.role, roleId: g.roleId });
      continue;
    }
    added.push(roleAssignmentResource(g, principal));
    change({ kind: "role-assignment", resource: g.target.ref, detail, status: "proposed", role: g.role, roleId: g.roleId });
  }
  if (added.length > 0) appendResources(ctx, added);
}

/** The ARM resource of one grant: a Cosmos DB SQL role assignment or an Azure RBAC one. */
function roleAssignmentResource(g: ModulePlan["grants"][number], principal: Principal): unknown {
  const targetName = armNameExpr(g.target);
  const targetId = resourceIdExpr(g.target);
  const principalId = resourceIdExpr(principal.resource);
  const guid = `guid(${targetId}, ${principalId}, '${g.roleId}')`;
  return g.cosmos
    ? {
        type: "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments",
        apiVersion: COSMOS_ROLE_ASSIGNMENT_API,
        name: `[format('{0}/{1}', ${targetName}, ${guid})]`,
        properties: { roleDefinitionId: `[format('{0}/sqlRoleDefinitions/{1}', ${targetId}, '${g.roleId}')]`, principalId: `[${principalExpr(principal)}]`, scope: `[${targetId}]` },
        dependsOn: [`[${targetId}]`, `[${principalId}]`],
      }
    : {
        type: "Microsoft.Authorization/roleAssignments",
        apiVersion: ROLE_ASSIGNMENT_API,
        scope: `[format('${g.target.type}/{0}', ${targetName})]`,
        name: `[${guid}]`,
        properties: {
          roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${g.roleId}')]`,
          principalId: `[${principalExpr(principal)}]`,
          principalType: "ServicePrincipal",
        },
        dependsOn: [`[${targetId}]`, `[${principalId}]`],
      };
}

/** Append resources after the last one (or fill an empty `resources`). */
function appendResources(ctx: ArmEdit, added: readonly unknown[]): void {
  const { text, resources, unit, eol } = ctx;
  const last = resources.items[resources.items.length - 1];
  if (last) {
    const ind = indentAt(text, last.start);
    ctx.edits.push({ range: [last.end, last.end], text: added.map((a) => `,${eol}${ind}${jsonAt(a, ind, unit, eol)}`).join("") });
  } else {
    const ind = indentAt(text, get(ctx.root, "resources")!.keyStart);
    ctx.edits.push({ range: [resources.start, resources.end], text: `[${eol}${added.map((a) => `${ind}${unit}${jsonAt(a, ind + unit, unit, eol)}`).join(`,${eol}`)}${eol}${ind}]` });
  }
}

/** The key switches (`disableLocalAuth` and the like) under each target's `properties`. */
function armLocalAuth(ctx: ArmEdit): void {
  const { plan, text, edits, change } = ctx;
  for (const { target, type } of plan.localAuth) {
    const [name, value] = type.armLocalAuth!;
    const detail = `${name}: ${value}`;
    const props = get(node(target), "properties");
    const existing = get(props?.value, name);
    if (existing) {
      if (text.slice(existing.valueStart, existing.valueEnd) === String(value)) change({ kind: "local-auth", resource: target.ref, detail, status: "present" });
      else {
        edits.push({ range: [existing.valueStart, existing.valueEnd], text: String(value) });
        change({ kind: "local-auth", resource: target.ref, detail, status: "proposed" });
      }
      continue;
    }
    const e = props ? (props.value.kind === "object" ? insertMember(text, props.value, name, value) : undefined) : insertMember(text, node(target), "properties", { [name]: value });
    if (e) {
      edits.push(e);
      change({ kind: "local-auth", resource: target.ref, detail, status: "proposed" });
    } else ctx.notes.push(`${target.ref} in ${ctx.file}: set ${name}: ${value} by hand`);
  }
}

/** Each moved setting of `siteConfig.appSettings` replaced by its identity-based settings. */
function armAppSettings(ctx: ArmEdit): void {
  const { plan, text, unit, eol, change } = ctx;
  const compute = plan.compute;
  if (!compute) return;
  const settings = get(get(get(node(compute), "properties")?.value, "siteConfig")?.value, "appSettings")?.value;
  const items = settings?.kind === "array" ? settings.items : [];
  for (const { move, target } of plan.settings) {
    if (move.added.length === 0) continue;
    const detail = `${move.name} -> ${move.added.map(([k]) => k).join(", ")}`;
    const old = items.find((it) => str(get(it, "name")?.value) === move.name);
    if (!old) {
      if (items.some((it) => str(get(it, "name")?.value) === move.added[0]![0])) change({ kind: "app-setting", resource: compute.ref, detail, status: "present" });
      continue;
    }
    const ind = indentAt(text, old.start);
    const multiline = text.slice(old.start, old.end).includes("\n");
    const item = ([k, v]: readonly [string, string]): string => {
      const value = settingValue(k, v, target);
      return multiline ? jsonAt({ name: k, value }, ind, unit, eol) : `{ "name": ${JSON.stringify(k)}, "value": ${JSON.stringify(value)} }`;
    };
    ctx.edits.push({ range: [old.start, old.end], text: move.added.map(item).join(`,${eol}${ind}`) });
    change({ kind: "app-setting", resource: compute.ref, detail, status: "proposed" });
  }
}

/** The edited text, when the edits apply and the result is still a JSON object. */
function armResult(ctx: ArmEdit): { text?: string; changes: IacChange[]; notes: string[] } {
  const { changes, notes, text, edits } = ctx;
  if (edits.length === 0) return { changes, notes };
  let out: string;
  try {
    out = applyEdits(text, edits);
  } catch {
    return { changes: [], notes: [`${ctx.file}: the edits overlap, nothing was changed`] };
  }
  if (parseJsonText(out)?.kind !== "object") return { changes: [], notes: [`${ctx.file}: the edited template would not be valid JSON, nothing was changed`] };
  return { text: out, changes, notes };
}
