import { describe, expect, it } from "vitest";
import { fakeBase64, fakeHex } from "../../src/core/keys/fake.js";
import { maskAll } from "../../src/core/report/redact.js";
import { hostServices, keyShape, matchesIn, namedValues, valueAfterFlag, valueAfterName } from "../../src/core/detect/key-context.js";
import { STORAGE_EMULATOR_KEY } from "../../src/core/keys/well-known.js";

const valueOf = (text: string, name: string): string | undefined =>
  valueAfterName(text, text.indexOf(name) + name.length)?.value;

describe("matchesIn", () => {
  it("yields absolute offsets of matches starting inside the window only", () => {
    const text = "xx key1 yy key2 zz key3";
    const re = /key\d/g;
    const found = [...matchesIn(re, text, 5, 14)].map((m) => [m.index, m[0]]);
    expect(found).toEqual([[11, "key2"]]);
  });

  it("keeps look-behind context before the window", () => {
    const text = "abcKEY KEY";
    expect([...matchesIn(/(?<![a-z])KEY/g, text, 3, text.length)].map((m) => m.index)).toEqual([7]);
  });
});

describe("valueAfterName", () => {
  const v = fakeHex(32, "kc");
  it.each([
    [`AZURE_OPENAI_API_KEY=${v}`, "AZURE_OPENAI_API_KEY"],
    [`"apiKey": "${v}"`, "apiKey"],
    [`headers.set("api-key", "${v}")`, "api-key"],
    [`<add key="SearchKey" value="${v}" />`, "SearchKey"],
    [`env:\n  - name: AZURE_OPENAI_API_KEY\n    value: "${v}"`, "AZURE_OPENAI_API_KEY"],
    [`{ "name": "AZURE_OPENAI_API_KEY", "value": "${v}" }`, "AZURE_OPENAI_API_KEY"],
    [`const searchKey: string = "${v}";`, "searchKey"],
    [`param searchKey string = '${v}'`, "searchKey"],
    [`  searchKey?: string = "${v}";`, "searchKey"],
  ].map(([text, name]) => [maskAll(text!, [v]), text!, name!] as const))("reads the value in %s", (_title, text, name) => {
    expect(valueOf(text, name)).toBe(v);
  });

  it("reads CLI flag values", () => {
    const text = `az storage blob list --account-key ${v} --account-name x`;
    const at = text.indexOf("--account-key") + "--account-key".length;
    expect(valueAfterFlag(text, at)?.value).toBe(v);
    const eq = `--account-key="${v}"`;
    expect(valueAfterFlag(eq, "--account-key".length)?.value).toBe(v);
  });

  it("finds names with namedValues, flags included", () => {
    const text = `storageKey = "${v}"\naz x --account-key ${v}`;
    const names = [...namedValues(/storageKey|--account-key/g, text, 0, text.length)].map((n) => n.name);
    expect(names).toEqual(["storageKey", "--account-key"]);
  });
});

describe("keyShape", () => {
  it("accepts random keys of the requested shapes", () => {
    expect(keyShape(fakeBase64(64, "kc88"), ["b64-88"])).toBe("b64-88");
    expect(keyShape(fakeBase64(32, "kc44"), ["b64-88", "b64-44"])).toBe("b64-44");
    expect(keyShape(fakeHex(32, "kchex"), ["hex32"])).toBe("hex32");
  });

  it("rejects placeholders, references, low entropy, emulator keys and wrong lengths", () => {
    expect(keyShape("x".repeat(86) + "==", ["b64-88"])).toBeUndefined();
    expect(keyShape("0123456789abcdef0123456789abcdef", ["hex32"])).toBeUndefined();
    expect(keyShape("00000000000000000000000000000000", ["hex32"])).toBeUndefined();
    expect(keyShape(STORAGE_EMULATOR_KEY, ["b64-88"])).toBeUndefined();
    expect(keyShape(fakeBase64(63, "kc63"), ["b64-88"])).toBeUndefined();
    expect(keyShape("yourkeyyourkeyyourkeyyourkey1234", ["alnum32"])).toBeUndefined();
  });
});

describe("hostServices", () => {
  it("names the services whose hosts are near", () => {
    const text = `endpoint: https://contoso.openai.azure.com/ and https://x.search.windows.net`;
    expect(hostServices(text, 0, 1).sort()).toEqual(["ai-services", "search"]);
    expect(hostServices(`${" ".repeat(1000)}x.search.windows.net`, 0, 1, 400)).toEqual([]);
  });
});
