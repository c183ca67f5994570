import { describe, expect, it } from "vitest";
import { scanText } from "../../src/core/index.js";
import { fakeBase64, fakeHex } from "../../src/core/keys/fake.js";
import { maskAll } from "../../src/core/report/redact.js";
import { superlinear } from "../linear.js";

const k88 = fakeBase64(64, "ctx-test-88");
const k44 = fakeBase64(32, "ctx-test-44");
const hex = fakeHex(32, "ctx-test-hex");

describe("contextual-key agrees with the specific detectors", () => {
  it.each([
    [`const storageKey = "${k88}";`, "storage"],
    [`az storage account keys renew --account-key ${k88}`, "storage"],
    [`AZURE_OPENAI_API_KEY=${hex}`, "ai-services"],
    [`AZURE_SEARCH_KEY=${hex.toUpperCase()}`, "search"],
    [`BATCH_ACCOUNT_KEY=${k88}`, "batch"],
  ].map(([text, service]) => [maskAll(text!, [k88, k44, hex, hex.toUpperCase()]), text!, service!] as const))("reports %s once, by the specific detector", (_title, text, service) => {
    const found = scanText(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.ruleId).not.toBe("contextual-key");
    expect(found[0]!.service).toBe(service);
  });

  it("takes the service of a generic name from the host next to it", () => {
    const text = `{ "endpoint": "https://contoso.service.signalr.net", "primaryKey": "${k44}" }`;
    const [f] = scanText(text);
    expect(f?.ruleId).toBe("contextual-key");
    expect(f?.service).toBe("signalr");
    expect(f?.note).toBeUndefined();
  });

  it("says when the service was inferred from the key length", () => {
    const [f] = scanText(`primaryKey = "${k44}"`);
    expect(f?.ruleId).toBe("contextual-key");
    expect(f?.service).toBe("service-bus");
    expect(f?.note).toMatch(/inferred/);
  });

  it("ignores lock files and hashes", () => {
    expect(scanText(`"primaryKey": "${k88}"`, { path: "package-lock.json" })).toEqual([]);
    expect(scanText(`storageKey: "sha512-${k88}"`)).toEqual([]);
  });

  it("runs in linear time on adversarial input", () => {
    const text = (n: number): string => `storageKey=${"A".repeat(n)}\n`.repeat(3) + "primaryKey: ".repeat(n / 10);
    const small = text(25_000);
    const large = text(200_000);
    expect(superlinear(() => scanText(small), () => scanText(large))).toBeUndefined();
  });
});
