/**
 * "What to do in Azure": after code stops sending keys, the app's identity needs access. For every
 * service the fix touched: ready-to-run `az role assignment create` lines (role names from the
 * catalog), the Cosmos DB data-plane assignment, the SQL / PostgreSQL / MySQL statements, the Redis
 * access-policy assignment. Resource names come from the findings (account, namespace, host) where
 * the secret said them, otherwise they are <placeholders>.
 */
import { getService } from "../../../core/catalog/index.js";
import type { ServiceId } from "../../../core/types.js";

export interface TouchedService {
  readonly service: ServiceId;
  /** Resource names seen (storage account, namespace, server...). */
  readonly resources: ReadonlySet<string>;
  /** Functions host storage (AzureWebJobsStorage) was moved to identity-based settings. */
  readonly hostStorage?: boolean;
  /** Roles decided by the caller (Functions bindings); default: by service. */
  readonly roles?: readonly string[];
}

export interface AzureStep {
  readonly service: ServiceId;
  readonly displayName: string;
  /** Roles granted by the commands, from the catalog. */
  readonly roles: readonly string[];
  /** Shell commands (`az ...`) or SQL statements, ready to run once placeholders are filled. */
  readonly commands: readonly string[];
  /** "shell" or "sql": how to run the commands. */
  readonly kind: "shell" | "sql" | "manual";
  readonly note?: string;
  /** The step is for the Functions host storage account. */
  readonly hostStorage?: boolean;
  /** Resource names seen (account, namespace...), sorted; used to find the resource in infrastructure code. */
  readonly resources?: readonly string[];
}

const PROVIDERS: Partial<Record<ServiceId, string>> = {
  storage: "Microsoft.Storage/storageAccounts",
  "service-bus": "Microsoft.ServiceBus/namespaces",
  "event-hubs": "Microsoft.EventHub/namespaces",
  "event-grid": "Microsoft.EventGrid/topics",
  "app-configuration": "Microsoft.AppConfiguration/configurationStores",
  "key-vault": "Microsoft.KeyVault/vaults",
  search: "Microsoft.Search/searchServices",
  "ai-services": "Microsoft.CognitiveServices/accounts",
  signalr: "Microsoft.SignalRService/signalR",
  "web-pubsub": "Microsoft.SignalRService/webPubSub",
  "communication-services": "Microsoft.Communication/communicationServices",
  maps: "Microsoft.Maps/accounts",
  batch: "Microsoft.Batch/batchAccounts",
  "container-registry": "Microsoft.ContainerRegistry/registries",
  "iot-hub": "Microsoft.Devices/IotHubs",
  "application-insights": "Microsoft.Insights/components",
  relay: "Microsoft.Relay/namespaces",
};

/** Roles to print per service: the catalog's names, picked for what the rewritten clients do. */
function rolesFor(t: TouchedService): string[] {
  const entry = getService(t.service);
  const names = entry.roles.map((r) => r.name);
  // In catalog order, so that the same grants from code and from Functions settings merge.
  if (t.roles && t.roles.length > 0) return names.filter((r) => t.roles!.includes(r));
  const pick = (...wanted: string[]): string[] => wanted.filter((w) => names.includes(w));
  switch (t.service) {
    case "storage":
      return t.hostStorage
        ? pick("Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor")
        : pick("Storage Blob Data Contributor");
    case "service-bus":
      return pick("Azure Service Bus Data Sender", "Azure Service Bus Data Receiver");
    case "event-hubs":
      return pick("Azure Event Hubs Data Sender", "Azure Event Hubs Data Receiver");
    default:
      return names.slice(0, 1);
  }
}

/** A catalog role by name (a renamed catalog role fails the tests, not the output). */
const pickRole = (entry: ReturnType<typeof getService>, name: string): string[] => entry.roles.filter((r) => r.name === name).map((r) => r.name);

const SCOPE_PREFIX = "/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers";

/** A resource name usable in a command: letters, digits, '-', '_', '.'; otherwise a placeholder. */
const safeName = (name: string, placeholder: string): string => (/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name) ? name : placeholder);

export function azureSteps(input: readonly TouchedService[]): AzureStep[] {
  const out: AzureStep[] = [];
  // Merge entries that grant the same roles on the same kind of resource.
  const merged = new Map<string, { service: ServiceId; resources: Set<string>; hostStorage?: boolean; roles?: readonly string[] }>();
  for (const t of input) {
    const key = `${t.service}|${t.hostStorage ? 1 : 0}|${rolesFor(t).join(",")}`;
    const cur = merged.get(key) ?? { service: t.service, resources: new Set<string>(), ...(t.hostStorage ? { hostStorage: true } : {}), ...(t.roles ? { roles: t.roles } : {}) };
    for (const r of t.resources) cur.resources.add(r);
    merged.set(key, cur);
  }
  const touched: TouchedService[] = [...merged.values()];
  const order = (t: TouchedService): string => `${t.service}|${t.hostStorage ? 1 : 0}|${rolesFor(t).join(",")}`;
  for (const t of [...touched].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))) {
    const entry = getService(t.service);
    const names = t.resources.size > 0 ? [...t.resources].sort() : [""];
    const scope = entry.roles[0]?.scope;
    const commands: string[] = [];
    let kind: AzureStep["kind"] = "shell";
    let note: string | undefined;
    let roles = rolesFor(t);
    if (t.service === "cosmos-db") {
      for (const n of names) {
        commands.push(
          `az cosmosdb sql role assignment create --account-name ${safeName(n, "<cosmos-account>")} --resource-group <resource-group> --role-definition-id 00000000-0000-0000-0000-000000000002 --principal-id <principal-id> --scope "/"`,
        );
      }
      roles = pickRole(entry, "Cosmos DB Built-in Data Contributor");
      note = "Cosmos DB data-plane role (not visible in IAM). Creating databases and containers needs a control-plane role or infrastructure as code.";
    } else if (t.service === "sql") {
      kind = "sql";
      commands.push("CREATE USER [<identity-name>] FROM EXTERNAL PROVIDER;", "ALTER ROLE db_datareader ADD MEMBER [<identity-name>];", "ALTER ROLE db_datawriter ADD MEMBER [<identity-name>];");
      roles = entry.roles.map((r) => r.name);
      note = `Run in the app's database${names[0] ? ` on ${names.join(", ")}` : ""}, signed in as the server's Microsoft Entra admin.`;
    } else if (t.service === "postgresql") {
      kind = "sql";
      commands.push(
        "select * from pgaadauth_create_principal('<identity-name>', false, false);",
        'GRANT USAGE ON SCHEMA public TO "<identity-name>";',
        'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "<identity-name>";',
      );
      roles = entry.roles.map((r) => r.name);
      note = `Run on the postgres database${names[0] ? ` of ${names.join(", ")}` : ""} as the server's Microsoft Entra admin (Entra authentication enabled).`;
    } else if (t.service === "mysql") {
      kind = "sql";
      commands.push("SET aad_auth_validate_oids_in_tenant = OFF;", "CREATE AADUSER '<identity-name>' IDENTIFIED BY '<client-id>';", "GRANT SELECT, INSERT, UPDATE, DELETE ON <database>.* TO '<identity-name>'@'%';");
      roles = entry.roles.map((r) => r.name);
      note = `Run${names[0] ? ` on ${names.join(", ")}` : ""} as the server's Microsoft Entra admin.`;
    } else if (t.service === "redis") {
      for (const n of names) {
        commands.push(
          `az redis access-policy-assignment create --resource-group <resource-group> --name ${safeName(n, "<cache-name>")} --policy-assignment-name <identity-name> --access-policy-name "Data Contributor" --object-id <principal-id> --object-id-alias <identity-name>`,
        );
      }
      roles = pickRole(entry, "Data Contributor");
      note = "Microsoft Entra authentication must be enabled on the cache; the username is the identity's object id.";
    } else if (scope === "azure-rbac" && PROVIDERS[t.service] && roles.length > 0 && t.service !== "entra-id") {
      for (const n of names) {
        const resource = `${SCOPE_PREFIX}/${PROVIDERS[t.service]}/${safeName(n, `<${t.service}-name>`)}`;
        for (const role of roles) commands.push(`az role assignment create --assignee <principal-id> --role "${role}" --scope ${resource}`);
      }
      if (t.service === "storage" && !t.hostStorage && !t.roles) note = "Queue, Table or File clients need the matching data role (Storage Queue Data Contributor, Storage Table Data Contributor, ...).";
      if (t.service === "service-bus" || t.service === "event-hubs") note = "Keep the Sender and/or Receiver role the app needs.";
    } else {
      kind = "manual";
      const what = roles.join(", ") || entry.summary;
      note = `Grant the identity access by hand: ${what.charAt(0).toLowerCase()}${what.slice(1)} (${entry.docs}).`;
    }
    if (t.hostStorage) note = "Functions host storage (AzureWebJobsStorage): the host needs these three roles on its account.";
    out.push({ service: t.service, displayName: entry.displayName, roles, commands, kind, ...(note ? { note } : {}), ...(t.hostStorage ? { hostStorage: true } : {}), resources: [...t.resources].sort() });
  }
  return out;
}

/** How to find the <principal-id> the commands need. */
export const PRINCIPAL_HINT =
  "<principal-id>: the app's identity, e.g. `az webapp identity assign -g <resource-group> -n <app> --query principalId -o tsv` (Functions: `az functionapp identity assign`; user-assigned: `az identity show -g <resource-group> -n <identity-name> --query principalId -o tsv`).";
