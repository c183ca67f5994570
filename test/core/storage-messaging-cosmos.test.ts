/**
 * The Storage, messaging (Service Bus, Event Hubs, Relay, Notification Hubs) and Cosmos DB
 * detectors, run through the real engine: their own samples, plus the details the generic detector
 * test does not check (severity, offsets pointing at the secret, service, fields, containers).
 * Fake keys are generated here; the only fixed keys are the published emulator keys.
 */
import { describe, expect, it } from "vitest";
import { compileDetectors, scanWith } from "../../src/core/detect/scan-text.js";
import { storageAccountKey } from "../../src/core/detectors/storage-account-key.js";
import { storageConnectionString } from "../../src/core/detectors/storage-connection-string.js";
import { storageSasToken } from "../../src/core/detectors/storage-sas-token.js";
import { serviceBusKey } from "../../src/core/detectors/service-bus-key.js";
import { eventHubsKey } from "../../src/core/detectors/event-hubs-key.js";
import { relayKey } from "../../src/core/detectors/relay-key.js";
import { notificationHubsKey } from "../../src/core/detectors/notification-hubs-key.js";
import { messagingSasToken } from "../../src/core/detectors/messaging-sas-token.js";
import { cosmosDbKey } from "../../src/core/detectors/cosmos-db-key.js";
import { fakeBase64, fakeIdentifiable } from "../../src/core/keys/fake.js";
import { COSMOS_EMULATOR_KEY, STORAGE_EMULATOR_KEY } from "../../src/core/keys/well-known.js";
import { createHmac } from "node:crypto";
import type { Detector, Finding } from "../../src/core/types.js";
import { superlinear } from "../linear.js";

const MINE: Detector[] = [
  storageAccountKey,
  storageConnectionString,
  storageSasToken,
  serviceBusKey,
  eventHubsKey,
  relayKey,
  notificationHubsKey,
  messagingSasToken,
  cosmosDbKey,
];
const compiled = compileDetectors(MINE);
const scan = (text: string, path = ""): Finding[] => scanWith(compiled, text, { path });

describe.each(MINE.map((d) => [d.id, d] as const))("%s samples", (_id, d) => {
  const s = d.samples();
  it.each(s.positive.map((t, i) => [i, t] as const))("positive %i", (_i, text) => {
    const found = scan(text).filter((f) => f.ruleId === d.id);
    expect(found.length).toBeGreaterThan(0);
  });
  it.each(s.negative.map((t, i) => [i, t] as const))("negative %i", (_i, text) => {
    expect(scan(text).filter((f) => f.ruleId === d.id)).toEqual([]);
  });
});

describe("storage-account-key", () => {
  const key = fakeBase64(64, "t-storage-1");

  it("points at the key and reports error", () => {
    const text = `const c = new StorageSharedKeyCredential("acct9", "${key}");`;
    const [f] = scan(text);
    expect(f?.ruleId).toBe("storage-account-key");
    expect(f?.secret).toBe(key);
    expect(f?.start).toBe(text.indexOf(key));
    expect(f?.severity).toBe("error");
    expect(f?.fields.AccountName).toBe("acct9");
  });

  it("reports the emulator key at info with a note", () => {
    const [f] = scan(`AccountKey=${STORAGE_EMULATOR_KEY}`);
    expect(f?.severity).toBe("info");
    expect(f?.note).toMatch(/emulator/);
  });

  it("finds identifiable keys without context and rejects a wrong checksum", () => {
    const id = fakeIdentifiable(64, "+ASt", "Default0", "t-storage-2");
    expect(scan(`x ${id} y`)).toHaveLength(1);
    const broken = `${id.slice(0, 80)}${id[80] === "A" ? "B" : "A"}${id.slice(81)}`;
    expect(scan(`x ${broken} y`)).toHaveLength(0);
  });

  it("ignores legacy-shaped values in lock files", () => {
    expect(scan(`accountKey: "${key}"`, "sub/package-lock.json")).toHaveLength(0);
  });

  it("leaves Cosmos connection strings alone", () => {
    const found = scan(`AccountEndpoint=https://db1.documents.azure.com:443/;AccountKey=${key};`);
    expect(found.filter((f) => f.ruleId.startsWith("storage-"))).toHaveLength(0);
  });

  it("finds a key passed on the next line", () => {
    const text = `const cred = new StorageSharedKeyCredential(\n  accountName,\n  "${key}"\n);`;
    expect(scan(text).map((f) => f.secret)).toEqual([key]);
  });
});

describe("storage-connection-string", () => {
  const key = fakeBase64(64, "t-storage-cs-1");
  const cs = `DefaultEndpointsProtocol=https;AccountName=acct7;AccountKey=${key};EndpointSuffix=core.windows.net`;

  it("points at the key, spans the whole string as container, and derives the endpoints", () => {
    const text = `const c = BlobServiceClient.fromConnectionString("${cs}");`;
    const found = scan(text);
    expect(found.map((f) => f.ruleId)).toEqual(["storage-connection-string"]);
    const f = found[0]!;
    expect(f.secret).toBe(key);
    expect(text.slice(f.container!.start, f.container!.end)).toBe(cs);
    expect(f.fields).toMatchObject({
      AccountName: "acct7",
      EndpointSuffix: "core.windows.net",
      BlobEndpoint: "https://acct7.blob.core.windows.net",
      DfsEndpoint: "https://acct7.dfs.core.windows.net",
    });
    expect(f.severity).toBe("error");
  });

  it("points at the signature of a SAS connection string and says user-delegation in a note", () => {
    const sig = encodeURIComponent(fakeBase64(32, "t-storage-cs-sig"));
    const sas = `BlobEndpoint=https://acct8.blob.core.windows.net;SharedAccessSignature=sv=2022-11-02&sr=c&sp=r&se=2030-01-01&skoid=00000000-0000-0000-0000-000000000001&sig=${sig}`;
    const [f] = scan(`"${sas}"`);
    expect(f?.secret).toBe(sig);
    expect(f?.fields.sasKind).toBe("storage-user-delegation");
    expect(f?.note).toMatch(/user-delegation/);
  });

  it("reports the emulator connection string at info", () => {
    const text = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${STORAGE_EMULATOR_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`;
    const found = scan(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("info");
  });

  it("finds every connection string in a file, in any case", () => {
    const text = `A=${cs}\nB=defaultendpointsprotocol=https;accountname=acct9;accountkey=${fakeBase64(64, "t-storage-cs-2")};endpointsuffix=core.windows.net\n`;
    expect(scan(text).map((f) => f.fields.AccountName)).toEqual(["acct7", "acct9"]);
  });
});

describe("storage-sas-token", () => {
  const sig = encodeURIComponent(fakeBase64(32, "t-sas-1"));
  const query = `sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${sig}`;

  it("points at the signature and keeps the SAS URL as container", () => {
    const url = `https://acct5.blob.core.windows.net/c1/a.txt?${query}`;
    const text = `fetch("${url}")`;
    const [f] = scan(text);
    expect(f?.ruleId).toBe("storage-sas-token");
    expect(f?.secret).toBe(sig);
    expect(text.slice(f!.container!.start, f!.container!.end)).toBe(url);
    expect(f?.fields).toMatchObject({ host: "acct5.blob.core.windows.net", AccountName: "acct5", sasKind: "storage-account", sp: "rl" });
    expect(f?.fields.resourceUrl).toBe("https://acct5.blob.core.windows.net/c1/a.txt");
  });

  it("reads a bare query assigned in .env and PowerShell", () => {
    for (const text of [`SAS=${query}`, `$sas = "?${query}"`, `sas=${query} # expires 2030`]) {
      expect(scan(text).map((f) => f.secret), text).toEqual([sig]);
    }
  });

  it("lets the connection-string detector own a SAS inside a connection string", () => {
    const all = compileDetectors([storageConnectionString, storageSasToken]);
    const found = scanWith(all, `"BlobEndpoint=https://acct5.blob.core.windows.net/;SharedAccessSignature=${query}"`);
    expect(found.map((f) => f.ruleId)).toEqual(["storage-connection-string"]);
  });

  it("reports an account SAS signed with the published emulator key at info, and one signed with another key at error", () => {
    const params = { sv: "2021-08-06", ss: "bqtf", srt: "sco", sp: "rwdlacup", st: "2024-01-01T00:00:00Z", se: "2030-01-01T00:00:00Z", spr: "https" };
    const sign = (key: string) => {
      const sts = ["devstoreaccount1", params.sp, params.ss, params.srt, params.st, params.se, "", params.spr, params.sv, "", ""].join("\n");
      return createHmac("sha256", Buffer.from(key, "base64")).update(sts).digest("base64");
    };
    const query = (sig: string) => `${new URLSearchParams(params).toString()}&sig=${encodeURIComponent(sig)}`;
    const [emu] = scan(`const sas = "${query(sign(STORAGE_EMULATOR_KEY))}";`);
    expect(emu?.severity).toBe("info");
    expect(emu?.fields.signedWith).toBe("emulator-key");
    const [real] = scan(`const sas = "${query(sign(fakeBase64(64, "t-sas-other-key")))}";`);
    expect(real?.severity).toBe("error");
  });

  it("reports an emulator SAS URL at info", () => {
    const [f] = scan(`http://127.0.0.1:10000/devstoreaccount1/c1?${query}`);
    expect(f?.severity).toBe("info");
  });
});

describe("Service Bus family keys", () => {
  const key = fakeBase64(32, "t-msg-1");
  const ns = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey";

  it("points at the key, keeps the connection string as container, and fills the namespace fields", () => {
    const cs = `${ns};SharedAccessKey=${key};EntityPath=q1`;
    const text = `const sb = new ServiceBusClient("${cs}");`;
    const found = scan(text);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.ruleId).toBe("service-bus-key");
    expect(f.service).toBe("service-bus");
    expect(f.secret).toBe(key);
    expect(text.slice(f.container!.start, f.container!.end)).toBe(cs);
    expect(f.fields).toMatchObject({
      fullyQualifiedNamespace: "orders-ns.servicebus.windows.net",
      EntityPath: "q1",
      SharedAccessKeyName: "RootManageSharedAccessKey",
      serviceFrom: "context",
    });
  });

  it("chooses the service by signature, rule name, context, then EntityPath", () => {
    const eh = fakeIdentifiable(32, "+AEh", "Send0000", "t-msg-2");
    const rm = fakeIdentifiable(32, "+ARm", "Listen00", "t-msg-3");
    const sb = fakeIdentifiable(32, "+ASb", "Manage00", "t-msg-4");
    const ids = (text: string) => scan(text).map((f) => f.ruleId);
    expect(ids(`x=${ns};SharedAccessKey=${eh}`)).toEqual(["event-hubs-key"]);
    expect(ids(`x ${rm} y`)).toEqual(["relay-key"]);
    expect(ids(`x ${sb} y`)).toEqual(["service-bus-key"]);
    expect(ids(`x="Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${key}"`)).toEqual([
      "notification-hubs-key",
    ]);
    expect(ids(`"Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=${key};EntityPath=h"`)).toEqual(["event-hubs-key"]);
    expect(ids(`"Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=${key}"`)).toEqual(["service-bus-key"]);
    const [f] = scan(`"Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=${key};EntityPath=h"`);
    expect(f?.note).toMatch(/EntityPath/);
  });

  it("prefers the name a connection string is assigned to over a neighbouring service word", () => {
    const other = fakeBase64(32, "t-msg-6");
    const text = `{\n  "ServiceBusConnection": "Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${key}",\n  "NotificationHub": "Endpoint=sb://b.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${other}"\n}`;
    expect(scan(text).map((f) => f.ruleId)).toEqual(["service-bus-key", "notification-hubs-key"]);
  });

  it("rejects a wrong checksum on a bare key and leaves IoT Hub connection strings alone", () => {
    const sb = fakeIdentifiable(32, "+ASb", "Send0000", "t-msg-5");
    const broken = `${sb.slice(0, 40)}${sb[40] === "A" ? "B" : "A"}${sb.slice(41)}`;
    expect(scan(`x ${broken} y`)).toHaveLength(0);
    expect(scan(`"HostName=hub1.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${key}"`)).toHaveLength(0);
  });
});

describe("messaging-sas-token", () => {
  const sig = encodeURIComponent(fakeBase64(32, "t-msg-sas-1"));
  const token = `SharedAccessSignature sr=https%3A%2F%2Ftelemetry-ns.servicebus.windows.net%2Fclicks&sig=${sig}&se=1893456000&skn=send`;

  it("points at the signature and names the resource", () => {
    const text = `const auth = "${token}";`;
    const [f] = scan(text);
    expect(f?.ruleId).toBe("messaging-sas-token");
    expect(f?.secret).toBe(sig);
    expect(text.slice(f!.container!.start, f!.container!.end)).toBe(token);
    expect(f?.fields).toMatchObject({ sr: "https://telemetry-ns.servicebus.windows.net/clicks", skn: "send", EntityPath: "clicks" });
    expect(f?.service).toBe("event-hubs");
  });

  it("keeps a connection string carrying the token as container", () => {
    const cs = `Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessSignature=${token};EntityPath=clicks`;
    const text = `x = "${cs}"`;
    const found = scan(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.container!.start, found[0]!.container!.end)).toBe(cs);
  });

  it("reports IoT Hub tokens as iot-hub", () => {
    const [f] = scan(`SharedAccessSignature sr=hub1.azure-devices.net%2Fdevices%2Fd1&sig=${sig}&se=1893456000`);
    expect(f?.service).toBe("iot-hub");
  });
});

describe("cosmos-db-key", () => {
  const key = fakeBase64(64, "t-cosmos-1");

  it("reports a connection string with its endpoint and container", () => {
    const cs = `AccountEndpoint=https://db1.documents.azure.com:443/;AccountKey=${key};`;
    const text = `const c = new CosmosClient("${cs}");`;
    const found = scan(text);
    expect(found.map((f) => f.ruleId)).toEqual(["cosmos-db-key"]);
    expect(found[0]!.secret).toBe(key);
    expect(found[0]!.fields.AccountEndpoint).toBe("https://db1.documents.azure.com:443/");
    expect(text.slice(found[0]!.container!.start, found[0]!.container!.end)).toBe(cs);
  });

  it("wins over the Storage detectors on a Table API connection string", () => {
    const text = `"DefaultEndpointsProtocol=https;AccountName=db1;AccountKey=${key};TableEndpoint=https://db1.table.cosmos.azure.com:443/;"`;
    const found = scan(text);
    expect(found.map((f) => [f.ruleId, f.service])).toEqual([["cosmos-db-key", "cosmos-db"]]);
  });

  it("reports the emulator key at info and an ACDb key anywhere", () => {
    const [emu] = scan(`AccountEndpoint=https://localhost:8081/;AccountKey=${COSMOS_EMULATOR_KEY}`);
    expect(emu?.severity).toBe("info");
    expect(emu?.note).toMatch(/emulator/);
    const id = fakeIdentifiable(64, "ACDb", "SystRO00", "t-cosmos-2");
    expect(scan(`x ${id} y`).map((f) => f.ruleId)).toEqual(["cosmos-db-key"]);
  });

  it("needs a Cosmos endpoint or client for a generic key name", () => {
    expect(scan(`const options = { key: "${key}" };`)).toHaveLength(0);
    expect(scan(`const options = { endpoint: "https://db1.documents.azure.com", key: "${key}" };`).map((f) => f.ruleId)).toEqual(["cosmos-db-key"]);
  });
});

describe("adversarial input", () => {
  // Repeated anchors without the rest of a credential: every detector must stay linear. The bound is
  // generous (the machine is shared); quadratic behaviour on 200 KB takes tens of seconds.
  const N = 200_000;
  const inputs: Record<string, string> = {
    accountKeys: "AccountKey=".repeat(N / 11),
    accountKeyFields: "AccountKey=a;".repeat(N / 13),
    sigs: "&sv=2020-01-01&sig=".repeat(N / 19),
    sasTokens: "SharedAccessSignature sr=".repeat(N / 25),
    sharedAccessKeys: "SharedAccessKey=".repeat(N / 16),
    base64Run: "Aa+/".repeat(N / 4),
    equals: "=".repeat(N),
    cosmosNames: "cosmos key=".repeat(N / 11),
    hosts: ".core.windows.net key=".repeat(N / 22),
    sasSpaces: `SharedAccessSignature=SharedAccessSignature ${" ".repeat(50)}`.repeat(N / 95),
  };
  it.each(Object.entries(inputs))("%s", (_name, text) => {
    expect(scan(text)).toEqual([]);
    // 8x the input must not cost quadratically more (a time ratio, never a wall-clock limit).
    const eighth = text.slice(0, Math.floor(text.length / 8));
    expect(superlinear(() => scan(eighth), () => scan(text))).toBeUndefined();
  });
});

describe("never findings: placeholders, references, emulators, identity-based settings", () => {
  const placeholders = ["<key>", "<your-account-key>", "${STORAGE_KEY}", "$(StorageKey)", "{{ storage_key }}", "#{StorageKey}#", "%STORAGE_KEY%", "xxxx", "***", "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/k/)"];
  const padded = (p: string, n: number) => (p + "x".repeat(n)).slice(0, n - 2) + "==";
  const contexts = (p: string) => [
    `"DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${p};EndpointSuffix=core.windows.net"`,
    `AZURE_STORAGE_KEY=${p}`,
    `"Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${p}"`,
    `"AccountEndpoint=https://db1.documents.azure.com:443/;AccountKey=${p};"`,
    `https://acct1.blob.core.windows.net/c?sv=2022-11-02&sp=r&se=2030-01-01&sig=${p}`,
    `SharedAccessSignature sr=https%3A%2F%2Fns1.servicebus.windows.net%2Fq&sig=${p}&se=1893456000&skn=send`,
  ];
  it.each(placeholders)("%s", (p) => {
    for (const text of [...contexts(p), ...contexts(padded(p, 88)), ...contexts(padded(p, 44).replace(/==$/, "x="))]) {
      expect(scan(text), text).toEqual([]);
    }
  });

  it("ignores documentation keys with keyboard-mashed parts", () => {
    const k = fakeBase64(32, "t-qwerty");
    const masked = `${k.slice(0, 10)}qwerty${k.slice(16)}`;
    expect(scan(`"Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${masked}"`)).toEqual([]);
  });

  it("ignores the Service Bus emulator whatever its key", () => {
    const key = fakeBase64(32, "t-emu-sb");
    expect(scan(`"Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key};UseDevelopmentEmulator=true;"`)).toEqual([]);
    expect(scan(`"Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}"`)).toEqual([]);
  });

  it("ignores identity-based and reference settings", () => {
    for (const text of [
      "AzureWebJobsStorage__accountName=acct1",
      "AzureWebJobsStorage__blobServiceUri=https://acct1.blob.core.windows.net",
      "ServiceBusConnection__fullyQualifiedNamespace=ns1.servicebus.windows.net",
      "CosmosDbConnection__accountEndpoint=https://db1.documents.azure.com:443/",
      "AzureWebJobsStorage=UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1",
      'primary_access_key = azurerm_storage_account.main.primary_access_key',
      "value: listKeys(storageAccount.id, '2023-01-01').keys[0].value",
    ]) {
      expect(scan(text), text).toEqual([]);
    }
  });

  it("ignores sha512 integrity hashes and lock files", () => {
    const h = fakeBase64(64, "t-integrity");
    expect(scan(`"integrity": "sha512-${h}", "storageKey": "sha512-${h}"`)).toEqual([]);
    expect(scan(`  resolved "https://registry.yarnpkg.com/x"\n  integrity sha512-${h}\n  accountKey "${h}"`, "yarn.lock")).toEqual([]);
  });
});
