/**
 * Which Azure service an infrastructure-as-code secret belongs to, read from the text around it:
 * the resource types (ARM/Bicep `Microsoft.Sql/servers`, Terraform `azurerm_mssql_server`, `az sql`
 * commands), the Azure hosts, and the service words in the parameter's own name or its siblings'
 * names (`sqlAdminPassword`, `postgres_server_name`). Every reader looks at a bounded slice.
 */
import { hostServices } from "./key-context.js";
import type { ServiceId } from "../types.js";

/** Resource types and CLI groups that name a service. */
export const RESOURCE_MARKERS: ReadonlyArray<readonly [RegExp, ServiceId]> = [
  [/Microsoft\.Sql\/|azurerm_mssql_|azurerm_sql_|\baz sql\b/gi, "sql"],
  [/Microsoft\.DBforPostgreSQL\/|azurerm_postgresql_|\baz postgres\b/gi, "postgresql"],
  [/Microsoft\.DBforMySQL\/|azurerm_mysql_|\baz mysql\b/gi, "mysql"],
  [/Microsoft\.Cache\/redis|azurerm_redis_|azurerm_managed_redis|\baz redis\b/gi, "redis"],
  [/Microsoft\.Storage\/storageAccounts|azurerm_storage_account|\baz storage\b/gi, "storage"],
  [/Microsoft\.DocumentDB\/|azurerm_cosmosdb_|\baz cosmosdb\b/gi, "cosmos-db"],
  [/Microsoft\.ServiceBus\/|azurerm_servicebus_/gi, "service-bus"],
  [/Microsoft\.EventHub\/|azurerm_eventhub/gi, "event-hubs"],
  [/Microsoft\.ContainerRegistry\/|azurerm_container_registry|\baz acr\b/gi, "container-registry"],
];

/** Azure database hosts (key-context's host table covers the key-based services). */
const DATABASE_HOSTS: ReadonlyArray<readonly [RegExp, ServiceId]> = [
  [/\.database\.windows\.net|\.sql\.azuresynapse\.net/i, "sql"],
  [/\.postgres\.database\.azure\.com|\.postgres\.cosmos\.azure\.com/i, "postgresql"],
  [/\.mysql\.database\.azure\.com/i, "mysql"],
];

/** Service words in identifiers; PostgreSQL and MySQL before SQL (both contain "sql"). */
const NAME_WORDS: ReadonlyArray<readonly [RegExp, ServiceId]> = [
  [/postgres|pgsql|(?:^|[_-])pg(?:[_-]|$)|^pg(?=[A-Z])/i, "postgresql"],
  [/mysql|mariadb/i, "mysql"],
  [/mssql|sql/i, "sql"],
  [/redis/i, "redis"],
  [/cosmos|documentdb/i, "cosmos-db"],
  [/storage|blob/i, "storage"],
  [/service[_-]?bus/i, "service-bus"],
  [/event[_-]?hub/i, "event-hubs"],
  [/registry|(?:^|[_-])acr(?:[_-]|$)|^acr(?=[A-Z])/i, "container-registry"],
];

/** The service a name's words say (`sqlAdminPassword` -> sql), if any. */
export function serviceOfName(name: string): ServiceId | undefined {
  for (const [re, service] of NAME_WORDS) if (re.test(name)) return service;
  return undefined;
}

/** The nearest resource-type marker inside [lo, hi), closest to `at` (before it when `beforeOnly`). */
export function resourceServiceNear(text: string, at: number, span: number, beforeOnly = false): ServiceId | undefined {
  const lo = Math.max(0, at - span);
  const hi = beforeOnly ? at : Math.min(text.length, at + span);
  const hay = text.slice(lo, hi);
  let best = Infinity;
  let service: ServiceId | undefined;
  for (const [re, s] of RESOURCE_MARKERS) {
    re.lastIndex = 0;
    for (let m = re.exec(hay); m !== null; m = re.exec(hay)) {
      const d = Math.abs(lo + m.index - at);
      if (d < best) {
        best = d;
        service = s;
      }
    }
  }
  return service;
}

/** The service of an Azure host within `radius` characters of [start, end), if exactly one kind. */
export function hostServiceNear(text: string, start: number, end: number, radius: number): ServiceId | undefined {
  const near = text.slice(Math.max(0, start - radius), Math.min(text.length, end + radius));
  const found = new Set<ServiceId>(hostServices(text, start, end, radius));
  for (const [re, s] of DATABASE_HOSTS) if (re.test(near)) found.add(s);
  return found.size === 1 ? [...found][0] : undefined;
}

/** Identifiers of sibling settings (`postgres_server_name`, `sqlServerName`) and module sources within `radius`. */
const SIBLING = /["']?([A-Za-z_][\w-]{1,60}?(?:name|server|host|login|user|username|account|database|db))["']?[ \t]*[:=]/gi;

/** A Terraform module's `source` (`./modules/postgres`, `Azure/postgresql/azurerm`) names its service. */
const MODULE_SOURCE = /\bsource[ \t]*=[ \t]*"([^"\n]{1,200})"/g;

export function siblingNameService(text: string, at: number, radius: number): ServiceId | undefined {
  const lo = Math.max(0, at - radius);
  const hay = text.slice(lo, Math.min(text.length, at + radius));
  let best = Infinity;
  let service: ServiceId | undefined;
  MODULE_SOURCE.lastIndex = 0;
  for (let m = MODULE_SOURCE.exec(hay); m !== null; m = MODULE_SOURCE.exec(hay)) {
    const s = serviceOfName(m[1]!.replace(/azurerm/gi, ""));
    const d = Math.abs(lo + m.index - at);
    if (s && d < best) {
      best = d;
      service = s;
    }
  }
  SIBLING.lastIndex = 0;
  for (let m = SIBLING.exec(hay); m !== null; m = SIBLING.exec(hay)) {
    const s = serviceOfName(m[1]!);
    const d = Math.abs(lo + m.index - at);
    if (s && d < best) {
      best = d;
      service = s;
    }
  }
  return service;
}
