import { fakeBase64, fakeFromAlphabet } from "../keys/fake.js";
import { hostServiceNear, resourceServiceNear, serviceOfName, siblingNameService } from "../detect/iac-context.js";
import { isPlausiblePassword } from "../detect/host-secrets.js";
import { matchesIn } from "../detect/key-context.js";
import { stringLiteralAt, type ValueSpan } from "../text/literal-context.js";
import type { Candidate, Detector, ServiceId } from "../types.js";
import { anyStartIn, wordTable } from "../detect/keyword-bits.js";

/**
 * Literal secrets in infrastructure-as-code parameters:
 *
 *   @secure() param adminPassword string = '...'                Bicep secure parameter default
 *   "adminPassword": { "type": "securestring", "defaultValue": "..." }   ARM (also secureObject)
 *   "sqlAdminPassword": { "value": "..." }                        ARM parameter files
 *   param sqlAdminPassword = '...'                                .bicepparam (and plain Bicep params)
 *   sql_admin_password = "..."                                    .tfvars, module inputs and locals in .tf
 *   variable "sql_admin_password" { default = "..." }             Terraform variable defaults
 *
 * A secure/sensitive declaration makes any literal default a secret; otherwise the parameter's
 * name must say it is one (`...Password`, `...Secret`, `...AccountKey`). The service comes from the
 * name's words, the resource that uses the parameter, the resource types, hosts or sibling
 * settings around it; with none, nothing is reported (a VM password is not an Azure service key).
 */

const PW = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#*+-=?@_";
/** The last word of the name says it holds a secret (not `secretName`, `keyVaultUri`, `sshPublicKey`). */
const SECRET_NAME =
  /(?:password|passwd|pwd|secret|(?:account|access|primary|secondary|shared|master|admin|api|storage|redis|cosmos|sas)[_-]?key|connection[_-]?string|connstr)$/i;
/** Terraform text that is about Azure (HCL is shared by every cloud). */
const AZURE_SIGNAL = /azure|resource_?group|microsoft\.|administrator_?login|flexible[ _-]?server|storage_?account/i;
const HCL_PATH = /\.(?:tf|tfvars|hcl)$/;

const BICEP_SECURE = /@secure\(\)/gi;
const KEYWORDS = [
  "@secure()", "securestring", "secureobject", "variable \"",
  "password", "passwd", "pwd", "secret", "connectionstring", "connection_string", "connstr",
  ...["account", "access", "primary", "secondary", "shared", "master", "admin", "api", "storage", "redis", "cosmos", "sas"].flatMap((w) => [`${w}key`, `${w}_key`]),
];
/** Where the declarations' keywords occur (DetectorInput.found): no search of the window for them. */
const ANCHORS = ["@secure()", "securestring", "secureobject", "param", '"value"'];
const BICEP_DECORATOR = wordTable(ANCHORS, ["@secure()"]);
const ARM_TYPE = wordTable(ANCHORS, ["securestring", "secureobject"]);
const PARAM_WORD = wordTable(ANCHORS, ["param"]);
const VALUE_MEMBER = wordTable(ANCHORS, ['"value"']);
const BICEP_PARAM = /^param[ \t]+([A-Za-z_]\w{0,80})[ \t]+(?:string|object)[ \t]*=[ \t]*/;
const PLAIN_PARAM = /(?:^|\n)[ \t]*param[ \t]+([A-Za-z_]\w{0,80})(?:[ \t]+string)?[ \t]*=[ \t]*(?=')/g;
const ARM_SECURE = /"type"[ \t]*:[ \t]*"secure(?:string|object)"/gi;
const ARM_VALUE = /"([A-Za-z_][\w-]{0,80})"[ \t]*:[ \t]*\{[ \t\r\n]*"value"[ \t]*:[ \t]*(?=")/g;
const HCL_ASSIGN = /(?:^|\n)[ \t]*"?([A-Za-z_][\w-]{0,80})"?[ \t]*=[ \t]*(?=")/g;
/** A member of a Bicep object written on its own line: `  administratorLoginPassword: '...'`. */
const BICEP_MEMBER = /(?:^|\n)[ \t]*([A-Za-z_]\w{0,80})[ \t]*:[ \t]*(?=')/g;
const BICEP_PATH = /\.bicep$/;
const TF_VARIABLE = /\bvariable[ \t]+"([A-Za-z_][\w-]{0,80})"[ \t]*\{/g;
const MEMBER = /["']?([A-Za-z_][\w-]{0,80})["']?[ \t]*[:=][ \t]*(?=["'])/g;

type Form = "bicep-secure-param" | "bicep-param" | "bicep-module-param" | "arm-secure-param" | "arm-parameter-file" | "tfvars" | "terraform-variable";

/** Index of the bracket closing the one at `open` (strings skipped), within `limit` characters. */
function closingBracket(text: string, open: number, limit: number): number {
  const max = Math.min(text.length, open + limit);
  let depth = 0;
  for (let i = open; i < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const lit = stringLiteralAt(text, i, max - i);
      if (lit) i = lit.end;
      continue;
    }
    if (c === 123 || c === 40) depth++;
    else if (c === 125 || c === 41) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** String members with secret names of the object literal whose `{` is at `open`. */
function secretMembers(text: string, open: number): Array<{ name: string; value: ValueSpan }> {
  const close = closingBracket(text, open, 2000);
  if (close < 0) return [];
  const out: Array<{ name: string; value: ValueSpan }> = [];
  for (const m of matchesIn(MEMBER, text, open + 1, close, 120)) {
    const v = stringLiteralAt(text, m.index + m[0].length);
    if (v && v.end <= close && SECRET_NAME.test(m[1]!)) out.push({ name: m[1]!, value: v });
  }
  return out;
}

/**
 * The service of the Bicep module whose `params` hold the member at `at`: `module db './sql.bicep'`
 * (the path's words) or a registry module `br/public:avm/res/db-for-postgre-sql/flexible-server`.
 * undefined when the member is not inside a module declaration (resource properties are the
 * database-admin-password detector's).
 */
function bicepModuleService(text: string, at: number): ServiceId | undefined {
  const lo = Math.max(0, at - 1500);
  const before = text.slice(lo, at);
  const m = /(?:^|\n)module[ \t]+\w+[ \t]+'([^'\n]{1,200})'[^\n]*=[ \t]*\{[^]*$/.exec(before.slice(Math.max(0, before.lastIndexOf("\nmodule "))));
  if (!m || /\n\}/.test(before.slice(before.lastIndexOf("\nmodule ") + 1))) return undefined;
  return serviceOfName(m[1]!.replace(/db-for-postgre-sql/gi, "postgres").replace(/db-for-my-sql/gi, "mysql"));
}

/** Whether `at` is inside a Terraform `resource "..."` / `data "..."` block (its header within 1500 characters, not closed since). */
function inResourceBlock(text: string, at: number): boolean {
  const lo = Math.max(0, at - 1500);
  const before = text.slice(lo, at);
  const header = Math.max(before.lastIndexOf("\nresource "), before.lastIndexOf("\ndata "), text.startsWith("resource ", lo) && lo === 0 ? 0 : -1);
  return header >= 0 && !before.includes("\n}", header);
}

/** Skip whitespace, `//` comments and further decorators (`@description('...')`) after `@secure()`. */
function afterDecorators(text: string, at: number): number {
  let i = at;
  const max = Math.min(text.length, at + 800);
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < max && text.charCodeAt(i) !== 10) i++;
    } else if (c === 64 /* @ */) {
      const open = text.indexOf("(", i);
      if (open < 0 || open - i > 40) return -1;
      const close = closingBracket(text, open, max - open);
      if (close < 0) return -1;
      i = close + 1;
    } else return i;
  }
  return -1;
}

/** Where the parameter is used: the resource before that use names the service. */
function usageService(text: string, name: string, from: number, form: Form): ServiceId | undefined {
  const hay = text.slice(from, Math.min(text.length, from + 8000));
  let rel: number;
  if (form === "arm-secure-param") rel = hay.indexOf(`parameters('${name}')`);
  else if (form === "terraform-variable") rel = hay.indexOf(`var.${name}`);
  else {
    const m = new RegExp(`(?<![\\w.])${name}(?![\\w])`).exec(hay);
    rel = m ? m.index : -1;
  }
  return rel < 0 ? undefined : resourceServiceNear(text, from + rel, 1500, true);
}

function serviceFor(text: string, name: string, member: string | undefined, v: ValueSpan, declEnd: number, form: Form): ServiceId | undefined {
  return (
    serviceOfName(name) ??
    (member ? serviceOfName(member) : undefined) ??
    usageService(text, name, declEnd, form) ??
    resourceServiceNear(text, v.start, 4000) ??
    hostServiceNear(text, v.start, v.end, 800) ??
    siblingNameService(text, v.start, 800)
  );
}

export const iacParameterSecret: Detector = {
  id: "iac-parameter-secret",
  service: "sql",
  title: "Secret in an infrastructure-as-code parameter (Bicep, ARM, Terraform)",
  description:
    "A literal password or key as the default of a Bicep `@secure()` parameter or an ARM `securestring`/`secureObject` parameter, a value in an ARM parameter file (`*.parameters.json`) or `.bicepparam` file, a `*.tfvars` value or a Terraform variable default (`sql_admin_password`, `administrator_login_password`, sensitive variables). Secure parameters keep a value out of deployment logs, not out of git. The service is named from the parameter's name, the resource that uses it, or the resource types and hosts around it. Pass the value at deployment time from Key Vault (`getSecret()`, a Key Vault reference in the parameter file, `azurerm_key_vault_secret` data) or, better, use Microsoft Entra authentication for the resource.",
  // The declarations, and the last words of secret names (every form without a declaration needs one).
  keywords: KEYWORDS,
  anchors: ANCHORS,
  // Every form starts within a name's length of its keyword and reads on past the window (decorators,
  // ARM parameter objects, variable blocks) in the engine's look-ahead.
  window: { before: 120, after: 300 },
  severity: "error",
  priority: 50,
  find({ text, from, to, path, found }) {
    const out: Candidate[] = [];
    // Starts already reported; made at the first one (most windows report none).
    let seen: Set<number> | undefined;
    /** Whether a keyword of `table` starts in the window or the 200 characters after it. */
    const occurs = (table: Uint8Array, literal: RegExp): boolean => {
      const hi = Math.min(text.length, to + 200);
      return anyStartIn(found, table, from, hi) ?? literal.test(text.slice(from, hi));
    };
    const add = (name: string, v: ValueSpan | undefined, declEnd: number, form: Form, member?: string): void => {
      if (!v || seen?.has(v.start) || !isPlausiblePassword(v.value)) return;
      const service = serviceFor(text, name, member, v, declEnd, form);
      if (!service) return;
      (seen ??= new Set()).add(v.start);
      out.push({ start: v.start, end: v.end, service, fields: { form, parameter: member ? `${name}.${member}` : name } });
    };
    const addValue = (name: string, at: number, declEnd: number, form: Form, secure: boolean): void => {
      if (text.charCodeAt(at) === 123 /* { */) {
        for (const m of secretMembers(text, at)) add(name, m.value, declEnd, form, m.name);
      } else if (secure || SECRET_NAME.test(name)) add(name, stringLiteralAt(text, at), declEnd, form);
    };
    // Most windows are around a secret-looking word in code: look for each form's syntax first.
    const hay = text.slice(from, Math.min(text.length, to + 200));
    // Bicep: @secure() [decorators] param NAME string|object = <literal>
    // Each declaration is read once: a match inside the span the previous one read (its other
    // decorators, its parameter object or variable block, or the bounded span of an unclosed one)
    // is skipped, which keeps dense input linear with a small constant.
    let readTo = -1;
    if (occurs(BICEP_DECORATOR, /@secure\(\)/i)) for (const m of matchesIn(BICEP_SECURE, text, from, to)) {
      if (m.index < readTo) continue;
      const p = afterDecorators(text, m.index + m[0].length);
      readTo = p < 0 ? m.index + 800 : p;
      if (p < 0) continue;
      const decl = BICEP_PARAM.exec(text.slice(p, p + 200));
      if (decl) addValue(decl[1]!, p + decl[0].length, p + decl[0].length, "bicep-secure-param", true);
    }
    // Bicep / .bicepparam: param NAME [string] = '<literal>' with a secret name.
    if (occurs(PARAM_WORD, /param/)) for (const m of matchesIn(PLAIN_PARAM, text, from, to, 200)) addValue(m[1]!, m.index + m[0].length, m.index + m[0].length, "bicep-param", false);
    // ARM: "NAME": { "type": "securestring", ..., "defaultValue": <literal> }
    readTo = -1;
    if (occurs(ARM_TYPE, /secure(?:string|object)/i)) for (const m of matchesIn(ARM_SECURE, text, from, to)) {
      if (m.index < readTo) continue;
      let open = -1;
      let depth = 0;
      for (let i = m.index - 1; i >= Math.max(0, m.index - 600); i--) {
        const c = text.charCodeAt(i);
        if (c === 125) depth++;
        else if (c === 123 && depth-- === 0) {
          open = i;
          break;
        }
      }
      if (open < 0) continue;
      const nameMatch = /"([^"\n]{1,80})"[ \t\r\n]*:[ \t\r\n]*$/.exec(text.slice(Math.max(0, open - 120), open));
      const close = closingBracket(text, open, 1500);
      readTo = close < 0 ? open + 1500 : close;
      if (!nameMatch || close < 0) continue;
      const body = text.slice(open, close);
      const dv = /"defaultValue"[ \t]*:[ \t]*/.exec(body);
      if (dv) addValue(nameMatch[1]!, open + dv.index + dv[0].length, close, "arm-secure-param", true);
    }
    // Bicep module inputs: module db './sql.bicep' = { params: { adminPassword: '<literal>' } }
    if ((path === "" || BICEP_PATH.test(path)) && hay.includes(":")) {
      for (const m of matchesIn(BICEP_MEMBER, text, from, to, 200)) {
        if (!SECRET_NAME.test(m[1]!)) continue;
        const service = serviceOfName(m[1]!) ?? bicepModuleService(text, m.index);
        const v = stringLiteralAt(text, m.index + m[0].length);
        if (!service || !v || seen?.has(v.start) || !isPlausiblePassword(v.value)) continue;
        (seen ??= new Set()).add(v.start);
        out.push({ start: v.start, end: v.end, service, fields: { form: "bicep-module-param", parameter: m[1]! } });
      }
    }
    // ARM parameter files: "NAME": { "value": "<literal>" } with a secret name.
    if (occurs(VALUE_MEMBER, /"value"/)) for (const m of matchesIn(ARM_VALUE, text, from, to, 200)) addValue(m[1]!, m.index + m[0].length, m.index + m[0].length, "arm-parameter-file", false);
    // Terraform: .tfvars assignments and variable defaults, in Terraform text about Azure.
    const hcl = (path === "" || HCL_PATH.test(path)) && hay.includes("=");
    if (hcl && AZURE_SIGNAL.test(text.slice(Math.max(0, from - 1500), Math.min(text.length, to + 1500)))) {
      // .tfvars values, and literal secret arguments in .tf files (module inputs, locals).
      {
        for (const m of matchesIn(HCL_ASSIGN, text, from, to, 200)) {
          // An argument of a resource block belongs to that resource: a VM's admin_password is not
          // a database's (and database resources are database-admin-password's).
          if (inResourceBlock(text, m.index) && !serviceOfName(m[1]!)) continue;
          addValue(m[1]!, m.index + m[0].length, m.index + m[0].length, "tfvars", false);
        }
      }
      readTo = -1;
      for (const m of matchesIn(TF_VARIABLE, text, from, to, 200)) {
        if (m.index < readTo) continue;
        const open = m.index + m[0].length - 1;
        const close = closingBracket(text, open, 1500);
        readTo = close < 0 ? open + 1500 : close;
        if (close < 0) continue;
        const body = text.slice(open, close);
        const d = /\n[ \t]*default[ \t]*=[ \t]*(?=["{])/.exec(body);
        if (!d) continue;
        const sensitive = /\n[ \t]*sensitive[ \t]*=[ \t]*true\b/.test(body);
        addValue(m[1]!, open + d.index + d[0].length, close, "terraform-variable", sensitive);
      }
    }
    return out;
  },
  samples() {
    const pw = (n: string) => fakeFromAlphabet(18, PW, `iac-param-${n}`);
    return {
      positive: [
        `@secure()\n@description('Administrator password')\nparam adminPassword string = '${pw("1")}'\n\nresource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {\n  name: 'contoso-pg'\n  properties: {\n    administratorLogin: 'pgadmin'\n    administratorLoginPassword: adminPassword\n  }\n}`,
        `{\n  "parameters": {\n    "administratorLoginPassword": { "type": "securestring", "defaultValue": "${pw("2")}" }\n  },\n  "resources": [\n    { "type": "Microsoft.DBforMySQL/flexibleServers", "properties": { "administratorLoginPassword": "[parameters('administratorLoginPassword')]" } }\n  ]\n}`,
        `{\n  "parameters": {\n    "sqlCredentials": { "type": "secureObject", "defaultValue": { "login": "sqladmin", "password": "${pw("3")}" } }\n  }\n}`,
        `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "sqlAdministratorLoginPassword": { "value": "${pw("4")}" }\n  }\n}`,
        `using './main.bicep'\n\nparam redisName = 'contoso-cache'\nparam redisPassword = '${fakeBase64(32, "iac-param-redis")}'`,
        `resource_group_name = "rg-prod"\npostgres_server_name = "contoso-pg"\nadministrator_login_password = "${pw("6")}"`,
        `module "db" {\n  source                 = "./modules/postgres"\n  resource_group_name    = azurerm_resource_group.rg.name\n  administrator_password = "${pw("9")}"\n}`,
        `module orders 'modules/postgres.bicep' = {\n  name: 'orders-db'\n  params: {\n    serverName: 'contoso-pg'\n    administratorLoginPassword: '${pw("11")}'\n  }\n}`,
        `variable "mysql_admin_password" {\n  description = "Administrator password of the MySQL flexible server"\n  type        = string\n  sensitive   = true\n  default     = "${pw("7")}"\n}`,
      ],
      negative: [
        `@secure()\nparam adminPassword string\n\nresource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {\n  properties: { administratorLoginPassword: adminPassword }\n}`,
        `@secure()\nparam adminPassword string = newGuid()\nresource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {}`,
        `{ "parameters": { "sqlAdminPassword": { "type": "securestring", "defaultValue": "[newGuid()]" } }, "resources": [ { "type": "Microsoft.Sql/servers" } ] }`,
        `{ "parameters": { "sqlAdministratorLoginPassword": { "value": "" }, "redisPassword": { "value": "#{RedisPassword}#" }, "storageAccountKey": { "value": "$(STORAGE_KEY)" } } }`,
        // azure-quickstart-templates' generated-value tokens and azd's parameter expressions.
        `{ "parameters": { "sqlAdminPassword": { "value": "GEN-PASSWORD" }, "postgresAdminPassword": { "value": "$(secretOrRandomPassword \${AZURE_KEY_VAULT_NAME} pgAdminPassword)" } } }`,
        `using './main.bicep'\nparam sqlAdminPassword = readEnvironmentVariable('SQL_ADMIN_PASSWORD')\nparam secretName = 'sql-admin'`,
        `resource_group_name = "rg-prod"\nsql_admin_password = ""\nredis_password = "CHANGE_ME"\npg_password = "\${TF_VAR_PG}"`,
        `variable "sql_admin_password" {\n  type      = string\n  sensitive = true\n}\nvariable "resource_group_name" {\n  default = "rg-prod"\n}`,
        `resource "azurerm_storage_account" "sa" {\n  name = "contosodata"\n}\nresource "azurerm_linux_virtual_machine" "vm" {\n  admin_username = "azureuser"\n  admin_password = "${pw("10")}"\n}`,
        // A VM password names no Azure service this tool knows.
        `@secure()\nparam adminPassword string = '${pw("8")}'\nresource vm 'Microsoft.Compute/virtualMachines@2023-03-01' = {}`,
      ],
    };
  },
};
