/**
 * Unit tests of the connection-string and SAS grammars. Keys are generated (fake.ts), never literals.
 */
import { describe, expect, it } from "vitest";
import {
  connectionStringService,
  findConnectionString,
  hostOf,
  messagingInfo,
  parseConnectionString,
  parseSasQuery,
  percentDecode,
  sasKind,
  sasSignatureLooksReal,
  serviceFromHost,
  storageEndpoints,
} from "../../src/core/keys/connection-string.js";
import { fakeBase64, fakeFromAlphabet, rng } from "../../src/core/keys/fake.js";

const storageKey = fakeBase64(64, "cs-test-storage");
const sbKey = fakeBase64(32, "cs-test-sb");
const sig = encodeURIComponent(fakeBase64(32, "cs-test-sig"));

describe("parseConnectionString", () => {
  const cs = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${storageKey};EndpointSuffix=core.windows.net`;

  it("splits fields and keeps `=` inside values", () => {
    const p = parseConnectionString(cs);
    expect(p.fields.map((f) => f.key)).toEqual(["DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix"]);
    expect(p.value("AccountKey")).toBe(storageKey);
    expect(p.value("AccountKey")!.endsWith("==")).toBe(true);
  });

  it("looks keys up case-insensitively and normalises inner whitespace", () => {
    const p = parseConnectionString(`accountname=a;ACCOUNTKEY=${storageKey};Initial  Catalog=db`);
    expect(p.value("AccountKey")).toBe(storageKey);
    expect(p.get("accountName")?.value).toBe("a");
    expect(p.value("initial catalog")).toBe("db");
    expect(p.has("EndpointSuffix")).toBe(false);
    expect(p.value("EndpointSuffix")).toBeUndefined();
  });

  it("reports absolute value offsets that point at the secret", () => {
    const text = `const s = "${cs}";`;
    const start = text.indexOf('"') + 1;
    const end = text.lastIndexOf('"');
    const p = parseConnectionString(text, start, end);
    const f = p.get("AccountKey")!;
    expect(text.slice(f.valueStart, f.valueEnd)).toBe(storageKey);
    expect(text.slice(f.keyStart, f.keyEnd)).toBe("AccountKey");
    expect(p.start).toBe(start);
    expect(p.end).toBe(end);
  });

  it("trims whitespace around keys and values and skips empty or key-less segments", () => {
    const text = ` ; AccountName = acct ;;junk; AccountKey =  ${storageKey}  ;`;
    const p = parseConnectionString(text);
    expect(p.fields.map((f) => [f.key, f.value])).toEqual([
      ["AccountName", "acct"],
      ["AccountKey", storageKey],
    ]);
    const f = p.get("accountkey")!;
    expect(text.slice(f.valueStart, f.valueEnd)).toBe(storageKey);
  });

  it("keeps the first of duplicated keys for lookup and all of them in fields", () => {
    const p = parseConnectionString("Endpoint=a;Endpoint=b");
    expect(p.value("endpoint")).toBe("a");
    expect(p.fields).toHaveLength(2);
  });

  it("keeps a SharedAccessSignature value whole", () => {
    const text = `BlobEndpoint=https://acct1.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=${sig}`;
    const p = parseConnectionString(text);
    expect(p.value("SharedAccessSignature")).toContain(`sig=${sig}`);
  });

  it("is total on odd input", () => {
    for (const input of ["", ";", "=", "==;==", "a", "=a;b=", "\u0000;\uffff=\ud800", ";".repeat(1000)]) {
      expect(() => parseConnectionString(input)).not.toThrow();
    }
    expect(parseConnectionString("=a;b=").fields).toEqual([
      { key: "b", value: "", keyStart: 3, keyEnd: 4, valueStart: 5, valueEnd: 5 },
    ]);
    expect(parseConnectionString("abc", -5, 99).end).toBe(3);
    expect(parseConnectionString("abc", 2, 1).fields).toEqual([]);
    expect(parseConnectionString("a=b", Number.NaN, Number.POSITIVE_INFINITY).value("a")).toBe("b");
  });

  it("is total on random input", () => {
    const r = rng("cs-random");
    const alphabet = "ab=;&? \n\"'AccountKey:/.%";
    for (let i = 0; i < 300; i++) {
      const s = fakeFromAlphabet(Math.floor(r() * 80), alphabet, `cs-random-${i}`);
      const at = Math.floor(r() * (s.length + 2)) - 1;
      expect(() => parseConnectionString(s)).not.toThrow();
      expect(() => findConnectionString(s, at)).not.toThrow();
      expect(() => parseSasQuery(s, at)).not.toThrow();
      const p = findConnectionString(s, at);
      expect(p.start).toBeLessThanOrEqual(p.end);
      for (const f of p.fields) {
        expect(s.slice(f.valueStart, f.valueEnd)).toBe(f.value);
        expect(f.valueStart).toBeGreaterThanOrEqual(p.start);
        expect(f.valueEnd).toBeLessThanOrEqual(p.end);
      }
    }
  });
});

describe("findConnectionString", () => {
  const cs = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${storageKey};EndpointSuffix=core.windows.net`;
  const bounds = (text: string): string => {
    const p = findConnectionString(text, text.indexOf("AccountKey"));
    return text.slice(p.start, p.end);
  };

  it("finds the literal inside quotes (TS, JSON, XML attribute)", () => {
    expect(bounds(`const s = "${cs}";`)).toBe(cs);
    expect(bounds(`{ "Storage": "${cs}" }`)).toBe(cs);
    expect(bounds(`<add name="s" connectionString='${cs}' />`)).toBe(cs);
    expect(bounds(`const s = \`${cs}\`;`)).toBe(cs);
  });

  it("strips an assignment before the first key (.env, shell, YAML, PowerShell)", () => {
    expect(bounds(`AZURE_STORAGE_CONNECTION_STRING=${cs}\nOTHER=1`)).toBe(cs);
    expect(bounds(`export AZURE_STORAGE_CONNECTION_STRING=${cs}`)).toBe(cs);
    expect(bounds(`storage:\n  connection: ${cs}\n`)).toBe(cs);
    expect(bounds(`$env:CONN=${cs}`)).toBe(cs);
    expect(bounds(`// connect with ${cs} here`)).toBe(cs);
  });

  it("ends at whitespace after a value, but not inside a messaging SAS value or a key", () => {
    const sas = `Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=sb%3a%2f%2fns1.servicebus.windows.net%2f&sig=${sig}&se=1893456000&skn=RootManageSharedAccessKey`;
    const text = `conn = ${sas} trailing words`;
    const p = findConnectionString(text, text.indexOf("SharedAccessSignature"));
    expect(text.slice(p.start, p.end)).toBe(sas);
    expect(p.value("SharedAccessSignature")).toContain("skn=RootManageSharedAccessKey");
    const sql = "Server=tcp:srv.database.windows.net,1433;Initial Catalog=db;User ID=u;Password=pw;";
    const q = findConnectionString(`"${sql}"`, 10);
    expect(q.value("User ID")).toBe("u");
    expect(q.value("Password")).toBe("pw");
  });

  it("keeps unknown first keys unless an assignment precedes a known grammar", () => {
    const pg = findConnectionString(`PG=Host=srv.postgres.database.azure.com;Username=u;Password=p`, 10);
    expect(pg.fields.map((f) => f.key)).toEqual(["Host", "Username", "Password"]);
    const custom = findConnectionString(`"Foo=1;AccountKey=k"`, 10);
    expect(custom.fields.map((f) => f.key)).toEqual(["Foo", "AccountKey"]);
  });

  it("handles a concatenated piece and a truncated text", () => {
    const text = `"AccountKey=${storageKey}" + ";EndpointSuffix=core.windows.net"`;
    const p = findConnectionString(text, 1);
    expect(p.value("AccountKey")).toBe(storageKey);
    const cut = `AccountKey=${storageKey.slice(0, 20)}`;
    expect(findConnectionString(cut, 0).value("AccountKey")).toBe(storageKey.slice(0, 20));
  });

  it("respects the window it is given", () => {
    const text = `xx AccountName=a;AccountKey=${storageKey};EndpointSuffix=core.windows.net`;
    const p = findConnectionString(text, text.indexOf("AccountKey"), text.indexOf("AccountKey"), text.indexOf(";End"));
    expect(p.fields.map((f) => f.key)).toEqual(["AccountKey"]);
  });
});

describe("services and endpoints", () => {
  it("derives the service from host suffixes", () => {
    expect(serviceFromHost("acct.blob.core.windows.net")).toBe("storage");
    expect(serviceFromHost("acct.table.cosmos.azure.com")).toBe("cosmos-db");
    expect(serviceFromHost("acct.documents.azure.com")).toBe("cosmos-db");
    expect(serviceFromHost("ns.servicebus.windows.net")).toBe("service-bus");
    expect(serviceFromHost("store.azconfig.io")).toBe("app-configuration");
    expect(serviceFromHost("x.service.signalr.net")).toBe("signalr");
    expect(serviceFromHost("x.webpubsub.azure.com")).toBe("web-pubsub");
    expect(serviceFromHost("x.communication.azure.com")).toBe("communication-services");
    expect(serviceFromHost("hub.azure-devices.net")).toBe("iot-hub");
    expect(serviceFromHost("srv.database.windows.net")).toBe("sql");
    expect(serviceFromHost("srv.postgres.database.azure.com")).toBe("postgresql");
    expect(serviceFromHost("cache.redis.cache.windows.net")).toBe("redis");
    expect(serviceFromHost("acct.blob.core.usgovcloudapi.net")).toBe("storage");
    expect(serviceFromHost("example.com")).toBeUndefined();
    expect(serviceFromHost("notcore.windows.net")).toBeUndefined();
  });

  it("extracts hosts from URL-ish values", () => {
    expect(hostOf("sb://NS1.servicebus.windows.net/")).toBe("ns1.servicebus.windows.net");
    expect(hostOf("https://acct.documents.azure.com:443/")).toBe("acct.documents.azure.com");
    expect(hostOf("tcp:srv.database.windows.net,1433")).toBe("srv.database.windows.net");
    expect(hostOf("hub.azure-devices.net")).toBe("hub.azure-devices.net");
    expect(hostOf("")).toBeUndefined();
  });

  it("names the service of whole connection strings", () => {
    const svc = (s: string) => connectionStringService(parseConnectionString(s));
    expect(svc(`DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${storageKey}`)).toBe("storage");
    expect(svc(`AccountName=a;AccountKey=${storageKey};EndpointSuffix=core.chinacloudapi.cn`)).toBe("storage");
    expect(svc(`AccountEndpoint=https://a.documents.azure.com:443/;AccountKey=${storageKey};`)).toBe("cosmos-db");
    expect(svc(`DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${storageKey};TableEndpoint=https://a.table.cosmos.azure.com:443/;`)).toBe("cosmos-db");
    expect(svc(`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=r;SharedAccessKey=${sbKey}`)).toBe("service-bus");
    expect(svc(`HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${sbKey}`)).toBe("iot-hub");
    expect(svc("Endpoint=https://s.azconfig.io;Id=abc;Secret=xyz")).toBe("app-configuration");
    expect(svc("foo=bar")).toBeUndefined();
  });

  it("derives storage endpoints from AccountName and EndpointSuffix", () => {
    const e = storageEndpoints(
      parseConnectionString(`DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${storageKey};EndpointSuffix=core.usgovcloudapi.net`),
    );
    expect(e).toEqual({
      protocol: "https",
      accountName: "acct1",
      endpointSuffix: "core.usgovcloudapi.net",
      blob: "https://acct1.blob.core.usgovcloudapi.net",
      queue: "https://acct1.queue.core.usgovcloudapi.net",
      file: "https://acct1.file.core.usgovcloudapi.net",
      table: "https://acct1.table.core.usgovcloudapi.net",
      dfs: "https://acct1.dfs.core.usgovcloudapi.net",
    });
  });

  it("prefers explicit endpoints and takes the account from their host", () => {
    const e = storageEndpoints(
      parseConnectionString(`BlobEndpoint=https://acct2.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sig=${sig}`),
    );
    expect(e.accountName).toBe("acct2");
    expect(e.blob).toBe("https://acct2.blob.core.windows.net");
    expect(e.dfs).toBe("https://acct2.dfs.core.windows.net");
    expect(e.queue).toBe("https://acct2.queue.core.windows.net");
  });

  it("drops a query (a pasted SAS) from explicit endpoints", () => {
    const e = storageEndpoints(parseConnectionString(`BlobEndpoint=https://acct2.blob.core.windows.net/?sv=2022-11-02&sig=${sig}`));
    expect(e.blob).toBe("https://acct2.blob.core.windows.net");
  });

  it("takes the account from the path of emulator endpoints", () => {
    const e = storageEndpoints(parseConnectionString("BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"));
    expect(e.accountName).toBe("devstoreaccount1");
    expect(e.blob).toBe("http://127.0.0.1:10000/devstoreaccount1");
  });

  it("derives the messaging namespace and entity", () => {
    const m = messagingInfo(
      parseConnectionString(`Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey};EntityPath=hub1`),
    );
    expect(m).toEqual({
      endpoint: "sb://ns1.servicebus.windows.net/",
      fullyQualifiedNamespace: "ns1.servicebus.windows.net",
      entityPath: "hub1",
      sharedAccessKeyName: "RootManageSharedAccessKey",
    });
    expect(messagingInfo(parseConnectionString("x=y"))).toEqual({});
  });
});

describe("SAS query strings", () => {
  it("parses an account SAS with offsets", () => {
    const q = `?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig}`;
    const text = `url = "https://acct.blob.core.windows.net/${q}"`;
    const p = parseSasQuery(text, text.indexOf("?"));
    expect(p.params.map((x) => x.name)).toEqual(["sv", "ss", "srt", "sp", "se", "st", "spr", "sig"]);
    const s = p.get("SIG")!;
    expect(text.slice(s.valueStart, s.valueEnd)).toBe(sig);
    expect(text.slice(p.end, p.end + 1)).toBe('"');
    expect(sasKind(p)).toBe("storage-account");
    expect(sasSignatureLooksReal(s.value)).toBe(true);
  });

  it("recognises service, user-delegation and messaging SAS", () => {
    expect(sasKind(parseSasQuery(`sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${sig}`))).toBe("storage-service");
    expect(sasKind(parseSasQuery(`sv=2022-11-02&sr=c&sp=r&se=2030-01-01&skoid=00000000-1111-2222-3333-444444444444&sig=${sig}`))).toBe(
      "storage-user-delegation",
    );
    const msg = parseSasQuery(`SharedAccessSignature sr=sb%3a%2f%2fns.servicebus.windows.net%2f&sig=${sig}&se=1893456000&skn=RootManageSharedAccessKey`);
    expect(sasKind(msg)).toBe("messaging");
    expect(msg.value("skn")).toBe("RootManageSharedAccessKey");
    expect(sasKind(parseSasQuery("sv=2022-11-02&se=2030-01-01"))).toBe("unknown");
    expect(sasKind(parseSasQuery(`a=1&sig=${sig}`))).toBe("unknown");
  });

  it("splits on &amp; in XML attributes and stops at quotes, whitespace and `;`", () => {
    const text = `<add value="sv=2022-11-02&amp;sp=r&amp;sig=${sig}" />`;
    const p = parseSasQuery(text, text.indexOf("sv="));
    expect(p.params.map((x) => x.name)).toEqual(["sv", "sp", "sig"]);
    expect(p.value("sig")).toBe(sig);
    expect(parseSasQuery("sv=1&sig=abc;Next=1").end).toBe("sv=1&sig=abc".length);
  });

  it("checks the signature shape and decodes percent-encoding safely", () => {
    expect(sasSignatureLooksReal("abc")).toBe(false);
    expect(sasSignatureLooksReal("%ZZ")).toBe(false);
    expect(percentDecode("%2B%2F%3D")).toBe("+/=");
    expect(percentDecode("%E0%A4%A")).toBe("%E0%A4%A");
  });
});
