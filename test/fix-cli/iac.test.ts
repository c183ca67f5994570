/**
 * Infrastructure code of `azure-msi fix` (src/scanner/fix/iac/): the Bicep and Terraform readers,
 * the plan (identity, role assignments with catalog role ids, key switches, app settings), the
 * edits (minimal, idempotent, never on a file that does not parse) and the --emit-iac modules.
 *
 * Validation of what is written: every Bicep text is read back with our reader plus structural
 * checks, and goes through `bicep build` when a Bicep CLI is on PATH (skipped with a message
 * otherwise); every Terraform text is parsed by HashiCorp's HCL parser (@cdktf/hcl2json, the Go
 * hcl library as WebAssembly) and checked with `terraform fmt -check` when terraform is on PATH.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as hcl2json } from "@cdktf/hcl2json";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../src/core/catalog/index.js";
import type { ServiceId } from "../../src/core/types.js";
import { main } from "../../src/scanner/cli.js";
import { azureSteps } from "../../src/scanner/fix/azure/assignments.js";
import { readBicep } from "../../src/scanner/fix/iac/bicep-reader.js";
import { emitModule } from "../../src/scanner/fix/iac/emit.js";
import { readHcl } from "../../src/scanner/fix/iac/hcl-reader.js";
import { iacStep, type IacInput } from "../../src/scanner/fix/iac/index.js";
import { TARGETS } from "../../src/scanner/fix/iac/resources.js";
import { listFixCases, listTree, materializeTree } from "./helpers.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-iac-"));
  temps.push(dir);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const onPath = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, HOME: tmpdir() } }).status === 0;
const BICEP = onPath("bicep", ["--version"]);
const TERRAFORM = onPath("terraform", ["version"]);
if (!BICEP) console.log("iac tests: no Bicep CLI on PATH, `bicep build` checks skipped (the Bicep texts are read back by our reader and checked structurally)");
if (!TERRAFORM) console.log("iac tests: no terraform on PATH, `terraform fmt -check` checks skipped (the Terraform texts are parsed by @cdktf/hcl2json)");

/** `bicep build` of a text (only called when the CLI is there). */
function bicepBuild(text: string): { ok: boolean; out: string } {
  const dir = tree({ "main.bicep": text });
  const r = spawnSync("bicep", ["build", path.join(dir, "main.bicep"), "--stdout"], { encoding: "utf8" });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function terraformFmt(text: string): { ok: boolean; out: string } {
  const dir = tree({ "main.tf": text });
  const r = spawnSync("terraform", ["fmt", "-check", "-diff", path.join(dir, "main.tf")], { encoding: "utf8", env: { ...process.env, HOME: dir, TF_IN_AUTOMATION: "1" } });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

/** Every role GUID in a text, with the service whose catalog entry holds it. */
function roleGuids(text: string): string[] {
  return [...text.matchAll(/roleDefinitions\/([0-9a-f-]{36})|roleDefinitions', '([0-9a-f-]{36})'|sqlRoleDefinitions\/([0-9a-f-]{36})/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const catalogIds = (service: ServiceId): string[] => CATALOG[service].roles.map((r) => r.id).filter((x): x is string => x !== undefined);

/** Structural checks of every role assignment in a Bicep text. */
function checkBicepGrants(text: string): void {
  const parsed = readBicep(text);
  if ("error" in parsed) throw new Error(`Bicep does not read back: ${parsed.error}`);
  for (const r of parsed.resources.filter((x) => /roleAssignments$/i.test(x.type))) {
    const body = text.slice(r.start, r.end);
    expect(body, r.symbol).toMatch(/\n\s+name: guid\([^)]*'[0-9a-f-]{36}'\)\n/);
    if (/sqlRoleAssignments$/.test(r.type)) expect(body).toMatch(/\n\s+parent: \w+\n/);
    else {
      expect(body).toMatch(/\n\s+scope: \w+\n/);
      expect(body).toMatch(/principalType: 'ServicePrincipal'/);
    }
    expect(body).toMatch(/principalId: \S+/);
  }
}

async function cli(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main({ argv: ["fix", ...args], cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {} });
  return { code, stdout, stderr };
}

const STORAGE_STEP = azureSteps([{ service: "storage", resources: new Set(["contosoorders"]) }]);
const input = (cwd: string, extra: Partial<IacInput> = {}): IacInput => ({ cwd, steps: STORAGE_STEP, moves: [], userAssigned: false, disableLocalAuth: false, allowDirty: true, ...extra });

/** Run the step, write its texts, run it again: the second run proposes nothing. */
function applyTwice(dir: string, extra: Partial<IacInput> = {}): { first: ReturnType<typeof iacStep>; second: ReturnType<typeof iacStep> } {
  const first = iacStep(input(dir, extra));
  for (const c of first.changed) writeFileSync(path.join(dir, c.file), c.text);
  const second = iacStep(input(dir, extra));
  return { first, second };
}

const APP_BICEP = `param location string = resourceGroup().location

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosoorders'
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'orders'
  location: location
  properties: {
    httpsOnly: true
  }
}
`;

const APP_TF = `resource "azurerm_storage_account" "st" {
  name                     = "contosoorders"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = azurerm_resource_group.rg.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_linux_web_app" "app" {
  name                = "orders"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  service_plan_id     = azurerm_service_plan.plan.id

  site_config {}
}
`;

describe("Bicep reader", () => {
  it("reads resources with decorators, conditions, loops, child resources, comments and multi-line strings", () => {
    const text = `targetScope = 'resourceGroup'
@description('the name')
param name string = 'contosoorders'
@secure()
param key string
var tags = {
  env: 'prod' // comment }
}
/* block { comment */
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = if (true) {
  name: name
  location: 'westeurope'
  properties: {
    'quoted-key': '''
multi } line
'''
    list: [for i in range(0, 2): { x: i }]
  }
  resource blobs 'blobServices' = {
    name: 'default'
  }
}
resource many 'Microsoft.Web/sites@2023-12-01' = [for i in range(0, 2): {
  name: 'app\${i}'
}]
resource old 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv'
}
module m './m.bicep' = {
  name: 'm'
}
output o string = st.id
`;
    const r = readBicep(text);
    if ("error" in r) throw new Error(r.error);
    expect(r.resources.map((x) => [x.symbol, x.type, x.existing, x.loop, x.topLevel])).toEqual([
      ["blobs", "blobServices", false, false, false],
      ["st", "Microsoft.Storage/storageAccounts", false, false, true],
      ["many", "Microsoft.Web/sites", false, true, true],
      ["old", "Microsoft.KeyVault/vaults", true, false, true],
    ]);
    expect(r.literals.get("name")).toBe("contosoorders");
    expect([...r.symbols].sort()).toEqual(["blobs", "key", "m", "many", "name", "o", "old", "st", "tags"]);
  });

  it("refuses what it does not understand", () => {
    for (const bad of ["resource x 'a@1' = {\n  name: 'x'\n", "resource x 'a@1' = {\n  name 'x'\n}\n", "param p string = 'open\n", "what is this\n"]) {
      expect("error" in readBicep(bad), bad).toBe(true);
    }
  });
});

describe("HCL reader, checked against HashiCorp's parser", () => {
  const sample = `# comment
variable "name" {
  default = "contosoorders"
}

locals {
  tags = { env = "prod", "x-y" = 1 }
}

resource "azurerm_storage_account" "st" {
  name     = var.name // trailing
  location = "west\${"europe"}"
  /* block */
  network_rules {
    default_action = "Deny"
    ip_rules       = ["1.2.3.4",
      "5.6.7.8"]
  }
  custom = <<-EOT
    text with } and "quotes"
  EOT
}

data "azurerm_client_config" "current" {}
`;

  it("finds the same blocks and attributes as @cdktf/hcl2json", async () => {
    const ours = readHcl(sample);
    if ("error" in ours) throw new Error(ours.error);
    const theirs = (await hcl2json("main.tf", sample)) as Record<string, Record<string, Record<string, Array<Record<string, unknown>>>>>;
    const st = ours.blocks.find((b) => b.labels[1] === "st")!;
    expect(st.items.map((i) => (i.kind === "attribute" ? i.name : `${i.type}{}`))).toEqual(["name", "location", "network_rules{}", "custom"]);
    expect(Object.keys(theirs["resource"]!["azurerm_storage_account"]!["st"]![0]!).sort()).toEqual(["custom", "location", "name", "network_rules"]);
    expect(ours.blocks.map((b) => `${b.type}.${b.labels.join(".")}`)).toEqual(["variable.name", "locals.", "resource.azurerm_storage_account.st", "data.azurerm_client_config.current"]);
    expect(Object.keys(theirs["data"]!["azurerm_client_config"]!)).toEqual(["current"]);
  });

  it("refuses broken HCL, as HashiCorp's parser does", async () => {
    for (const bad of ['resource "a" "b" {\n  x = 1\n', 'resource "a" "b" {\n  x = "open\n}\n', "x = \n"]) {
      expect("error" in readHcl(bad), bad).toBe(true);
      await expect(hcl2json("bad.tf", bad)).rejects.toThrow();
    }
  });
});

describe("readers on arbitrary text", () => {
  // Syntax characters, so that strings, comments, heredocs, brackets and interpolations are hit.
  const piece = fc.constantFrom("resource ", "x ", "'a@1' ", "= ", "{", "}", "[", "]", "(", ")", "'", "'''", "${", "\\", "\n", "//", "/*", "*/", "#", '"', "<<EOF\n", "EOF\n", "<<-T\n", "  T\n", ": ", ",", "if (", "for ", "@d()", "param p string", "=", "\r\n", "%{", "$${", "x = 1\n");
  const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(""));

  it("the Bicep reader returns a result or an error, and its positions are inside the text", () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = readBicep(t);
        if ("error" in r) return;
        for (const x of r.resources) expect(x.start >= 0 && x.end <= t.length && x.start < x.end).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("every text HashiCorp's parser accepts, the HCL reader reads with the same blocks (expressions stay opaque)", async () => {
    const samples = fc.sample(text, { numRuns: 2000, seed: 14 });
    let valid = 0;
    for (const t of samples) {
      const r = readHcl(t);
      if (!("error" in r)) for (const b of r.blocks) expect(b.start >= 0 && b.end <= t.length && b.bodyStart <= b.bodyEnd).toBe(true);
      let theirs: Record<string, unknown>;
      try {
        theirs = (await hcl2json("f.tf", t)) as Record<string, unknown>;
      } catch {
        continue;
      }
      valid++;
      if ("error" in r) throw new Error(`HashiCorp's parser reads ${JSON.stringify(t)}, ours does not: ${r.error}`);
      for (const blk of r.blocks) expect(Object.keys(theirs), JSON.stringify(t)).toContain(blk.type);
    }
    expect(valid).toBeGreaterThan(20);
  });
});

describe("Bicep edits", () => {
  it("adds the identity and the role assignment, with the catalog's role id; a second run proposes nothing", () => {
    const dir = tree({ "infra/main.bicep": APP_BICEP });
    const { first, second } = applyTwice(dir);
    expect(first.changed.map((c) => c.file)).toEqual(["infra/main.bicep"]);
    expect(first.report.changes.map((c) => [c.kind, c.status])).toEqual([
      ["identity", "proposed"],
      ["role-assignment", "proposed"],
    ]);
    const out = first.changed[0]!.text;
    expect(out.startsWith(APP_BICEP.slice(0, APP_BICEP.indexOf("  properties: {\n    httpsOnly")))).toBe(true);
    expect(out).toContain("  identity: {\n    type: 'SystemAssigned'\n  }\n  properties: {\n    httpsOnly: true");
    expect(roleGuids(out)).toEqual(["ba92f5b4-2d11-453d-a403-e96b0029c9fe"]);
    for (const g of roleGuids(out)) expect(catalogIds("storage")).toContain(g);
    checkBicepGrants(out);
    if (BICEP) expect(bicepBuild(out).ok).toBe(true);
    expect(second.changed).toEqual([]);
    expect(second.report.changes.map((c) => [c.kind, c.status])).toEqual([["role-assignment", "present"]]);
  });

  it("--disable-local-auth sets the switch once", () => {
    const dir = tree({ "main.bicep": APP_BICEP });
    const { first, second } = applyTwice(dir, { disableLocalAuth: true });
    expect(first.changed[0]!.text).toContain("  kind: 'StorageV2'\n  properties: {\n    allowSharedKeyAccess: false\n  }\n}");
    expect(second.changed).toEqual([]);
    expect(second.report.changes.filter((c) => c.kind === "local-auth").map((c) => c.status)).toEqual(["present"]);
  });

  it("keeps CRLF line breaks", () => {
    const dir = tree({ "main.bicep": APP_BICEP.replace(/\n/g, "\r\n") });
    const r = iacStep(input(dir));
    expect(r.changed[0]!.text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("never edits a file it cannot parse, and says so", () => {
    const dir = tree({ "main.bicep": `${APP_BICEP}resource broken 'x@1' = {\n` });
    const r = iacStep(input(dir));
    expect(r.changed).toEqual([]);
    expect(r.report.unreadable.map((u) => u.file)).toEqual(["main.bicep"]);
  });

  it("proposes nothing when the target or the app is ambiguous", () => {
    const two = APP_BICEP.replace("name: 'contosoorders'", "name: storageName").replace("param location", "param storageName string\nparam location") + APP_BICEP.slice(APP_BICEP.indexOf("resource st")).replace("resource st", "resource st2").replace("resource app", "resource app2").replace("name: 'contosoorders'", "name: other").replace("name: 'orders'", "name: 'orders2'").replace(/^param.*$/m, "");
    const dir = tree({ "main.bicep": `param other string\n${two}` });
    const r = iacStep(input(dir));
    expect(r.changed).toEqual([]);
    expect(r.report.notes.join("\n")).toMatch(/candidates|apps/);
  });

  it("mirrors Functions settings into a Microsoft.Web/sites/config 'appsettings' resource", () => {
    const text = `resource bus 'Microsoft.ServiceBus/namespaces@2021-11-01' = {
  name: 'contoso-orders'
  location: 'westeurope'
}

resource func 'Microsoft.Web/sites@2023-12-01' = {
  name: 'orders-func'
  location: 'westeurope'
  kind: 'functionapp,linux'
}

resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: func
  name: 'appsettings'
  properties: {
    FUNCTIONS_WORKER_RUNTIME: 'node'
    ServiceBusConnection: listKeys(resourceId('Microsoft.ServiceBus/namespaces/authorizationRules', bus.name, 'RootManageSharedAccessKey'), '2021-11-01').primaryConnectionString
  }
}
`;
    const dir = tree({ "main.bicep": text });
    const steps = azureSteps([{ service: "service-bus", resources: new Set(["contoso-orders"]), roles: ["Azure Service Bus Data Receiver"] }]);
    const moves = [{ name: "ServiceBusConnection", service: "service-bus" as const, added: [["ServiceBusConnection__fullyQualifiedNamespace", "contoso-orders.servicebus.windows.net"]] as const }];
    const { first, second } = applyTwice(dir, { steps, moves });
    expect(first.changed[0]!.text).toContain("    FUNCTIONS_WORKER_RUNTIME: 'node'\n    ServiceBusConnection__fullyQualifiedNamespace: '${bus.name}.servicebus.windows.net'\n  }");
    expect(first.report.changes.map((c) => c.kind)).toEqual(["identity", "role-assignment", "app-setting"]);
    checkBicepGrants(first.changed[0]!.text);
    expect(second.changed).toEqual([]);
    expect(second.report.changes.map((c) => [c.kind, c.status])).toEqual([
      ["role-assignment", "present"],
      ["app-setting", "present"],
    ]);
  });

  it("grants the user-assigned identity the app references when the code uses one (--client-id)", () => {
    const text = `resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'orders-id'
  location: 'westeurope'
}
${APP_BICEP.replace("  properties: {\n    httpsOnly", `  identity: {\n    type: 'UserAssigned'\n    userAssignedIdentities: {\n      '\${id.id}': {}\n    }\n  }\n  properties: {\n    httpsOnly`)}`;
    const dir = tree({ "main.bicep": text });
    const r = iacStep(input(dir, { userAssigned: true }));
    expect(r.changed[0]!.text).toContain("principalId: id.properties.principalId");
    expect(r.report.changes.map((c) => c.kind)).toEqual(["role-assignment"]);
  });
});

describe("Terraform edits", () => {
  it("adds the identity block and azurerm_role_assignment; HashiCorp's parser and terraform fmt accept the result; a second run proposes nothing", async () => {
    const dir = tree({ "infra/main.tf": APP_TF });
    const { first, second } = applyTwice(dir, { disableLocalAuth: true });
    const out = first.changed[0]!.text;
    expect(out).toContain('\n  site_config {}\n\n  identity {\n    type = "SystemAssigned"\n  }\n}');
    expect(out).toContain('\n  account_replication_type = "LRS"\n\n  shared_access_key_enabled = false\n}');
    const json = (await hcl2json("main.tf", out)) as { resource: Record<string, Record<string, Array<Record<string, string>>>> };
    const ra = Object.values(json.resource["azurerm_role_assignment"]!)[0]![0]!;
    expect(ra["scope"]).toBe("${azurerm_storage_account.st.id}");
    expect(ra["principal_id"]).toBe("${azurerm_linux_web_app.app.identity[0].principal_id}");
    expect(roleGuids(out)).toEqual(["ba92f5b4-2d11-453d-a403-e96b0029c9fe"]);
    if (TERRAFORM) {
      const fmt = terraformFmt(out);
      expect(fmt.ok, fmt.out).toBe(true);
    }
    expect(second.changed).toEqual([]);
    expect(second.report.changes.every((c) => c.status === "present")).toBe(true);
  });

  it("mirrors identity-based Functions settings into app_settings and storage_uses_managed_identity", async () => {
    const tf = `resource "azurerm_storage_account" "func" {
  name                     = "contosofunc"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_servicebus_namespace" "bus" {
  name                = "contoso-orders"
  location            = "westeurope"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_linux_function_app" "func" {
  name                       = "orders-func"
  resource_group_name        = "rg"
  location                   = "westeurope"
  service_plan_id            = "plan"
  storage_account_name       = azurerm_storage_account.func.name
  storage_account_access_key = azurerm_storage_account.func.primary_access_key

  app_settings = {
    "FUNCTIONS_WORKER_RUNTIME" = "node"
    "ServiceBusConnection"     = azurerm_servicebus_namespace.bus.default_primary_connection_string
  }

  site_config {}
}
`;
    const dir = tree({ "main.tf": tf });
    const steps = azureSteps([
      { service: "storage", resources: new Set(["contosofunc"]), hostStorage: true, roles: ["Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor"] },
      { service: "service-bus", resources: new Set(["contoso-orders"]), roles: ["Azure Service Bus Data Receiver"] },
    ]);
    const moves = [
      { name: "AzureWebJobsStorage", service: "storage" as const, added: [["AzureWebJobsStorage__accountName", "contosofunc"]] as const },
      { name: "ServiceBusConnection", service: "service-bus" as const, added: [["ServiceBusConnection__fullyQualifiedNamespace", "contoso-orders.servicebus.windows.net"]] as const },
    ];
    const r = iacStep({ ...input(dir), steps, moves });
    const out = r.changed[0]!.text;
    expect(out).toContain("  storage_account_name          = azurerm_storage_account.func.name\n  storage_uses_managed_identity = true\n");
    expect(out).toContain('  app_settings = {\n    "FUNCTIONS_WORKER_RUNTIME"                      = "node"\n    "ServiceBusConnection__fullyQualifiedNamespace" = "${azurerm_servicebus_namespace.bus.name}.servicebus.windows.net"\n  }');
    expect(roleGuids(out).sort()).toEqual(["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"]);
    await hcl2json("main.tf", out);
    if (TERRAFORM) {
      const fmt = terraformFmt(out);
      expect(fmt.ok, fmt.out).toBe(true);
    }
  });

  it("leaves a module alone when one of its files does not parse", () => {
    const dir = tree({ "main.tf": APP_TF, "other.tf": 'resource "x" "y" {\n' });
    const r = iacStep(input(dir));
    expect(r.changed).toEqual([]);
    expect(r.report.unreadable.map((u) => u.file)).toEqual(["main.tf", "other.tf"]);
  });
});

describe("ARM template edits", () => {
  const template = (resources: unknown[]): string =>
    `${JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", contentVersion: "1.0.0.0", resources }, null, 2)}\n`;
  const arm = template([
    { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-05-01", name: "contosoorders", location: "westeurope", sku: { name: "Standard_LRS" }, kind: "StorageV2", properties: { minimumTlsVersion: "TLS1_2" } },
    { type: "Microsoft.Web/sites", apiVersion: "2023-12-01", name: "orders", location: "westeurope", properties: { httpsOnly: true } },
  ]);

  it("adds the identity, the role assignment and the switch as valid JSON; a second run proposes nothing", () => {
    const dir = tree({ "azuredeploy.json": arm });
    const { first, second } = applyTwice(dir, { disableLocalAuth: true });
    const out = first.changed[0]!.text;
    const json = JSON.parse(out) as { resources: Array<Record<string, unknown>> };
    expect(json.resources.map((r) => r["type"])).toEqual(["Microsoft.Storage/storageAccounts", "Microsoft.Web/sites", "Microsoft.Authorization/roleAssignments"]);
    expect(json.resources[1]!["identity"]).toEqual({ type: "SystemAssigned" });
    expect((json.resources[0]!["properties"] as Record<string, unknown>)["allowSharedKeyAccess"]).toBe(false);
    const ra = json.resources[2]!;
    expect(ra["scope"]).toBe("[format('Microsoft.Storage/storageAccounts/{0}', 'contosoorders')]");
    expect(ra["name"]).toBe("[guid(resourceId('Microsoft.Storage/storageAccounts', 'contosoorders'), resourceId('Microsoft.Web/sites', 'orders'), 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')]");
    for (const g of roleGuids(out)) expect(catalogIds("storage")).toContain(g);
    expect(second.changed).toEqual([]);
    expect(second.report.changes.map((c) => c.status)).toEqual(["present", "present"]);
  });

  it("leaves a languageVersion 2.0 template (resources by symbolic name) alone, with a note", () => {
    const v2 = arm.replace('"resources": [', '"languageVersion": "2.0",\n  "resources": [');
    const obj = JSON.parse(v2) as { resources: unknown[] };
    const text = `${JSON.stringify({ ...obj, resources: { st: obj.resources[0], app: obj.resources[1] } }, null, 2)}\n`;
    const r = iacStep(input(tree({ "azuredeploy.json": text })));
    expect(r.changed).toEqual([]);
  });
});

describe("compute kinds", () => {
  it("AKS: the roles go to the user-assigned identity with a federated credential, the cluster is not touched", () => {
    const text = `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'orders-aks'
  location: 'westeurope'
  properties: {
    oidcIssuerProfile: {
      enabled: true
    }
  }
}

resource appId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'orders-id'
  location: 'westeurope'
}

resource fed 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: appId
  name: 'orders'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:orders:orders'
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
}

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosoorders'
  location: 'westeurope'
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}
`;
    const r = iacStep(input(tree({ "main.bicep": text })));
    expect(r.report.changes.map((c) => c.kind)).toEqual(["role-assignment"]);
    const out = r.changed[0]!.text;
    expect(out.startsWith(text)).toBe(true);
    expect(out).toContain("principalId: appId.properties.principalId");
    checkBicepGrants(out);
  });

  it("AKS without workload identity: a note, no edit", () => {
    const text = "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: 'orders-aks'\n}\n" + APP_BICEP.slice(APP_BICEP.indexOf("resource st"), APP_BICEP.indexOf("resource app")).replace("location: location", "location: 'westeurope'");
    const r = iacStep(input(tree({ "main.bicep": text })));
    expect(r.changed).toEqual([]);
    expect(r.report.notes.join("\n")).toMatch(/AKS cluster: the pods need workload identity/);
  });

  it("a Terraform VM gets an identity block; a user-assigned identity is used with --client-id", async () => {
    const vm = `${APP_TF.slice(0, APP_TF.indexOf('resource "azurerm_linux_web_app"'))}resource "azurerm_user_assigned_identity" "app" {
  name                = "orders-id"
  resource_group_name = "rg"
  location            = "westeurope"
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "orders-vm"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = []

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.app.id]
  }
}
`;
    const system = iacStep(input(tree({ "main.tf": vm })));
    expect(system.changed[0]!.text).toContain('    type         = "SystemAssigned, UserAssigned"\n');
    expect(system.changed[0]!.text).toContain("principal_id       = azurerm_linux_virtual_machine.vm.identity[0].principal_id");
    const user = iacStep(input(tree({ "main.tf": vm }), { userAssigned: true }));
    expect(user.report.changes.map((c) => c.kind)).toEqual(["role-assignment"]);
    expect(user.changed[0]!.text).toContain("principal_id       = azurerm_user_assigned_identity.app.principal_id");
    for (const r of [system, user]) {
      await hcl2json("main.tf", r.changed[0]!.text);
      if (TERRAFORM) expect(terraformFmt(r.changed[0]!.text).ok).toBe(true);
    }
  });

  it("Key Vault: a note on the permission model, and --disable-local-auth turns RBAC on (the azurerm 3.x name kept)", () => {
    const kv = `resource "azurerm_key_vault" "kv" {
  name                      = "contoso-kv"
  location                  = "westeurope"
  resource_group_name       = "rg"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  enable_rbac_authorization = false
}

${APP_TF.slice(APP_TF.indexOf('resource "azurerm_linux_web_app"'))}`;
    const steps = azureSteps([{ service: "key-vault", resources: new Set(["contoso-kv"]) }]);
    const plain = iacStep({ ...input(tree({ "main.tf": kv })), steps });
    expect(plain.report.notes.join("\n")).toMatch(/RBAC permission model/);
    expect(plain.report.changes.find((c) => c.kind === "role-assignment")!.roleId).toBe(CATALOG["key-vault"].roles[0]!.id);
    const off = iacStep({ ...input(tree({ "main.tf": kv }), { disableLocalAuth: true }), steps });
    expect(off.changed[0]!.text).toContain("  enable_rbac_authorization = true\n");
  });
});

describe("--emit-iac modules", () => {
  const services = TARGETS.map((t) => t.service).filter((s) => catalogIds(s).length > 0);
  const steps = azureSteps(services.map((service) => ({ service, resources: new Set<string>() }))).map((s) => ({ service: s.service, roles: s.roles, resources: s.resources ?? [] }));

  it("Bicep: reads back, one existing resource and the catalog's role ids per service", () => {
    const { text } = emitModule("bicep", steps);
    checkBicepGrants(text!);
    const parsed = readBicep(text!);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.params.has("principalId")).toBe(true);
    expect(parsed.resources.filter((r) => r.existing).map((r) => r.type).sort()).toEqual(TARGETS.filter((t) => services.includes(t.service)).map((t) => t.arm).sort());
    const all = new Set(services.flatMap(catalogIds));
    for (const g of roleGuids(text!)) expect(all.has(g), g).toBe(true);
    if (BICEP) expect(bicepBuild(text!).ok).toBe(true);
  });

  it("Terraform: HashiCorp's parser reads it, role ids from the catalog, fmt-clean", async () => {
    const { text } = emitModule("terraform", steps);
    const json = (await hcl2json("roles.tf", text!)) as { variable: Record<string, unknown>; resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(json.variable)).toContain("principal_id");
    const all = new Set(services.flatMap(catalogIds));
    for (const g of roleGuids(text!)) expect(all.has(g), g).toBe(true);
    expect(Object.keys(json.resource["azurerm_cosmosdb_sql_role_assignment"]!)).toHaveLength(1);
    if (TERRAFORM) {
      const fmt = terraformFmt(text!);
      expect(fmt.ok, fmt.out).toBe(true);
    }
  });

  it("role ids match the catalog entry of their service, for every role the steps name", () => {
    for (const s of steps) {
      const { text } = emitModule("bicep", [s]);
      const ids = s.roles.map((r) => CATALOG[s.service].roles.find((x) => x.name === r)!.id);
      expect(new Set(roleGuids(text!)), s.service).toEqual(new Set(ids));
    }
  });
});

describe("CLI flags", () => {
  it("--emit-iac validates its values: one line, exit 2", async () => {
    const dir = tree({});
    for (const [args, msg] of [
      [["--emit-iac", "pulumi", "x.ts"], /--emit-iac must be followed by bicep or terraform/],
      [["--emit-iac", "bicep"], /--emit-iac bicep needs a file name/],
      [["--emit-iac", "terraform", "roles.bicep"], /must end with \.tf/],
      [["--emit-iac", "bicep", "missing/roles.bicep"], /the folder of missing\/roles\.bicep does not exist/],
    ] as const) {
      const r = await cli(dir, [".", ...args, "--allow-dirty"]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n").filter((l) => !l.includes("warning"))).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  });

  it("--help documents both flags", async () => {
    const r = await cli(tree({}), ["--help"]);
    expect(r.stdout).toContain("--disable-local-auth");
    expect(r.stdout).toContain("--emit-iac <bicep|terraform> <file>");
  });

  it("edits are insertions and value replacements: every line of the file is kept", () => {
    // The new text differs from the old only by insertions and the replaced values (no reformatting).
    const dir = tree({ "main.bicep": APP_BICEP });
    const r = iacStep(input(dir));
    const before = readFileSync(path.join(dir, "main.bicep"), "utf8");
    const after = r.changed[0]!.text;
    const kept = before.split("\n").filter((l) => after.split("\n").includes(l));
    expect(kept).toEqual(before.split("\n"));
  });
});

describe("infrastructure files of the fix fixtures (expected trees)", () => {
  const root = path.resolve(import.meta.dirname, "../fixtures/fix");
  const files = readdirSync(root)
    .filter((n) => n.startsWith("iac-"))
    .flatMap((n) => listTree(path.join(root, n, "expected")).map((f) => path.join(root, n, "expected", f)))
    .filter((f) => /\.(?:bicep|tf)$|azuredeploy\.json$/.test(f));
  const all = new Set(Object.values(CATALOG).flatMap((e) => e.roles.map((r) => r.id)));

  it("there are Bicep and Terraform files to check", () => {
    expect(files.some((f) => f.endsWith(".bicep"))).toBe(true);
    expect(files.some((f) => f.endsWith(".tf"))).toBe(true);
  });

  it.each(files.map((f) => [path.relative(root, f), f]))("%s parses, its role ids are catalog ids", async (_name, file) => {
    const text = readFileSync(file, "utf8");
    for (const g of roleGuids(text)) expect(all.has(g), g).toBe(true);
    if (file.endsWith(".json")) {
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    } else if (file.endsWith(".bicep")) {
      checkBicepGrants(text);
      if (BICEP) expect(bicepBuild(text).ok).toBe(true);
    } else {
      await hcl2json(path.basename(file), text);
      expect("error" in readHcl(text)).toBe(false);
      if (TERRAFORM) {
        const fmt = terraformFmt(text);
        expect(fmt.ok, fmt.out).toBe(true);
      }
    }
  });
});

describe("built CLI on fixture folders", () => {
  const BIN = path.resolve(import.meta.dirname, "../../bin/azure-msi.js");
  const gitEnv = { ...process.env, NO_COLOR: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
  const run = (cwd: string, args: string[]): { code: number; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: gitEnv });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const repo = (name: string): string => {
    const dir = materializeTree(listFixCases().find((c) => c.name === name)!, "input");
    temps.push(dir);
    spawnSync("git", ["init", "-q"], { cwd: dir, env: gitEnv });
    spawnSync("git", ["add", "-A"], { cwd: dir, env: gitEnv });
    spawnSync("git", ["commit", "-q", "-m", "input"], { cwd: dir, env: gitEnv });
    return dir;
  };

  it("--dry-run shows the Bicep edits as a masked diff and writes nothing; --format json carries the same plan", () => {
    const dir = repo("iac-bicep-appservice-storage");
    const dry = run(dir, ["fix", ".", "--dry-run", "--disable-local-auth"]);
    expect(dry.stdout).toMatch(/^--- a\/infra\/main\.bicep\n\+\+\+ b\/infra\/main\.bicep\n/);
    expect(dry.stdout).toContain("+    allowSharedKeyAccess: false\n");
    expect(dry.stdout).toContain("+resource storageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n");
    expect(dry.stdout).toMatch(/Infrastructure code:\n {2}would add {5}infra\/main\.bicep: identity on web/);
    expect(spawnSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" }).stdout).toBe("");
    const json = JSON.parse(run(dir, ["fix", ".", "--dry-run", "--disable-local-auth", "--format", "json"]).stdout) as { iac: { changes: Array<{ kind: string; roleId?: string }> } };
    expect(json.iac.changes.map((c) => c.kind)).toEqual(["identity", "role-assignment", "local-auth"]);
    expect(json.iac.changes[1]!.roleId).toBe(CATALOG.storage.roles.find((r) => r.name === "Storage Blob Data Contributor")!.id);
  });

  it("--emit-iac writes one module instead of editing the infrastructure; a second run finds it up to date", async () => {
    const dir = repo("iac-bicep-functions-servicebus");
    const r = run(dir, ["fix", ".", "functions/local.settings.json", "--emit-iac", "terraform", "infra/app-roles.tf"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("wrote         infra/app-roles.tf (terraform module");
    expect(readFileSync(path.join(dir, "infra/main.bicep"), "utf8")).toBe(readFileSync(path.join(listFixCases().find((c) => c.name === "iac-bicep-functions-servicebus")!.dir, "input/infra/main.bicep"), "utf8"));
    const text = readFileSync(path.join(dir, "infra/app-roles.tf"), "utf8");
    const json = (await hcl2json("app-roles.tf", text)) as { variable: Record<string, unknown> };
    expect(Object.keys(json.variable).sort()).toEqual(["principal_id", "service_bus_namespace_id", "storage_account_id"]);
    if (TERRAFORM) expect(terraformFmt(text).ok).toBe(true);
    // The settings are identity-based now: a second run has nothing to fix and leaves the module alone.
    spawnSync("git", ["add", "-A"], { cwd: dir, env: gitEnv });
    spawnSync("git", ["commit", "-q", "-m", "fixed"], { cwd: dir, env: gitEnv });
    const again = run(dir, ["fix", ".", "functions/local.settings.json", "--emit-iac", "terraform", "infra/app-roles.tf"]);
    expect(again.code).toBe(0);
    expect(spawnSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" }).stdout).toBe("");
  });

  it("--emit-iac refuses to replace a file it did not write", () => {
    const dir = repo("iac-bicep-appservice-storage");
    writeFileSync(path.join(dir, "roles.bicep"), "// mine\n");
    spawnSync("git", ["add", "-A"], { cwd: dir, env: gitEnv });
    spawnSync("git", ["commit", "-q", "-m", "mine"], { cwd: dir, env: gitEnv });
    const r = run(dir, ["fix", ".", "--emit-iac", "bicep", "roles.bicep"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("azure-msi: --emit-iac: roles.bicep exists and was not written by azure-msi fix; choose another file\n");
    expect(readFileSync(path.join(dir, "roles.bicep"), "utf8")).toBe("// mine\n");
  });
});
