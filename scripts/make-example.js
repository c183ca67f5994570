#!/usr/bin/env node
// Generates examples/leaky-app/ from examples/leaky-app.template/: every `__FAKE_<NAME>__` token is
// replaced by a fake but format-correct credential made by our own generators (dist/core, so run
// `npm run build` first). The repository only holds the template, never a realistic key.
//
// The same token table fills the scanner's test fixtures (test/scanner/fixtures.ts imports FAKES).
// Every value is deterministic (seeded by its name), so test expectations stay stable.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { B62, HEX, fakeBase64, fakeFromAlphabet, fakeHex, fakeIdentifiable, rng } from "../dist/core/keys/fake.js";
import { makeIdentifiableKey } from "../dist/core/keys/identifiable.js";
import { makeEntraSecret } from "../dist/core/keys/entra-secret.js";
import { makeAdoPat } from "../dist/core/keys/ado-pat.js";
import { makeCaskKey } from "../dist/core/keys/cask.js";
import { encodeBase64 } from "../dist/core/text/base64.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** An identifiable key whose characters are all base62 (AI Search keys have no + or /). */
function identifiableBase62(keyBytes, signature, seed, label) {
  for (let i = 0; ; i++) {
    const key = makeIdentifiableKey(keyBytes, signature, seed, rng(`${label}#${i}`));
    if (/^[A-Za-z0-9]+$/.test(key)) return key;
  }
}

/** A strong password: letters, digits and a few symbols that are safe in connection strings. */
const password = (label) => fakeFromAlphabet(6, B62, `${label}/a`) + "!" + fakeFromAlphabet(10, B62, `${label}/b`) + "_" + fakeFromAlphabet(4, HEX, `${label}/c`);

const guid = (label) => {
  const h = fakeHex(32, label);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};

const b64 = (text) => encodeBase64(new TextEncoder().encode(text));

/** Token name -> generator. Values are computed once per name. */
export const FAKES = {
  // Storage
  STORAGE_KEY: () => fakeIdentifiable(64, "+ASt", "Default0", "example/storage"),
  STORAGE_KEY_LEGACY: () => fakeBase64(64, "example/storage-legacy"),
  STORAGE_SAS_SIG: () => encodeURIComponent(fakeBase64(32, "example/storage-sas")),
  // Messaging
  SERVICE_BUS_KEY: () => fakeIdentifiable(32, "+ASb", "Manage00", "example/service-bus"),
  SERVICE_BUS_KEY_LEGACY: () => fakeBase64(32, "example/service-bus-legacy"),
  EVENT_HUBS_KEY: () => fakeIdentifiable(32, "+AEh", "Send0000", "example/event-hubs"),
  RELAY_KEY: () => fakeIdentifiable(32, "+ARm", "Listen00", "example/relay"),
  NOTIFICATION_HUBS_KEY: () => fakeBase64(32, "example/notification-hubs"),
  EVENT_GRID_KEY: () => fakeIdentifiable(32, "AZEG", "SendRecv", "example/event-grid"),
  // Data
  COSMOS_KEY: () => fakeIdentifiable(64, "ACDb", "MastRW00", "example/cosmos"),
  REDIS_KEY: () => fakeIdentifiable(32, "AzCa", "Access00", "example/redis"),
  SQL_PASSWORD: () => password("example/sql"),
  POSTGRES_PASSWORD: () => password("example/postgres"),
  MYSQL_PASSWORD: () => password("example/mysql"),
  APP_CONFIG_SECRET: () => fakeBase64(32, "example/app-configuration"),
  APP_CONFIG_ID: () => `${fakeFromAlphabet(4, B62, "example/app-config-id")}-l0-s0:${fakeFromAlphabet(20, B62, "example/app-config-id2")}`,
  // Identity
  ENTRA_SECRET: () => makeEntraSecret(rng("example/entra")),
  ENTRA_SECRET_2: () => makeEntraSecret(rng("example/entra-2")),
  TENANT_ID: () => guid("example/tenant"),
  CLIENT_ID: () => guid("example/client"),
  // AI and search
  OPENAI_KEY: () => fakeHex(32, "example/openai"),
  AI_SERVICES_KEY: () => makeCaskKey({ provider: "ACOG", providerReserved: "AAAA" }, rng("example/ai-services")),
  SEARCH_KEY: () => identifiableBase62(39, "AzSe", "PAdmin00", "example/search"),
  // Web, functions, APIs
  FUNCTIONS_KEY: () => fakeIdentifiable(40, "AzFu", "Functi00", "example/functions", true),
  APIM_KEY: () => fakeHex(32, "example/apim"),
  SIGNALR_KEY: () => fakeBase64(32, "example/signalr"),
  WEB_PUBSUB_KEY: () => fakeBase64(32, "example/web-pubsub"),
  COMMUNICATION_KEY: () => fakeBase64(64, "example/communication"),
  MAPS_KEY: () => makeCaskKey({ provider: "AZMP" }, rng("example/maps")),
  // Devices, compute, tooling
  IOT_HUB_KEY: () => fakeIdentifiable(32, "AIoT", "IoTHub00", "example/iot-hub"),
  IOT_DEVICE_KEY: () => fakeIdentifiable(32, "AIoT", "Device00", "example/iot-device"),
  BATCH_KEY: () => fakeIdentifiable(64, "+ABa", "AbAcct00", "example/batch"),
  ACR_PASSWORD: () => fakeIdentifiable(39, "+ACR", "ACRDflt0", "example/acr"),
  DEVOPS_PAT: () => makeAdoPat(rng("example/devops")),
  DATABRICKS_TOKEN: () => `dapi${fakeHex(32, "example/databricks")}`,
  APPINSIGHTS_KEY: () => guid("example/app-insights"),
  // Base64-wrapped values (Kubernetes Secret data)
  K8S_SERVICE_BUS_CONNECTION_B64: () =>
    b64(`Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${fake("SERVICE_BUS_KEY_LEGACY")}`),
  K8S_STORAGE_KEY_B64: () => b64(fake("STORAGE_KEY_LEGACY")),
};

const cache = new Map();

/** The fake value of one token name (e.g. "STORAGE_KEY"). */
export function fake(name) {
  if (!Object.hasOwn(FAKES, name)) throw new Error(`unknown fake token __FAKE_${name}__`);
  if (!cache.has(name)) cache.set(name, FAKES[name]());
  return cache.get(name);
}

export const TOKEN = /__FAKE_([A-Z0-9_]+?)__/g;

/** Replace every `__FAKE_<NAME>__` token in `text`. Unknown names throw (a typo in a template). */
export const fillTemplate = (text) => text.replace(TOKEN, (_m, name) => fake(name));

/** Copy a template folder, filling tokens in every text file; `_gitignore` becomes `.gitignore`. */
export function renderTemplateDir(from, to) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    const dest = path.join(to, name === "_gitignore" ? ".gitignore" : name);
    if (statSync(src).isDirectory()) renderTemplateDir(src, dest);
    else {
      const bytes = readFileSync(src);
      if (bytes.includes(0)) cpSync(src, dest);
      else writeFileSync(dest, fillTemplate(bytes.toString("utf8")));
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const template = path.join(root, "examples", "leaky-app.template");
  const target = path.join(root, "examples", "leaky-app");
  if (!existsSync(template)) {
    console.error(`make-example: ${template} not found`);
    process.exit(2);
  }
  rmSync(target, { recursive: true, force: true });
  renderTemplateDir(template, target);
  console.log(`make-example: wrote ${path.relative(process.cwd(), target) || target} (fake credentials, not committed)`);
}
