import { fakeFromAlphabet } from "../keys/fake.js";
import { isPlausiblePassword } from "../detect/host-secrets.js";
import { isCodePath, looksLikeExpression, stringLiteralAt, valueAfterKey, type ValueSpan } from "../text/literal-context.js";
import type { Candidate, Detector, ServiceId } from "../types.js";

/** Resource types (ARM/Bicep, Terraform, az CLI) that say which database server a password is for. */
const MARKERS: ReadonlyArray<readonly [RegExp, ServiceId]> = [
  [/Microsoft\.Sql\/|azurerm_mssql_|azurerm_sql_|\baz sql\b/gi, "sql"],
  [/Microsoft\.DBforPostgreSQL\/|azurerm_postgresql_|\baz postgres\b/gi, "postgresql"],
  [/Microsoft\.DBforMySQL\/|azurerm_mysql_|\baz mysql\b/gi, "mysql"],
];
const BEFORE = 1500;
const KEYS = /administratorLoginPassword|administrator_login_password|--admin-password/gi;
const PW_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#*+-=?@_";

/** The service of the closest resource-type marker before `at`, if any. */
function serviceBefore(text: string, at: number): ServiceId | undefined {
  const before = text.slice(Math.max(0, at - BEFORE), at);
  let best = -1;
  let service: ServiceId | undefined;
  for (const [re, s] of MARKERS) {
    re.lastIndex = 0;
    for (let m = re.exec(before); m !== null; m = re.exec(before)) {
      if (m.index > best) {
        best = m.index;
        service = s;
      }
    }
  }
  return service;
}

/** `--admin-password <value>` / `--admin-password=<value>`. */
function flagValue(text: string, at: number): ValueSpan | undefined {
  let i = at;
  while (i < text.length && i - at < 8 && (text[i] === " " || text[i] === "\t" || text[i] === "=")) i++;
  if (text[i] === '"' || text[i] === "'") return stringLiteralAt(text, i);
  let e = i;
  while (e < text.length && e - i < 128 && !/[\s"'`]/.test(text[e]!)) e++;
  return e > i ? { start: i, end: e, value: text.slice(i, e), quoted: false } : undefined;
}

export const databaseAdminPassword: Detector = {
  id: "database-admin-password",
  service: "sql",
  title: "Azure SQL / PostgreSQL / MySQL server administrator password in infrastructure code",
  description:
    "A literal server administrator password in ARM/Bicep (`administratorLoginPassword`), Terraform (`administrator_login_password`) or an `az sql|postgres|mysql ... --admin-password` command. The resource type before it says which service; the administrator login can read and change every database on the server. Use Microsoft Entra-only authentication (`azureADOnlyAuthentication`) or at least a Key Vault reference / secure parameter.",
  keywords: ["administratorloginpassword", "administrator_login_password", "--admin-password"],
  window: { before: BEFORE, after: 300 },
  severity: "error",
  priority: 60,
  find({ text, from, to, path }) {
    const out: Candidate[] = [];
    const hay = text.slice(from, to);
    KEYS.lastIndex = 0;
    for (let k = KEYS.exec(hay); k !== null; k = KEYS.exec(hay)) {
      const at = from + k.index;
      const keyEnd = at + k[0].length;
      if (/[A-Za-z0-9_]/.test(text[keyEnd] ?? "")) continue; // administratorLoginPasswordVersion...
      const service = serviceBefore(text, at);
      if (!service) continue;
      const cli = k[0].startsWith("--");
      const v = cli ? flagValue(text, keyEnd) : valueAfterKey(text, keyEnd);
      if (!v || !isPlausiblePassword(v.value)) continue;
      if (!cli && !v.quoted && (isCodePath(path) || looksLikeExpression(v.value))) continue;
      out.push({ start: v.start, end: v.end, service, fields: { context: k[0] } });
    }
    return out;
  },
  samples() {
    const pw = (n: string) => fakeFromAlphabet(18, PW_ALPHABET, `db-admin-${n}`);
    return {
      positive: [
        `resource sqlServer 'Microsoft.Sql/servers@2023-08-01-preview' = {\n  name: 'contoso-sql'\n  location: location\n  properties: {\n    administratorLogin: 'sqladmin'\n    administratorLoginPassword: '${pw("1")}'\n  }\n}`,
        `resource "azurerm_postgresql_flexible_server" "db" {\n  name                   = "contoso-pg"\n  administrator_login    = "pgadmin"\n  administrator_login_password = "${pw("2")}"\n  sku_name               = "B_Standard_B1ms"\n}`,
        `az mysql flexible-server create --name contoso-db --resource-group rg --admin-user dbadmin --admin-password '${pw("3")}' --sku-name Standard_B1ms`,
        `{\n  "type": "Microsoft.DBforPostgreSQL/flexibleServers",\n  "apiVersion": "2022-12-01",\n  "properties": {\n    "administratorLogin": "pgadmin",\n    "administratorLoginPassword": "${pw("4b")}"\n  }\n}`,
      ],
      negative: [
        `resource sqlServer 'Microsoft.Sql/servers@2023-08-01-preview' = {\n  properties: {\n    administratorLogin: 'sqladmin'\n    administratorLoginPassword: adminPassword\n  }\n}`,
        `resource "azurerm_mssql_server" "sql" {\n  administrator_login_password = random_password.sql.result\n}`,
        `{ "type": "Microsoft.Sql/servers", "properties": { "administratorLoginPassword": "[parameters('adminPassword')]" } }`,
        `az sql server create --name contoso-sql --admin-user sqladmin --admin-password "$SQL_ADMIN_PASSWORD"`,
        // A keyword table next to the resource types it reads.
        `const MARKERS = [/Microsoft\\.Sql\\//];\nconst KEYS = ["administratorloginpassword", "administrator_login_password", "--admin-password"];`,
        // No database resource type in sight.
        `vm:\n  administratorLoginPassword: '${pw("5")}'`,
      ],
    };
  },
};
