import { describe, expect, it } from "vitest";
import { marvin32, marvin64 } from "../../src/core/keys/marvin.js";
import { identifiableSeed, makeIdentifiableKey, signatureOffset } from "../../src/core/keys/identifiable.js";
import { rng } from "../../src/core/keys/fake.js";
import { decodeBase64, encodeBase64 } from "../../src/core/text/base64.js";

describe("marvin32", () => {
  it("matches the published test vector", () => {
    const data = new TextEncoder().encode("abc");
    const [hi, lo] = marvin64(data, 0xd53cd9cecd0893b7n);
    expect(hi.toString(16)).toBe("22c74339");
    expect(lo.toString(16)).toBe("492769bf");
    expect(marvin32(data, 0xd53cd9cecd0893b7n).toString(16)).toBe("6be02a86");
  });

  it("reads words from a sub-array view correctly", () => {
    const buf = new Uint8Array([9, 9, 97, 98, 99, 100, 101]);
    expect(marvin32(buf.subarray(2), 1n)).toBe(marvin32(new Uint8Array([97, 98, 99, 100, 101]), 1n));
  });
});

describe("identifiable keys", () => {
  it.each([
    [64, "+ASt", "Default0", 88, 2],
    [32, "+ASb", "Send0000", 44, 1],
    [39, "+ACR", "ACRDflt0", 52, 0],
  ])("round-trips a %i-byte key with signature %s", (bytes, sig, seed, len, pad) => {
    const key = makeIdentifiableKey(bytes, sig, seed, rng(`t${bytes}`));
    expect(key).toHaveLength(len);
    expect(key.slice(signatureOffset(len, pad), signatureOffset(len, pad) + 4)).toBe(sig);
    expect(identifiableSeed(key, ["Other000", seed])).toBe(seed);
    const flipped = key.slice(0, 5) + (key[5] === "A" ? "B" : "A") + key.slice(6);
    expect(identifiableSeed(flipped, [seed])).toBeUndefined();
  });

  it("handles URL-safe 40-byte Functions keys", () => {
    const key = makeIdentifiableKey(40, "AzFu", "Functi00", rng("f"), true);
    expect(key).toHaveLength(56);
    expect(key.slice(44, 48)).toBe("AzFu");
    expect(identifiableSeed(key, ["Functi00"])).toBe("Functi00");
  });

  it("base64 round-trips", () => {
    const bytes = new Uint8Array([0, 255, 1, 2, 3, 250, 99]);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64("a*b=")).toBeUndefined();
  });
});
