/**
 * The service catalog: one entry per ServiceId (one file per service), keyed by id. The type
 * `Record<ServiceId, CatalogEntry>` makes a missing service a compile error; a test checks the
 * facts that types cannot (ids match keys, docs URLs, roles).
 */
import type { ServiceId } from "../types.js";
import type { CatalogEntry } from "./types.js";
import { aiServices } from "./ai-services.js";
import { apiManagement } from "./api-management.js";
import { appConfiguration } from "./app-configuration.js";
import { applicationInsights } from "./application-insights.js";
import { batch } from "./batch.js";
import { communicationServices } from "./communication-services.js";
import { containerRegistry } from "./container-registry.js";
import { cosmosDb } from "./cosmos-db.js";
import { databricks } from "./databricks.js";
import { devops } from "./devops.js";
import { entraId } from "./entra-id.js";
import { eventGrid } from "./event-grid.js";
import { eventHubs } from "./event-hubs.js";
import { functions } from "./functions.js";
import { iotHub } from "./iot-hub.js";
import { keyVault } from "./key-vault.js";
import { maps } from "./maps.js";
import { mysql } from "./mysql.js";
import { notificationHubs } from "./notification-hubs.js";
import { postgresql } from "./postgresql.js";
import { redis } from "./redis.js";
import { relay } from "./relay.js";
import { search } from "./search.js";
import { serviceBus } from "./service-bus.js";
import { signalr } from "./signalr.js";
import { sql } from "./sql.js";
import { storage } from "./storage.js";
import { webPubsub } from "./web-pubsub.js";

export type { CatalogEntry, CatalogRole, CatalogVariant, MsiSupport, RoleScope, VariantMatchInput } from "./types.js";

/** Every service, in the order of SERVICE_IDS. */
export const CATALOG: Readonly<Record<ServiceId, CatalogEntry>> = {
  storage,
  "service-bus": serviceBus,
  "event-hubs": eventHubs,
  "cosmos-db": cosmosDb,
  sql,
  postgresql,
  mysql,
  redis,
  "app-configuration": appConfiguration,
  "key-vault": keyVault,
  "entra-id": entraId,
  signalr,
  "web-pubsub": webPubsub,
  search,
  "ai-services": aiServices,
  "event-grid": eventGrid,
  "iot-hub": iotHub,
  "notification-hubs": notificationHubs,
  "communication-services": communicationServices,
  maps,
  batch,
  functions,
  devops,
  "application-insights": applicationInsights,
  "container-registry": containerRegistry,
  relay,
  "api-management": apiManagement,
  databricks,
};

/** The catalog entry of a service. Throws on an unknown id (a programming error, not user input). */
export function getService(id: ServiceId): CatalogEntry {
  const entry = (CATALOG as Partial<Record<string, CatalogEntry>>)[id];
  if (!entry) throw new Error(`Unknown Azure service id: ${String(id)}`);
  return entry;
}
