/**
 * Terraform (azurerm): the plan of a module (a folder of .tf files) as minimal text edits: an
 * `identity` block on the app, one `azurerm_role_assignment` per role and target (role id from the
 * catalog), `azurerm_cosmosdb_sql_role_assignment` for Cosmos DB, key switches, identity-based
 * app settings; and the standalone module of --emit-iac. Edits keep `terraform fmt` alignment:
 * new attributes go in their own group, a renamed attribute or map key realigns its group.
 */
import type { TextEdit } from "../../../core/types.js";
import { applyEdits } from "../../../core/fixes/edits.js";
import type { IacModule, IacResource } from "./discover.js";
import { attr, blocks, readHcl, readHclObject, type HclAttribute, type HclBlock } from "./hcl-reader.js";
import type { FormatHooks, Grant, IdentityState, ModulePlan, Principal } from "./plan.js";
import { TF_COSMOS_SQL_ROLE_ASSIGNMENT, TF_FEDERATED_CREDENTIAL, TF_ROLE_ASSIGNMENT, TF_USER_IDENTITY } from "./resources.js";
import { eolOf, indentUnitOf, lineIndent, lineStart, snake, startsLine, unique, type IacChange } from "./text.js";

const node = (r: IacResource): HclBlock => r.node as HclBlock;
const words = (text: string): Set<string> => new Set(text.match(/[A-Za-z_][\w.-]*/g) ?? []);

/** Every `resource`/`data` block of the module with its file. */
function allBlocks(module: IacModule): Array<{ file: string; block: HclBlock }> {
  const out: Array<{ file: string; block: HclBlock }> = [];
  for (const [file, f] of module.hcl!) for (const b of f.blocks) out.push({ file, block: b });
  return out;
}

/** `azurerm_user_assigned_identity.x` references in a text. */
const identityRefs = (text: string): Set<string> => new Set([...text.matchAll(/\bazurerm_user_assigned_identity\.([A-Za-z_][\w-]*)\b/g)].map((m) => `${TF_USER_IDENTITY}.${m[1]}`));

export const terraformHooks: FormatHooks = {
  switchSet(_module, r, type) {
    const [name, value] = type.tfLocalAuth ?? [];
    if (!name) return false;
    const a = attr(node(r), name) ?? (name === "rbac_authorization_enabled" ? attr(node(r), "enable_rbac_authorization") : undefined);
    return a?.value.trim() === String(value);
  },
  identityOf(r) {
    const id = blocks(node(r), "identity")[0];
    if (!id) return "none";
    const m = /^"([A-Za-z ,]*)"$/.exec(attr(id, "type")?.value ?? "");
    if (!m) return "unknown";
    const v = m[1]!.replace(/\s+/g, "").toLowerCase();
    const state: IdentityState = v.includes("systemassigned") ? (v.includes("userassigned") ? "both" : "system") : v === "userassigned" ? "user" : "unknown";
    return state;
  },
  userIdentitiesOf(module, r) {
    const id = blocks(node(r), "identity")[0];
    const ids = id ? identityRefs(attr(id, "identity_ids")?.value ?? "") : new Set<string>();
    return module.resources.filter((x) => ids.has(x.ref));
  },
  federatedIdentities(module) {
    const parents = new Set<string>();
    for (const { block } of allBlocks(module)) {
      if (block.type !== "resource" || block.labels[0] !== TF_FEDERATED_CREDENTIAL) continue;
      for (const a of ["parent_id", "user_assigned_identity_id"]) for (const ref of identityRefs(attr(block, a)?.value ?? "")) parents.add(ref);
    }
    return module.resources.filter((x) => parents.has(x.ref));
  },
};

export const tfPrincipal = (p: Principal): string => (p.kind === "system" ? `${p.resource.ref}.identity[0].principal_id` : `${p.resource.ref}.principal_id`);

/** Attribute lines with `=` aligned as terraform fmt does. */
export function alignedAttrs(pairs: ReadonlyArray<readonly [string, string]>, indent: string, eol: string): string {
  const w = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${indent}${k.padEnd(w)} = ${v}`).join(eol);
}

const roleDefinitionId = (scopeExpr: string, roleId: string): string => `"/subscriptions/\${split("/", ${scopeExpr})[2]}/providers/Microsoft.Authorization/roleDefinitions/${roleId}"`;

/** A role assignment resource block. `scope` is an expression for the target's id. */
export function tfGrant(name: string, g: { role: string; roleId: string; cosmos: boolean }, scope: string, cosmosParts: { rg: string; account: string } | undefined, principalId: string, unit: string, eol: string, comment: string): string {
  const pairs: Array<[string, string]> = g.cosmos
    ? [
        ["resource_group_name", cosmosParts!.rg],
        ["account_name", cosmosParts!.account],
        ["role_definition_id", `"\${${scope}}/sqlRoleDefinitions/${g.roleId}"`],
        ["principal_id", principalId],
        ["scope", scope],
      ]
    : [
        ["scope", scope],
        ["role_definition_id", roleDefinitionId(scope, g.roleId)],
        ["principal_id", principalId],
        ["principal_type", '"ServicePrincipal"'],
      ];
  return [`# ${comment}`, `resource "${g.cosmos ? TF_COSMOS_SQL_ROLE_ASSIGNMENT : TF_ROLE_ASSIGNMENT}" "${name}" {`, alignedAttrs(pairs, unit, eol), "}"].join(eol);
}

function hasGrant(module: IacModule, g: Grant, principal: Principal): boolean {
  for (const { block } of allBlocks(module)) {
    if (block.type !== "resource" || block.labels[0] !== (g.cosmos ? TF_COSMOS_SQL_ROLE_ASSIGNMENT : TF_ROLE_ASSIGNMENT)) continue;
    const role = `${attr(block, "role_definition_id")?.value ?? ""} ${attr(block, "role_definition_name")?.value ?? ""}`;
    const named = role.includes(g.roleId) || role.includes(`"${g.role}"`);
    const scope = `${attr(block, "scope")?.value ?? ""} ${attr(block, "account_name")?.value ?? ""}`;
    const scoped = [...words(scope)].some((w) => w === `${g.target.ref}.id` || w === `${g.target.ref}.name`);
    const principalText = attr(block, "principal_id")?.value ?? "";
    if (named && scoped && principalText.includes(principal.resource.ref)) return true;
  }
  return false;
}

/** Insert lines at the end of a block written over several lines, as their own group (blank line before). */
function appendToBody(text: string, b: HclBlock, lines: (indent: string) => string, eol: string, unit: string): TextEdit | undefined {
  if (!startsLine(text, b.bodyEnd) || !text.slice(b.bodyStart, b.bodyEnd).includes("\n")) return undefined;
  const first = b.items[0];
  const ind = first ? lineIndent(text, first.start) : lineIndent(text, b.start) + unit;
  const at = lineStart(text, b.bodyEnd);
  const blank = b.items.length > 0 ? eol : "";
  return { range: [at, at], text: `${blank}${lines(ind)}${eol}` };
}

/** Edits that realign the `=` of the group (consecutive one-line attributes) holding `target`, with `target` renamed to `newName`. */
function renameInGroup(text: string, b: HclBlock, target: HclAttribute, newName: string, newValue: string): TextEdit[] {
  const items = b.items;
  const idx = items.indexOf(target);
  const oneLine = (it: (typeof items)[number] | undefined): it is HclAttribute => it?.kind === "attribute" && !text.slice(it.start, it.valueEnd).includes("\n");
  const adjacent = (a: HclAttribute, c: HclAttribute): boolean => /^[ \t]*\r?\n[ \t]*$/.test(text.slice(a.valueEnd, c.start));
  let lo = idx;
  let hi = idx;
  while (oneLine(items[lo - 1]) && adjacent(items[lo - 1] as HclAttribute, items[lo] as HclAttribute)) lo--;
  while (oneLine(items[hi + 1]) && adjacent(items[hi] as HclAttribute, items[hi + 1] as HclAttribute)) hi++;
  const group = items.slice(lo, hi + 1) as HclAttribute[];
  const w = Math.max(...group.map((a) => (a === target ? newName : a.name).length));
  return group.map((a) => {
    const name = a === target ? newName : a.name;
    const eq = text.indexOf("=", a.start + a.name.length);
    return a === target ? { range: [a.start, a.valueEnd] as const, text: `${name.padEnd(w)} = ${newValue}` } : { range: [a.start + a.name.length, eq + 1] as const, text: `${" ".repeat(w - a.name.length)} =` };
  });
}

const tfString = (s: string): string => JSON.stringify(s).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");

function tfSettingValue(key: string, value: string, target: IacResource | undefined): string {
  const t = target?.ref;
  if (t) {
    if (/__accountName$/i.test(key)) return `${t}.name`;
    const ep = /__(blob|queue|table)ServiceUri$/i.exec(key);
    if (ep) return `${t}.primary_${ep[1]!.toLowerCase()}_endpoint`;
    if (/__fullyQualifiedNamespace$/i.test(key)) return `"\${${t}.name}.servicebus.windows.net"`;
    if (/__accountEndpoint$/i.test(key)) return `${t}.endpoint`;
  }
  return tfString(value);
}

/** One module being edited: its edits per file so far, and what the report says. */
interface TfEdit {
  readonly plan: ModulePlan;
  readonly module: ModulePlan["module"];
  readonly edits: Map<string, TextEdit[]>;
  readonly changes: IacChange[];
  readonly notes: string[];
  readonly textOf: (file: string) => string;
  readonly add: (file: string, e: TextEdit | readonly TextEdit[]) => void;
}

type TfResult = { texts: Map<string, string>; changes: IacChange[]; notes: string[] };

export function editTerraform(plan: ModulePlan): TfResult {
  const module = plan.module;
  const edits = new Map<string, TextEdit[]>();
  const ctx: TfEdit = {
    plan,
    module,
    edits,
    changes: [],
    notes: [],
    textOf: (file) => module.sources.find((s) => s.file === file)!.text,
    add: (file, e) => {
      edits.set(file, [...(edits.get(file) ?? []), ...(Array.isArray(e) ? e : [e as TextEdit])]);
    },
  };
  tfIdentity(ctx);
  tfRoleAssignments(ctx);
  tfLocalAuth(ctx);
  tfAppSettings(ctx);
  return tfResult(ctx);
}

/** The `identity` block of the app: added, or made system-assigned next to the user-assigned one. */
function tfIdentity(ctx: TfEdit): void {
  const { plan, changes } = ctx;
  const compute = plan.compute;
  if (!compute || !plan.identity) return;
  const text = ctx.textOf(compute.file);
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const b = node(compute);
  if (plan.identity === "add") {
    const e = appendToBody(text, b, (ind) => `${ind}identity {${eol}${ind}${unit}type = "SystemAssigned"${eol}${ind}}`, eol, unit);
    if (e) {
      ctx.add(compute.file, e);
      changes.push({ file: compute.file, kind: "identity", resource: compute.ref, detail: "system-assigned identity", status: "proposed" });
    } else ctx.notes.push(`${compute.ref} in ${compute.file}: add identity { type = "SystemAssigned" } by hand (one-line block)`);
  } else {
    const type = attr(blocks(b, "identity")[0]!, "type")!;
    ctx.add(compute.file, { range: [type.valueStart, type.valueEnd], text: '"SystemAssigned, UserAssigned"' });
    changes.push({ file: compute.file, kind: "identity", resource: compute.ref, detail: "system-assigned identity next to the user-assigned one", status: "proposed" });
  }
}

/** One role assignment resource per grant not already in the module, appended to the app's file. */
function tfRoleAssignments(ctx: TfEdit): void {
  const { plan, module, changes } = ctx;
  const compute = plan.compute;
  if (!plan.principal || !compute) return;
  const file = compute.file;
  const text = ctx.textOf(file);
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const taken = new Set(allBlocks(module).map(({ block }) => block.labels.join(".")));
  const out: string[] = [];
  for (const g of plan.grants) {
    const detail = `${g.role} (${g.roleId}) on ${g.target.ref} for ${plan.principal.resource.ref}`;
    if (hasGrant(module, g, plan.principal)) {
      changes.push({ file: g.target.file, kind: "role-assignment", resource: g.target.ref, detail, status: "present", role: g.role, roleId: g.roleId });
      continue;
    }
    const type = g.cosmos ? TF_COSMOS_SQL_ROLE_ASSIGNMENT : TF_ROLE_ASSIGNMENT;
    const base = `${node(g.target).labels[1]!.replace(/-/g, "_")}_${snake(g.role.replace(/^(?:Azure|Cosmos DB Built-in)\s+/, ""))}`;
    const name = unique(base, (n) => taken.has(`${type}.${n}`));
    taken.add(`${type}.${name}`);
    const t = g.target.ref;
    out.push(tfGrant(name, g, `${t}.id`, g.cosmos ? { rg: `${t}.resource_group_name`, account: `${t}.name` } : undefined, tfPrincipal(plan.principal), unit, eol, `${g.role} for ${plan.principal.resource.ref} (added by azure-msi fix)`));
    changes.push({ file, kind: "role-assignment", resource: g.target.ref, detail, status: "proposed", role: g.role, roleId: g.roleId });
  }
  if (out.length > 0) {
    const trimmed = text.replace(/[ \t\r\n]*$/, "");
    ctx.add(file, { range: [trimmed.length, text.length], text: `${trimmed.length > 0 ? `${eol}${eol}` : ""}${out.join(`${eol}${eol}`)}${eol}` });
  }
}

/** The key switches (`shared_access_key_enabled = false` and the like) of each target. */
function tfLocalAuth(ctx: TfEdit): void {
  const { changes } = ctx;
  for (const { target, type } of ctx.plan.localAuth) {
    const b = node(target);
    // Key Vault: azurerm 3.x spells the switch enable_rbac_authorization.
    const name = type.tfLocalAuth![0] === "rbac_authorization_enabled" && attr(b, "enable_rbac_authorization") ? "enable_rbac_authorization" : type.tfLocalAuth![0];
    const value = type.tfLocalAuth![1];
    const text = ctx.textOf(target.file);
    const detail = `${name} = ${value}`;
    const a = attr(b, name);
    if (a) {
      if (a.value.trim() === String(value)) changes.push({ file: target.file, kind: "local-auth", resource: target.ref, detail, status: "present" });
      else {
        ctx.add(target.file, { range: [a.valueStart, a.valueEnd], text: String(value) });
        changes.push({ file: target.file, kind: "local-auth", resource: target.ref, detail, status: "proposed" });
      }
      continue;
    }
    const e = appendToBody(text, b, (ind) => `${ind}${name} = ${value}`, eolOf(text), indentUnitOf(text));
    if (e) {
      ctx.add(target.file, e);
      changes.push({ file: target.file, kind: "local-auth", resource: target.ref, detail, status: "proposed" });
    } else ctx.notes.push(`${target.ref} in ${target.file}: set ${name} = ${value} by hand`);
  }
}

type SettingMove = ModulePlan["settings"][number];

/** Each moved app setting: the Functions storage switch, or the `app_settings` map written again. */
function tfAppSettings(ctx: TfEdit): void {
  const compute = ctx.plan.compute;
  if (!compute) return;
  for (const m of ctx.plan.settings) {
    if (m.move.added.length === 0) continue;
    if (m.move.name === "AzureWebJobsStorage" && compute.functions) tfFunctionsStorage(ctx, compute);
    else tfAppSettingsMap(ctx, compute, m);
  }
}

/** `AzureWebJobsStorage` of a Function App: `storage_account_access_key` becomes `storage_uses_managed_identity = true`. */
function tfFunctionsStorage(ctx: TfEdit, compute: IacResource): void {
  const text = ctx.textOf(compute.file);
  const b = node(compute);
  const key = attr(b, "storage_account_access_key");
  if (key) {
    ctx.add(compute.file, renameInGroup(text, b, key, "storage_uses_managed_identity", "true"));
    ctx.changes.push({ file: compute.file, kind: "app-setting", resource: compute.ref, detail: "storage_account_access_key -> storage_uses_managed_identity = true", status: "proposed" });
  } else if (attr(b, "storage_uses_managed_identity")?.value.trim() === "true") {
    ctx.changes.push({ file: compute.file, kind: "app-setting", resource: compute.ref, detail: "storage_uses_managed_identity = true", status: "present" });
  }
}

/** One moved setting of the `app_settings` map: the map written again, aligned, the moved entry replaced. */
function tfAppSettingsMap(ctx: TfEdit, compute: IacResource, { move, target }: SettingMove): void {
  const text = ctx.textOf(compute.file);
  const eol = eolOf(text);
  const b = node(compute);
  const detail = `${move.name} -> ${move.added.map(([k]) => k).join(", ")}`;
  const settings = attr(b, "app_settings");
  if (!settings || !settings.value.startsWith("{")) return;
  const entries = readHclObject(text, settings.valueStart, settings.valueEnd);
  const old = entries?.find((e) => e.key === move.name);
  if (!entries || !old) {
    if (entries?.some((e) => e.key === move.added[0]![0])) ctx.changes.push({ file: compute.file, kind: "app-setting", resource: compute.ref, detail, status: "present" });
    return;
  }
  const body = text.slice(settings.valueStart, settings.valueEnd);
  if (/#|\/\/|\/\*/.test(body.replace(/"(?:[^"\\]|\\.)*"/g, '""')) || entries.some((e) => text.slice(e.keyStart, e.valueEnd).includes("\n")) || !body.includes("\n")) {
    ctx.notes.push(`${compute.ref} in ${compute.file}: app_settings has comments or multi-line values; set ${move.added.map(([k]) => k).join(", ")} in place of ${move.name} by hand`);
    return;
  }
  // The map is written again, aligned, with the same entries in the same order.
  const keyText = (e: (typeof entries)[number]): string => text.slice(e.keyStart, e.keyEnd);
  const pairs: Array<[string, string]> = [];
  for (const e of entries) {
    if (e === old) for (const [k, v] of move.added) pairs.push([tfString(k), tfSettingValue(k, v, target)]);
    else pairs.push([keyText(e), text.slice(e.valueStart, e.valueEnd)]);
  }
  const ind = lineIndent(text, entries[0]!.keyStart);
  const close = lineIndent(text, settings.valueEnd - 1);
  ctx.add(compute.file, { range: [settings.valueStart, settings.valueEnd], text: `{${eol}${alignedAttrs(pairs, ind, eol)}${eol}${close}}` });
  ctx.changes.push({ file: compute.file, kind: "app-setting", resource: compute.ref, detail, status: "proposed" });
}

/** The edited texts, when every file's edits apply and the result still parses. */
function tfResult(ctx: TfEdit): TfResult {
  const texts = new Map<string, string>();
  for (const [file, es] of ctx.edits) {
    let out: string;
    try {
      out = applyEdits(ctx.textOf(file), es);
    } catch {
      return { texts: new Map(), changes: [], notes: [`${ctx.module.id}: the edits overlap, nothing was changed`] };
    }
    const back = readHcl(out);
    if ("error" in back) return { texts: new Map(), changes: [], notes: [`${file}: the edited file would not parse (${back.error}), nothing was changed`] };
    texts.set(file, out);
  }
  return { texts, changes: ctx.changes, notes: ctx.notes };
}

export interface TfEmitTarget {
  readonly displayName: string;
  /** Variable base name, e.g. "storage_account". */
  readonly variable: string;
  readonly grants: ReadonlyArray<{ role: string; roleId: string; cosmos: boolean }>;
}

/** A standalone module: `principal_id` and one `<target>_id` variable per target, one assignment per role. */
export function emitTerraformModule(targets: readonly TfEmitTarget[]): string {
  const eol = "\n";
  const unit = "  ";
  const out: string[] = [
    "# Role assignments for the app's managed identity, written by `azure-msi fix --emit-iac terraform`.",
    '# Use it as a module: module "app_roles" { source = "./<folder>" principal_id = ... }',
    "",
    'variable "principal_id" {',
    alignedAttrs(
      [
        ["description", tfString("Object (principal) id of the app's managed identity")],
        ["type", "string"],
      ],
      unit,
      eol,
    ),
    "}",
    "",
  ];
  for (const t of targets) {
    out.push(
      `variable "${t.variable}_id" {`,
      alignedAttrs(
        [
          ["description", tfString(`Resource id of the ${t.displayName} resource the app uses`)],
          ["type", "string"],
        ],
        unit,
        eol,
      ),
      "}",
      "",
    );
  }
  const taken = new Set<string>();
  for (const t of targets) {
    for (const g of t.grants) {
      const name = unique(`${t.variable}_${snake(g.role.replace(/^(?:Azure|Cosmos DB Built-in)\s+/, ""))}`, (n) => taken.has(n));
      taken.add(name);
      const v = `var.${t.variable}_id`;
      out.push(tfGrant(name, g, v, g.cosmos ? { rg: `split("/", ${v})[4]`, account: `split("/", ${v})[8]` } : undefined, "var.principal_id", unit, eol, g.role), "");
    }
  }
  return out.join(eol);
}

