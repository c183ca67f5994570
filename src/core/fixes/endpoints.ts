/**
 * Endpoints derived from a connection string, for the keyless construction. Only non-secret fields
 * are read (account name, suffix, hosts, entity path); the key fields are never copied anywhere.
 */
import { hostOf, messagingInfo, parseConnectionString, storageEndpoints, type ConnectionString } from "../keys/connection-string.js";
import type { EndpointKind } from "./sink.js";

export type Derived = { readonly value: string } | { readonly missing: string };

const ok = (value: string): Derived => ({ value });
const missing = (what: string): Derived => ({ missing: what });

const withScheme = (v: string): string => (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`);

/** Parse a static connection-string value (no offsets needed). */
export const parseValue = (value: string): ConnectionString => parseConnectionString(value);

/** The endpoint of `kind` described by connection string `cs`. */
export function deriveEndpoint(kind: EndpointKind, cs: ConnectionString): Derived {
  switch (kind) {
    case "blob":
    case "queue":
    case "file":
    case "table":
    case "dfs": {
      const e = storageEndpoints(cs);
      const url = e[kind];
      return url ? ok(url) : missing(`the storage account name (AccountName or ${kind === "dfs" ? "Blob" : kind[0]!.toUpperCase() + kind.slice(1)}Endpoint)`);
    }
    case "amqp-namespace": {
      const fqns = messagingInfo(cs).fullyQualifiedNamespace;
      return fqns ? ok(fqns) : missing("the namespace (Endpoint=sb://...)");
    }
    case "cosmos": {
      const v = cs.value("AccountEndpoint");
      return v ? ok(v) : missing("the account endpoint (AccountEndpoint)");
    }
    case "app-configuration": {
      const v = cs.value("Endpoint");
      return v ? ok(v.replace(/\/+$/, "")) : missing("the store endpoint (Endpoint)");
    }
    case "web-pubsub": {
      const v = cs.value("Endpoint");
      if (!v) return missing("the service endpoint (Endpoint)");
      const base = withScheme(v).replace(/\/+$/, "");
      const port = cs.value("Port");
      return ok(port && /^\d{1,5}$/.test(port) && !/:\d+$/.test(base) ? `${base}:${port}` : base);
    }
    case "communication": {
      const v = cs.value("endpoint");
      return v ? ok(withScheme(v).replace(/\/+$/, "")) : missing("the resource endpoint (endpoint)");
    }
    case "iot-hub-host": {
      const v = cs.value("HostName");
      const host = v ? hostOf(v) : undefined;
      return host ? ok(host) : missing("the IoT hub host name (HostName)");
    }
    default:
      return missing("an endpoint");
  }
}

/** Azure SQL server host suffixes (public and sovereign clouds, Fabric SQL endpoints). */
const AZURE_SQL_SUFFIXES = [".database.windows.net", ".database.usgovcloudapi.net", ".database.chinacloudapi.cn", ".database.fabric.microsoft.com", ".datawarehouse.fabric.microsoft.com", ".sql.azuresynapse.net"];

/** True when `host` is an Azure SQL endpoint (Managed Identity does not apply to SQL Server elsewhere). */
export function isAzureSqlHost(host: string): boolean {
  const h = host.toLowerCase();
  return AZURE_SQL_SUFFIXES.some((s) => h.endsWith(s));
}

export interface SqlTarget {
  readonly server: string;
  readonly port?: number;
  readonly database?: string;
}

/** Server, port and database of an ADO.NET-style SQL connection string (`Server=tcp:host,1433;Database=db;...`). */
export function sqlTarget(cs: ConnectionString): SqlTarget | undefined {
  const raw = cs.value("Server") ?? cs.value("Data Source") ?? cs.value("Address") ?? cs.value("Addr");
  if (!raw) return undefined;
  const m = /^(?:tcp:)?([A-Za-z0-9.-]{1,253})(?:\s*,\s*(\d{1,5}))?$/i.exec(raw.trim());
  if (!m) return undefined;
  const database = cs.value("Database") ?? cs.value("Initial Catalog");
  return {
    server: m[1]!,
    ...(m[2] ? { port: Number(m[2]) } : {}),
    ...(database ? { database } : {}),
  };
}
