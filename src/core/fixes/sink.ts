/**
 * The table of credential-bearing SDK constructions ("sinks"): where a secret enters an Azure SDK
 * (or a driver that talks to an Azure service), which argument holds it, and the keyless form.
 *
 * The entries are declared per SDK family in src/core/fixes/recipes/<family>.ts; the registry
 * (recipes/index.ts) joins them into one table that drives both:
 * - the rule `prefer-managed-identity`, which flags these constructions even when the secret is not a
 *   literal (`fromConnectionString(process.env.X)`), and
 * - the fix recipes, which rewrite a matched construction to a TokenCredential.
 * This module holds the shapes of that table and the small builders several families share.
 *
 * Callees are described relative to the module's exports, so one entry matches every import style:
 * `import { BlobServiceClient } from "@azure/storage-blob"` + `BlobServiceClient.fromConnectionString(cs)`,
 * `import * as blob from "@azure/storage-blob"` + `blob.BlobServiceClient.fromConnectionString(cs)`,
 * `const { BlobServiceClient } = require("@azure/storage-blob")`, ... all resolve to the path
 * `["BlobServiceClient", "fromConnectionString"]` of module "@azure/storage-blob".
 * A default import used as an object is the module namespace (`import sql from "mssql"` +
 * `sql.connect(config)` is `["connect"]`); a default import called directly is `["default"]`
 * (`import MapsSearch from "@azure-rest/maps-search"` + `MapsSearch(credential)`).
 *
 * Signatures were checked against the installed type definitions (see msi-catalog.md §0 for versions).
 */
import type { ServiceId } from "../types.js";
import type { RecipeContext, RecipeResult, RewriteKit, SinkUse } from "./rewrite.js";

/** How the callee is reached from the module: `new A.B(...)` is `{ isNew: true, path: ["A", "B"] }`. */
export interface SinkCallee {
  readonly isNew: boolean;
  /** Export name, then member names. `["default"]` is the module's default export. */
  readonly path: readonly string[];
}

/**
 * Where the secret is, in the arguments of the construction.
 * - `connection-string`: the argument is a whole connection string (`Endpoint=...;SharedAccessKey=...`).
 * - `key`: the argument is a raw key, password or client secret.
 * - `property`: a property of an object-literal argument (`{ apiKey }`, `{ password }`); `path` walks
 *   nested object literals (tedious: `authentication.options.password`).
 * - `credential`: the argument is a credential object; it bears a secret when it is one of the key
 *   credential sinks below (`new AzureKeyCredential(k)`, `new StorageSharedKeyCredential(a, k)`, ...).
 */
export type SecretSlot =
  | { readonly kind: "connection-string"; readonly arg: number }
  | { readonly kind: "key"; readonly arg: number }
  | { readonly kind: "property"; readonly arg: number; readonly path: readonly string[] }
  | { readonly kind: "credential"; readonly arg: number };

/** Endpoints a recipe can derive from a parsed connection string. */
export type EndpointKind =
  | "blob"
  | "queue"
  | "file"
  | "dfs"
  | "table"
  | "amqp-namespace"
  | "cosmos"
  | "app-configuration"
  | "web-pubsub"
  | "communication"
  | "iot-hub-host";

/**
 * One argument of the keyless construction, built from the old call.
 * - `endpoint`: the endpoint derived from the connection string at `SecretSlot.arg`; `append` lists
 *   old arguments (container, queue, share names) joined to the URL as path segments.
 * - `arg`: the old argument at `index`, unchanged (omitted when the old call had none).
 * - `rest`: every old argument from `index` on (options, transport constructors...).
 * - `credential`: the TokenCredential expression (`new DefaultAzureCredential()` ...).
 * - `options-with`: the old options argument at `index` (or a new object) with properties added.
 * - `env`: a non-secret identifier read from the environment (e.g. the Maps account client id).
 * - `sas-url`: the URL at `SecretSlot.arg` without its query (the SAS): the resource's endpoint.
 */
export type ArgSpec =
  | { readonly from: "endpoint"; readonly endpoint: EndpointKind; readonly append?: readonly number[] }
  | { readonly from: "arg"; readonly index: number }
  | { readonly from: "rest"; readonly index: number }
  | { readonly from: "credential" }
  | { readonly from: "options-with"; readonly index: number; readonly properties: Readonly<Record<string, string>> }
  | { readonly from: "env"; readonly name: string }
  | { readonly from: "sas-url" };

/**
 * How a sink is rewritten.
 * - `construct`: a new construction (same or other callee) with the listed arguments.
 * - `credential`: the whole expression is a key credential; it becomes the TokenCredential, provided
 *   it is passed straight to a client constructor with a credential slot (and nothing else uses it).
 * - `recipe`: a family's own rewrite (Event Hubs overloads, Cosmos options, Azure OpenAI's token
 *   provider, mssql/tedious authentication), declared in its recipe file. It gets the rewrite helpers
 *   as `kit` (so that reading the sink table loads no rewrite code). `identityNames` lists the
 *   `@azure/identity` exports the rewritten code uses besides the credential class.
 */
export type Rewrite =
  | { readonly type: "construct"; readonly callee?: SinkCallee; readonly args: readonly ArgSpec[] }
  | { readonly type: "credential" }
  | {
      readonly type: "recipe";
      readonly apply: (use: SinkUse, ctx: RecipeContext, kit: RewriteKit) => RecipeResult;
      readonly identityNames?: readonly string[];
    };

export interface Sink {
  /** Stable id, e.g. "blob-service-from-connection-string". */
  readonly id: string;
  readonly service: ServiceId;
  /** Modules exporting the callee (the first is the canonical one). */
  readonly modules: readonly string[];
  readonly callee: SinkCallee;
  /** Human form of the secret-bearing call, e.g. "BlobServiceClient.fromConnectionString(cs)". */
  readonly form: string;
  readonly secret: SecretSlot;
  /** Human form of the keyless construction. */
  readonly keyless: string;
  /** How the fix rewrites it; absent when no automatic rewrite exists (see `manual`). */
  readonly rewrite?: Rewrite;
  /** The manual path, when the rewrite needs a human (or caveats the user must know about). */
  readonly manual?: string;
  /** A caveat stated in the fix description (e.g. File Share's admin-level access). */
  readonly caveat?: string;
  /** The secret slot holds a URL with a SAS in its query (`https://acct.blob.core.windows.net/c?sv=...&sig=...`). */
  readonly sasUrl?: boolean;
}

/** A URL whose query carries a SAS signature: its part before the query, else undefined. */
export function sasUrlBase(value: string): string | undefined {
  const m = /^(https:\/\/[^\s/?#]+(?:\/[^\s?#]*)?)\?([^\s#]*)$/i.exec(value.trim());
  if (!m || !/(?:^|&)sig=/i.test(m[2]!)) return undefined;
  return m[1]!.replace(/\/$/, "");
}

/**
 * Whether a sink fits a statically known secret value: a SAS URL goes to the URL sinks (`sasUrl`),
 * never to a connection-string sink of the same constructor, and a URL sink takes nothing else.
 */
export function sinkFitsValue(sink: Sink, value: string | undefined): boolean {
  const sas = value !== undefined && sasUrlBase(value) !== undefined;
  if (sink.sasUrl) return sas;
  return !(sas && sink.secret.kind === "connection-string");
}

export const newOf = (...path: string[]): SinkCallee => ({ isNew: true, path });
export const callOf = (...path: string[]): SinkCallee => ({ isNew: false, path });

export const sameCallee = (a: SinkCallee, isNew: boolean, path: readonly string[]): boolean =>
  a.isNew === isNew && a.path.length === path.length && a.path.every((p, i) => p === path[i]);

/** Clients built from `(connectionString, options?)` that have an `(endpoint, TokenCredential, options?)` overload. */
export function endpointClient(
  id: string,
  service: ServiceId,
  modules: string[],
  cls: string,
  endpoint: EndpointKind,
  extra: Partial<Sink> = {},
): Sink {
  return {
    id,
    service,
    modules,
    callee: newOf(cls),
    form: `new ${cls}(connectionString)`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}(endpoint, credential)`,
    rewrite: { type: "construct", args: [{ from: "endpoint", endpoint }, { from: "credential" }, { from: "rest", index: 1 }] },
    ...extra,
  };
}

/** Key credentials: the whole expression is replaced by the TokenCredential where it is passed to a client. */
export function keyCredential(id: string, service: ServiceId, modules: string[], cls: string, form: string, keyArg: number, extra: Partial<Sink> = {}): Sink {
  return {
    id,
    service,
    modules,
    callee: newOf(cls),
    form,
    secret: { kind: "key", arg: keyArg },
    keyless: "a TokenCredential (new DefaultAzureCredential() or new ManagedIdentityCredential()) in its place",
    rewrite: { type: "credential" },
    ...extra,
  };
}

/**
 * Client constructors with a credential argument: where a key credential (or a client-secret
 * credential) can be replaced by a TokenCredential. `extra` lists arguments the TokenCredential
 * overload needs beyond the credential (Maps needs its account client id).
 */
export interface CredentialSlot {
  readonly modules: readonly string[];
  readonly callee: SinkCallee;
  readonly service: ServiceId;
  /** Argument index of the credential. */
  readonly arg: number;
  /** Arguments inserted right after the credential by the TokenCredential overload. */
  readonly insertAfter?: readonly ArgSpec[];
  /** Options the TokenCredential form needs (File Share: fileRequestIntent). */
  readonly options?: { readonly index: number; readonly properties: Readonly<Record<string, string>> };
  readonly caveat?: string;
}

/** A client constructor `new cls(...)` whose argument `arg` is its credential. */
export const slot = (modules: string[], cls: string, service: ServiceId, arg: number, extra: Partial<CredentialSlot> = {}): CredentialSlot => ({
  modules,
  callee: newOf(cls),
  service,
  arg,
  ...extra,
});

/**
 * Constructions that reach an Azure service with a secret but have no automatic rewrite: the change
 * needs facts the code does not hold (the identity's database user name, a token refresh hook).
 * Used only to explain the manual path precisely; the rules do not flag from this list.
 */
export interface ManualSink {
  readonly modules: readonly string[];
  readonly callee: SinkCallee;
  readonly service: ServiceId;
  readonly manual: string;
}

// --- Azure Storage (blob, queue, file share, data lake, tables): two construction shapes ---------

export const FILE_INTENT = { fileRequestIntent: '"backup"' };
export const FILE_CAVEAT =
  'Azure Files accepts Entra tokens over REST only with `fileRequestIntent: "backup"`, which grants admin-level access that bypasses file and directory ACLs; share management still needs ARM.';

/** Storage service clients built from a connection string: `X.fromConnectionString(cs, options?)`. */
export function storageFromCs(id: string, service: "blob" | "queue" | "file" | "dfs" | "table", modules: string[], cls: string): Sink {
  const file = service === "file";
  return {
    id,
    service: "storage",
    modules,
    callee: callOf(cls, "fromConnectionString"),
    form: `${cls}.fromConnectionString(connectionString)`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}("https://<account>.${service}.core.windows.net", credential${file ? ', { fileRequestIntent: "backup" }' : ""})`,
    rewrite: {
      type: "construct",
      callee: newOf(cls),
      args: [
        { from: "endpoint", endpoint: service },
        { from: "credential" },
        file ? { from: "options-with", index: 1, properties: FILE_INTENT } : { from: "rest", index: 1 },
      ],
    },
    ...(file ? { caveat: FILE_CAVEAT } : {}),
  };
}

/** Storage clients whose constructor takes `(cs, name..., options?)`: the names join the URL. */
export function storageNamed(id: string, service: "blob" | "queue" | "file", modules: string[], cls: string, names: string[]): Sink {
  const file = service === "file";
  const append = names.map((_, i) => i + 1);
  const restIndex = names.length + 1;
  return {
    id,
    service: "storage",
    modules,
    callee: newOf(cls),
    form: `new ${cls}(connectionString, ${names.join(", ")})`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}(\`https://<account>.${service}.core.windows.net/${names.map((n) => `\${${n}}`).join("/")}\`, credential${file ? ', { fileRequestIntent: "backup" }' : ""})`,
    rewrite: {
      type: "construct",
      args: [
        { from: "endpoint", endpoint: service, append },
        { from: "credential" },
        file ? { from: "options-with", index: restIndex, properties: FILE_INTENT } : { from: "rest", index: restIndex },
      ],
    },
    ...(file ? { caveat: FILE_CAVEAT } : {}),
  };
}

/**
 * Storage clients built from a URL that carries a SAS (`new ContainerClient(urlWithSas)`): the URL
 * without its query, and a TokenCredential in the credential position (an old credential or pipeline
 * argument there is replaced; options after it stay).
 */
export function storageSasUrl(id: string, service: "blob" | "queue" | "file" | "dfs", modules: string[], cls: string): Sink {
  const file = service === "file";
  return {
    id,
    service: "storage",
    modules,
    callee: newOf(cls),
    form: `new ${cls}(urlWithSas)`,
    secret: { kind: "connection-string", arg: 0 },
    sasUrl: true,
    keyless: `new ${cls}("https://<account>.${service}.core.windows.net/...", credential${file ? ', { fileRequestIntent: "backup" }' : ""})`,
    rewrite: {
      type: "construct",
      args: [{ from: "sas-url" }, { from: "credential" }, file ? { from: "options-with", index: 2, properties: FILE_INTENT } : { from: "rest", index: 2 }],
    },
    ...(file ? { caveat: FILE_CAVEAT } : {}),
  };
}
