import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { adoPatKind, crc32, decodeBase32, encodeBase32, isValidAdoPat, makeAdoPat } from "../../src/core/keys/ado-pat.js";
import { fakeBytes, fakeFromAlphabet, rng } from "../../src/core/keys/fake.js";

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
  it.runIf(typeof zlibCrc32 === "function")("agrees with zlib on random data", () => {
    for (let i = 0; i < 20; i++) {
      const bytes = fakeBytes(1 + i * 7, `crc-${i}`);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });
});

describe("base32", () => {
  it("round-trips 32 bytes through 52 characters", () => {
    const bytes = fakeBytes(32, "b32");
    const text = encodeBase32(bytes);
    expect(text).toMatch(/^[a-z2-7]{52}$/);
    expect(decodeBase32(text)).toEqual(bytes);
    expect(decodeBase32(text.toUpperCase())).toEqual(bytes);
    expect(decodeBase32("abc1")).toBeUndefined();
  });
});

describe("legacy Azure DevOps PAT checksum", () => {
  it.each(["user", "application"] as const)("validates generated %s PATs", (kind) => {
    for (let i = 0; i < 25; i++) {
      const pat = makeAdoPat(rng(`pat-${kind}-${i}`), kind);
      expect(pat).toMatch(/^[a-z2-7]{52}$/);
      expect(adoPatKind(pat)).toBe(kind);
    }
  });

  it("fails when any character is changed", () => {
    const pat = makeAdoPat(rng("pat-corrupt"));
    for (const at of [0, 3, 11, 12, 13, 20, 35, 36, 50]) {
      const ch = pat[at] === "a" ? "b" : "a";
      expect(isValidAdoPat(pat.slice(0, at) + ch + pat.slice(at + 1)), `position ${at}`).toBe(false);
    }
  });

  it("rejects random base32 strings and wrong lengths", () => {
    let valid = 0;
    for (let i = 0; i < 200; i++) if (isValidAdoPat(fakeFromAlphabet(52, "abcdefghijklmnopqrstuvwxyz234567", `r${i}`))) valid++;
    expect(valid).toBe(0);
    const pat = makeAdoPat(rng("pat-len"));
    expect(isValidAdoPat(pat.slice(1))).toBe(false);
    expect(isValidAdoPat(`${pat}a`)).toBe(false);
  });
});
