/**
 * JSON `\/` escapes: the unescaped text maps back to file offsets, and the engine finds keys written
 * with them (fake keys generated here).
 */
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/core/index.js";
import { fakeBase64, fakeHex } from "../../src/core/keys/fake.js";
import { spansEscape, toFileOffset, unescapeSlashes } from "../../src/core/text/slash-escapes.js";

describe("unescapeSlashes", () => {
  it("undoes \\/ and maps offsets back", () => {
    const text = String.raw`{"u":"https:\/\/a.b\/c"}`;
    const u = unescapeSlashes(text);
    expect(u.text).toBe('{"u":"https://a.b/c"}');
    const at = u.text.indexOf("//a.b");
    expect(text.slice(toFileOffset(u, at), toFileOffset(u, at + 5))).toBe(String.raw`\/\/a.b`);
    expect(spansEscape(u, at, at + 5)).toBe(true);
    expect(spansEscape(u, 0, 5)).toBe(false);
  });

  it("leaves an escaped backslash before a slash alone", () => {
    const text = String.raw`"C:\\/x" "a\/b"`;
    expect(unescapeSlashes(text).text).toBe(String.raw`"C:\\/x" "a/b"`);
  });
});

describe("engine over \\/ escapes", () => {
  const key = fakeBase64(64, "storage-cs-json");
  const cs = `DefaultEndpointsProtocol=https;AccountName=acct9;AccountKey=${key};EndpointSuffix=core.windows.net`;
  const json = `{"Values":{"AzureWebJobsStorage":"${cs.replace(/\//g, "\\/")}"}}`;

  it("finds the key and reports its file span", () => {
    expect(key).toContain("/");
    const found = scanText(json, { path: "settings.json" }).filter((f) => f.ruleId === "storage-connection-string");
    expect(found).toHaveLength(1);
    expect(found[0]!.secret).toBe(key);
    expect(json.slice(found[0]!.start, found[0]!.end)).toBe(key.replace(/\//g, "\\/"));
    expect(json.slice(found[0]!.container!.start, found[0]!.container!.end).replace(/\\\//g, "/")).toBe(cs);
  });

  it("does not report the same key twice when it has no escape", () => {
    const plain = `{"Values":{"AzureWebJobsStorage":"${cs}","Url":"https:\\/\\/x.y"}}`;
    expect(scanText(plain, { path: "settings.json" }).filter((f) => f.ruleId === "storage-connection-string")).toHaveLength(1);
  });

  it("finds a URL credential whose context is escaped (postgres:\\/\\/user:pw@host)", () => {
    const pw = fakeBase64(15, "pg-json-pw").replace(/[+/=]/g, "x");
    const text = `{"DATABASE_URL":"postgres:\\/\\/pgadmin:${pw}@contoso-pg.postgres.database.azure.com:5432\\/orders"}`;
    const found = scanText(text, { path: "env.json" }).filter((f) => f.ruleId === "postgresql-password");
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([pw]);
  });

  it("undoes escaped quotes only in JSON files (notebook cells quoting their literals)", () => {
    const key = fakeHex(32, "nb-openai");
    const cell = String.raw`os.environ[\"AZURE_OPENAI_ENDPOINT\"] = \"https://contoso.openai.azure.com/\"\nos.environ[\"AZURE_OPENAI_API_KEY\"] = \"` + key + String.raw`\"\n`;
    const nb = `{"cells": [{"cell_type": "code", "source": ["${cell}"]}]}`;
    const ai = (path: string) => scanText(nb, { path }).filter((f) => f.service === "ai-services");
    expect(ai("notes.txt")).toEqual([]);
    const found = ai("notebooks/setup.ipynb");
    expect(found.map((f) => f.secret)).toEqual([key]);
    expect(nb.slice(found[0]!.start, found[0]!.end)).toBe(key);
  });

  it("is not applied to JS/TS sources", () => {
    expect(scanText(json, { path: "src/app.ts" }).filter((f) => f.ruleId === "storage-connection-string")).toHaveLength(0);
  });
});
