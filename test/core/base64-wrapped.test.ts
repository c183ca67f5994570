import { describe, expect, it } from "vitest";
import { scanText } from "../../src/core/index.js";
import { encodeBase64 } from "../../src/core/text/base64.js";
import { makeAdoPat } from "../../src/core/keys/ado-pat.js";
import { makeCaskKey } from "../../src/core/keys/cask.js";
import { fakeBase64, rng } from "../../src/core/keys/fake.js";
import { superlinear } from "../linear.js";

const b64 = (s: string): string => encodeBase64(new TextEncoder().encode(s));
const storageConn = `DefaultEndpointsProtocol=https;AccountName=contosoapp;AccountKey=${fakeBase64(64, "b64t")};EndpointSuffix=core.windows.net`;

describe("base64-wrapped", () => {
  it("reports at the base64 value of the Secret document only, with the inner service and a note", () => {
    const key = makeCaskKey({ provider: "ACOG", providerReserved: "AAAB" }, rng("b64t-openai"));
    const plain = `config:\n  data:\n    other: ${b64("hello world")}\n`;
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ai\ndata:\n  AZURE_OPENAI_API_KEY: ${b64(key)}\n`;
    const text = `${plain}---\n${manifest}`;
    const found = scanText(text).filter((f) => f.ruleId === "base64-wrapped");
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.start).toBe(text.indexOf(b64(key)));
    expect(f.end).toBe(f.start + b64(key).length);
    expect(f.service).toBe("ai-services");
    expect(f.note).toMatch(/^base64-encoded /);
    expect(f.fields.innerRule).toBe("cask-key");
    expect(f.fields.source).toBe("kubernetes-secret");
  });

  it("decodes one level only", () => {
    const twice = b64(b64(storageConn));
    expect(scanText(`kind: Secret\ndata:\n  conn: ${twice}\n`).filter((f) => f.ruleId === "base64-wrapped")).toEqual([]);
    expect(scanText(`kind: Secret\ndata:\n  conn: ${b64(storageConn)}\n`).filter((f) => f.ruleId === "base64-wrapped")).toHaveLength(1);
  });

  it("skips huge values", () => {
    const huge = b64(`${storageConn}\n${"x".repeat(20_000)}`);
    expect(scanText(`kind: Secret\ndata:\n  conn: ${huge}\n`).filter((f) => f.ruleId === "base64-wrapped")).toEqual([]);
  });

  it("reads .npmrc _auth (user:PAT) for Azure Artifacts", () => {
    const pat = makeAdoPat(rng("b64t-pat"));
    const text = `//contoso.pkgs.visualstudio.com/_packaging/feed/npm/registry/:_auth=${b64(`contoso:${pat}`)}\n`;
    const [f] = scanText(text, { path: ".npmrc" });
    expect(f?.ruleId).toBe("base64-wrapped");
    expect(f?.service).toBe("devops");
    expect(f?.secret).toBe(b64(`contoso:${pat}`));
  });

  it("stays linear on a large manifest", () => {
    const entries = Array.from({ length: 150 }, (_, i) => `  K${i}: ${b64(`value-${i}-${"y".repeat(40)}`)}`).join("\n");
    const doc = `kind: Secret\ndata:\n${entries}\n`;
    const small = doc.repeat(5);
    const large = doc.repeat(40);
    expect(superlinear(() => scanText(small), () => scanText(large))).toBeUndefined();
  });
});
