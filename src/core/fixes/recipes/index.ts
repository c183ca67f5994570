/**
 * The recipe registry: one line per SDK family (one file each, sorted by file name). The sink table
 * that prefer-managed-identity reads, the credential slots and the manual-only constructions are
 * joined from these files. Adding a family: a new recipes/<family>.ts exporting a `RecipeFamily`
 * (its sinks, its rewrites, its samples) and a line below; test/fixes/samples.test.ts runs its samples.
 *
 * Cheap to import: plain data plus the families' rewrite functions (no runtime dependency beyond
 * src/core); lookups are linear scans over a table of about 50 entries.
 */
import type { RecipeFamily } from "../family.js";
import { sameCallee, type CredentialSlot, type ManualSink, type Sink } from "../sink.js";
import { aiServices } from "./ai-services.js";
import { appConfiguration } from "./app-configuration.js";
import { communication } from "./communication.js";
import { cosmos } from "./cosmos.js";
import { dataTables } from "./data-tables.js";
import { eventGrid } from "./event-grid.js";
import { eventHubs } from "./event-hubs.js";
import { identity } from "./identity.js";
import { iotHub } from "./iot-hub.js";
import { keyCredentials } from "./key-credentials.js";
import { maps } from "./maps.js";
import { mysql } from "./mysql.js";
import { notificationHubs } from "./notification-hubs.js";
import { postgresql } from "./postgresql.js";
import { redis } from "./redis.js";
import { search } from "./search.js";
import { serviceBus } from "./service-bus.js";
import { sql } from "./sql.js";
import { storageBlob } from "./storage-blob.js";
import { storageDatalake } from "./storage-datalake.js";
import { storageFileShare } from "./storage-file-share.js";
import { storageQueue } from "./storage-queue.js";
import { webPubsub } from "./web-pubsub.js";

export const FAMILIES: readonly RecipeFamily[] = [
  aiServices,
  appConfiguration,
  communication,
  cosmos,
  dataTables,
  eventGrid,
  eventHubs,
  identity,
  iotHub,
  keyCredentials,
  maps,
  mysql,
  notificationHubs,
  postgresql,
  redis,
  search,
  serviceBus,
  sql,
  storageBlob,
  storageDatalake,
  storageFileShare,
  storageQueue,
  webPubsub,
];

/** Every credential-bearing SDK construction, with its rewrite or its manual path. */
export const SINKS: readonly Sink[] = FAMILIES.flatMap((f) => f.sinks);

/** Client constructors whose credential argument accepts a TokenCredential. */
export const CREDENTIAL_SLOTS: readonly CredentialSlot[] = FAMILIES.flatMap((f) => f.credentialSlots ?? []);

/** Constructions with a secret but no automatic rewrite (used to explain the manual path precisely). */
export const MANUAL_SINKS: readonly ManualSink[] = FAMILIES.flatMap((f) => f.manualSinks ?? []);

/** Key credential classes (the `credential` rewrites), for rules that flag them by name. */
export const KEY_CREDENTIAL_SINKS: readonly Sink[] = SINKS.filter((s) => s.rewrite?.type === "credential");

/** Every module named in the table (a cheap prefilter: a file importing none of them has no sink). */
export const SINK_MODULES: ReadonlySet<string> = new Set([...SINKS.flatMap((s) => s.modules), ...CREDENTIAL_SLOTS.flatMap((s) => s.modules)]);

/**
 * The sinks a resolved callee matches: `module` is the import source, `path` the export path
 * (`["BlobServiceClient", "fromConnectionString"]`), `isNew` whether it is a `new` expression.
 * Several sinks may match one callee (`new CosmosClient(cs)` and `new CosmosClient({ key })`): the
 * caller picks by argument shape.
 */
export function sinksFor(module: string, path: readonly string[], isNew: boolean): Sink[] {
  return SINKS.filter((s) => s.modules.includes(module) && sameCallee(s.callee, isNew, path));
}

/** The credential slot of a client constructor, if it has one. */
export function credentialSlotFor(module: string, path: readonly string[], isNew: boolean): CredentialSlot | undefined {
  return CREDENTIAL_SLOTS.find((s) => s.modules.includes(module) && sameCallee(s.callee, isNew, path));
}

export function manualSinkFor(module: string, path: readonly string[], isNew: boolean): ManualSink | undefined {
  return MANUAL_SINKS.find((s) => s.modules.includes(module) && sameCallee(s.callee, isNew, path));
}
