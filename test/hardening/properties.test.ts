/**
 * Property-based tests (fast-check) of the parsers: they never throw on any input or any offsets,
 * they round-trip the fields of strings built from random fields, and the endpoints and hosts they
 * derive are valid URLs and hosts (new URL() accepts them, the host is the one expected).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
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
import { decodeBase32, adoPatKind } from "../../src/core/keys/ado-pat.js";
import { parseCask, validateCask } from "../../src/core/keys/cask.js";
import { decodeBase64 } from "../../src/core/text/base64.js";
import { findChains } from "../../src/core/text/concat.js";
import { scanText } from "../../src/core/index.js";

const RUNS = { numRuns: 300 };
const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet.split("")), { minLength: min, maxLength: max }).map((a) => a.join(""));
const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** Anything, biased towards the grammar's own punctuation. */
const noisy = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: fc.constantFrom(..."=;&?%+/ \t\n\"'ab1<>{}[](),#".split("")), maxLength: 200 }), fc.string({ unit: "binary", maxLength: 100 }));
const offset = fc.integer({ min: -10, max: 260 });

describe("never throw, on any input and any offsets", () => {
  it("parseConnectionString, findConnectionString and the derived fields", () => {
    fc.assert(
      fc.property(noisy, offset, offset, offset, (text, a, b, c) => {
        for (const cs of [parseConnectionString(text), parseConnectionString(text, a, b), findConnectionString(text, a, b, c)]) {
          expect(cs.start).toBeLessThanOrEqual(cs.end);
          for (const f of cs.fields) {
            expect(text.slice(f.keyStart, f.keyEnd)).toBe(f.key);
            expect(text.slice(f.valueStart, f.valueEnd)).toBe(f.value);
          }
          storageEndpoints(cs);
          messagingInfo(cs);
        }
      }),
      RUNS,
    );
  });

  it("parseSasQuery and its helpers", () => {
    fc.assert(
      fc.property(noisy, offset, offset, (text, a, b) => {
        for (const q of [parseSasQuery(text), parseSasQuery(text, a, b)]) {
          expect(q.start).toBeLessThanOrEqual(q.end);
          for (const p of q.params) {
            expect(text.slice(p.nameStart, p.valueStart - 1)).toBe(p.name);
            expect(text.slice(p.valueStart, p.valueEnd)).toBe(p.value);
            percentDecode(p.value);
            sasSignatureLooksReal(p.value);
          }
          sasKind(q);
        }
      }),
      RUNS,
    );
  });

  it("hosts, base64/base32, CASK, concatenation chains and the whole engine", () => {
    fc.assert(
      fc.property(noisy, (text) => {
        const host = hostOf(text);
        if (host !== undefined) serviceFromHost(host);
        decodeBase32(text);
        adoPatKind(text);
        parseCask(text);
        validateCask(text);
        decodeBase64(text);
        findChains(text);
        scanText(text, { path: "x.ts" });
      }),
      RUNS,
    );
  });
});

// Round trips: strings built from random fields parse back into the same fields.
const key = fc.tuple(chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 1, 1), chars(`${ALNUM} `, 0, 20)).map(([a, b]) => (a + b).trimEnd());
const csValue = chars(`${ALNUM}+/=:._-~`, 0, 60);
const ws = fc.constantFrom("", " ", "\t", "  ");

describe("round trips", () => {
  it("connection strings: keys and values (with `=` inside values, spaces around, a trailing `;`)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, csValue, ws, ws), { minLength: 1, maxLength: 8 }), fc.boolean(), (fields, trailing) => {
        const text = fields.map(([k, v, s1, s2]) => `${s1}${k}${s2}=${s2}${v}${s1}`).join(";") + (trailing ? ";" : "");
        const cs = parseConnectionString(text);
        expect(cs.fields.map((f) => [f.key, f.value])).toEqual(fields.map(([k, v]) => [k.trim(), v]));
        // Lookup is case-insensitive and returns the first of duplicated keys.
        const [k0, v0] = fields[0]!;
        expect(cs.value(k0.toUpperCase())).toBe(v0);
      }),
      RUNS,
    );
  });

  it("SAS query strings: names and raw values, `?` prefix, `&` or `&amp;` separators", () => {
    const name = chars("abcdefghijklmnopqrstuvwxyz_", 1, 8);
    const value = chars(`${ALNUM}%+/=._-~:`, 0, 50);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 10 }), fc.boolean(), fc.constantFrom("&", "&amp;"), (params, q, sep) => {
        const text = (q ? "?" : "") + params.map(([n, v]) => `${n}=${v}`).join(sep);
        const parsed = parseSasQuery(text);
        expect(parsed.end).toBe(text.length);
        expect(parsed.params.map((p) => [p.name, p.value])).toEqual(params);
        expect(parsed.value(params[0]![0].toUpperCase())).toBe(params[0]![1]);
      }),
      RUNS,
    );
  });
});

const label = chars("abcdefghijklmnopqrstuvwxyz0123456789", 1, 12);
const account = chars("abcdefghijklmnopqrstuvwxyz0123456789", 3, 24);
// A DNS suffix: its last label is not all digits (`a.2` would be read as an IPv4 address).
const suffix = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), chars("abcdefghijklmnopqrstuvwxyz", 2, 6)).map(([l, tld]) => [...l, tld].join("."));

function expectUrl(url: string | undefined, host?: string): void {
  if (url === undefined) return;
  const u = new URL(url);
  expect(["http:", "https:", "sb:", "amqps:"]).toContain(u.protocol);
  if (host !== undefined) expect(u.hostname).toBe(host.toLowerCase());
}

describe("derived endpoints are valid URLs and hosts", () => {
  it("storage: derived from AccountName, EndpointSuffix and the protocol", () => {
    fc.assert(
      fc.property(account, suffix, fc.constantFrom("https", "http", "HTTPS"), (acct, sfx, proto) => {
        const cs = parseConnectionString(`DefaultEndpointsProtocol=${proto};AccountName=${acct};AccountKey=abc==;EndpointSuffix=${sfx}`);
        const e = storageEndpoints(cs);
        expect(e.accountName).toBe(acct);
        for (const svc of ["blob", "queue", "file", "table", "dfs"] as const) expectUrl(e[svc], `${acct}.${svc}.${sfx}`);
        expect(e.blob).toBeDefined();
      }),
      RUNS,
    );
  });

  it("storage: any connection string at all yields only endpoints that parse as http(s) URLs", () => {
    const anyValue = fc.oneof(csValue, fc.string({ maxLength: 40 }).map((s) => s.replace(/;/g, "")));
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, anyValue, (acct, sfx, proto, blob) => {
        const cs = parseConnectionString(`DefaultEndpointsProtocol=${proto};AccountName=${acct};EndpointSuffix=${sfx};BlobEndpoint=${blob}`);
        const e = storageEndpoints(cs);
        for (const svc of ["blob", "queue", "file", "table", "dfs"] as const) {
          const url = e[svc];
          if (url === undefined) continue;
          expect(() => new URL(url), `${svc}: ${JSON.stringify(url)}`).not.toThrow();
          expect(/^https?:$/.test(new URL(url).protocol), `${svc}: ${JSON.stringify(url)}`).toBe(true);
          expect(url, "no quote, backslash, whitespace or control character").not.toMatch(/["'`\\\s\u0000-\u001f]/);
        }
      }),
      RUNS,
    );
  });

  it("messaging: the namespace from Endpoint=sb://... is a valid host", () => {
    fc.assert(
      fc.property(label, fc.constantFrom("servicebus.windows.net", "servicebus.chinacloudapi.cn", "example.com"), fc.option(label), (ns, domain, entity) => {
        const cs = parseConnectionString(`Endpoint=sb://${ns}.${domain}/;SharedAccessKeyName=k;SharedAccessKey=abc=${entity ? `;EntityPath=${entity}` : ""}`);
        const m = messagingInfo(cs);
        expect(m.fullyQualifiedNamespace).toBe(`${ns}.${domain}`);
        expectUrl(`sb://${m.fullyQualifiedNamespace}/`, `${ns}.${domain}`);
        expect(m.entityPath).toBe(entity ?? undefined);
      }),
      RUNS,
    );
  });

  it("messaging: any Endpoint value yields a namespace that is a valid host or nothing", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }).map((s) => s.replace(/;/g, "")), (endpoint) => {
        const m = messagingInfo(parseConnectionString(`Endpoint=${endpoint};SharedAccessKeyName=k;SharedAccessKey=x`));
        if (m.fullyQualifiedNamespace === undefined) return;
        expect(() => new URL(`https://${m.fullyQualifiedNamespace}/`), JSON.stringify(m.fullyQualifiedNamespace)).not.toThrow();
        expect(new URL(`https://${m.fullyQualifiedNamespace}/`).hostname).toBe(m.fullyQualifiedNamespace);
      }),
      RUNS,
    );
  });

  it("hostOf: a host new URL() accepts as is", () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string({ maxLength: 60 }), chars("0123456789.-ab", 1, 20)), (value) => {
        const host = hostOf(value);
        if (host === undefined) return;
        expect(new URL(`https://${host}/`).hostname, JSON.stringify(value)).toBe(host.toLowerCase());
      }),
      RUNS,
    );
  });
});
