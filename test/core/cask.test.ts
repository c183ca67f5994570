import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../src/core/text/base64.js";
import {
  base62OfBytes,
  cognitiveProduct,
  hasValidCaskChecksum,
  isDummyCask,
  makeCaskKey,
  parseCask,
  validateCask,
} from "../../src/core/keys/cask.js";
import { rng } from "../../src/core/keys/fake.js";

describe("base62 of bytes", () => {
  it("encodes a big-endian number with one 0 per leading zero byte", () => {
    expect(base62OfBytes(new Uint8Array([0, 0, 0, 0]))).toBe("0000");
    expect(base62OfBytes(new Uint8Array([0, 0, 0, 61]))).toBe("000z");
    expect(base62OfBytes(new Uint8Array([0, 0, 0, 62]))).toBe("00010");
    expect(base62OfBytes(new Uint8Array([1, 0]))).toBe("48"); // 256 = 4*62 + 8
    expect(base62OfBytes(new Uint8Array([255, 255, 255, 255]))).toBe("4gfFC3"); // 2^32-1
  });
});

describe("CASK-legacy keys", () => {
  it.each(["ACOG", "AZDO", "AZAC", "AZMP", "AZCS", "AZEG"])("generates and validates %s keys", (provider) => {
    for (let i = 0; i < 10; i++) {
      const key = makeCaskKey({ provider }, rng(`cask-${provider}-${i}`));
      expect(key).toHaveLength(84);
      expect(key.slice(52, 58)).toBe("JQQJ99");
      expect(key.slice(76, 80)).toBe(provider);
      const parts = validateCask(key);
      expect(parts?.provider).toBe(provider);
      expect(parts?.kind).toBe("standard");
      expect(parts?.year).toBe(2025);
      expect(parts?.month).toBe(6);
      expect(decodeBase64(key)).toHaveLength(63);
    }
  });

  it("validates long-form (88-character) keys", () => {
    const key = makeCaskKey({ provider: "AZEG", longForm: true }, rng("cask-long"));
    expect(key).toHaveLength(88);
    expect(key.endsWith("==")).toBe(true);
    expect(validateCask(key)?.longForm).toBe(true);
    const corrupt = key.slice(0, 10) + (key[10] === "A" ? "B" : "A") + key.slice(11);
    expect(validateCask(corrupt)).toBeUndefined();
  });

  it("fails when the random part, the provider or the checksum is changed", () => {
    const key = makeCaskKey({ provider: "ACOG", providerReserved: "AAAB" }, rng("cask-corrupt"));
    for (const at of [0, 25, 51, 60, 74, 80, 83]) {
      const ch = key[at] === "A" ? "B" : "A";
      const corrupt = key.slice(0, at) + ch + key.slice(at + 1);
      expect(hasValidCaskChecksum(corrupt), `position ${at}`).toBe(false);
    }
    // The checksum covers the provider signature: a relabelled key does not validate.
    expect(validateCask(`${key.slice(0, 76)}AZDO${key.slice(80)}`)).toBeUndefined();
  });

  it("checks the fixed structure", () => {
    const key = makeCaskKey({ provider: "AZDO" }, rng("cask-structure"));
    expect(parseCask(key.replace("JQQJ99", "JQQJ98"))).toBeUndefined();
    expect(parseCask(`${key.slice(0, 59)}M${key.slice(60)}`)).toBeUndefined(); // month beyond L
    expect(parseCask(`${key.slice(0, 76)}1ZDO${key.slice(80)}`)).toBeUndefined(); // provider starts with a letter
    expect(parseCask(key.slice(1))).toBeUndefined();
    expect(parseCask(key.replace(/^./, "+"))).toBeUndefined();
  });

  it("maps ACOG provider-reserved characters to products and spots the Dummy provider", () => {
    const openai = validateCask(makeCaskKey({ provider: "ACOG", providerReserved: "AAAB" }, rng("c1")))!;
    expect(cognitiveProduct(openai)).toBe("Azure OpenAI");
    expect(isDummyCask(openai)).toBe(false);
    const dummy = validateCask(makeCaskKey({ provider: "ACOG", providerReserved: "AAAc" }, rng("c2")))!;
    expect(isDummyCask(dummy)).toBe(true);
    const ai = validateCask(makeCaskKey({ provider: "ACOG", providerReserved: "AAAA" }, rng("c3")))!;
    expect(cognitiveProduct(ai)).toBe("Azure AI services");
  });

  it("rejects random 84-character strings with the fixed signature", () => {
    let valid = 0;
    for (let i = 0; i < 100; i++) {
      const key = makeCaskKey({ provider: "ACOG" }, rng(`r${i}`));
      const r = rng(`x${i}`);
      const other = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      const tail = Array.from({ length: 4 }, () => other[Math.floor(r() * 62)]).join("");
      if (tail !== key.slice(80) && hasValidCaskChecksum(key.slice(0, 80) + tail)) valid++;
    }
    expect(valid).toBe(0);
  });
});
