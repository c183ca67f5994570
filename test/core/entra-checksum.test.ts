import { describe, expect, it } from "vitest";
import {
  encodeEntraChecksum,
  entraChecksum,
  hasEntraV7Shape,
  hasEntraV8Shape,
  isValidEntraSecret,
  makeEntraSecret,
} from "../../src/core/keys/entra-secret.js";
import { rng } from "../../src/core/keys/fake.js";

describe("Entra client secret checksum", () => {
  it("encodes in base 66, most significant digit first, padded to six digits", () => {
    expect(encodeEntraChecksum(0)).toBe("aaaaaa");
    expect(encodeEntraChecksum(1)).toBe("aaaaab");
    expect(encodeEntraChecksum(66)).toBe("aaaaba");
    expect(encodeEntraChecksum(65)).toBe("aaaaa~");
    expect(encodeEntraChecksum(0xffffffff)).toHaveLength(6);
    expect(encodeEntraChecksum(0xffffffff)[0]).toBe("d"); // 2^32 / 66^5 is about 3.4
  });

  it("accepts the published, non-functional example secret", () => {
    // Built, not written out, so that no checksum-valid literal sits in the repository.
    const body = `zzz8Q~${"z".repeat(31)}`;
    expect(entraChecksum(body)).toBe("blP");
    expect(isValidEntraSecret(`${body}blP`)).toBe(true);
  });

  it.each(["a", "b", "c", "d", "e"])("round-trips generated secret %s", (label) => {
    const secret = makeEntraSecret(rng(`entra-${label}`));
    expect(secret).toHaveLength(40);
    expect(secret.slice(3, 6)).toBe("8Q~");
    expect(hasEntraV8Shape(secret)).toBe(true);
    expect(isValidEntraSecret(secret)).toBe(true);
  });

  it("rejects a corrupted secret", () => {
    const secret = makeEntraSecret(rng("entra-corrupt"));
    const i = 10;
    const flipped = secret.slice(0, i) + (secret[i] === "x" ? "y" : "x") + secret.slice(i + 1);
    expect(hasEntraV8Shape(flipped)).toBe(true);
    expect(isValidEntraSecret(flipped)).toBe(false);
    const badSum = secret.slice(0, 37) + (secret[37] === "a" ? "b" : "a") + secret.slice(38);
    expect(isValidEntraSecret(badSum)).toBe(false);
  });

  it("checks the shapes", () => {
    const secret = makeEntraSecret(rng("entra-shape"));
    expect(hasEntraV8Shape(secret.slice(1))).toBe(false);
    expect(hasEntraV8Shape(`${secret.slice(0, 20)}+${secret.slice(21)}`)).toBe(false);
    const v7 = `${secret.slice(0, 3)}7Q~${secret.slice(6, 37)}`;
    expect(hasEntraV7Shape(v7)).toBe(true);
    expect(hasEntraV7Shape(`${v7}a`)).toBe(false);
    expect(isValidEntraSecret(v7)).toBe(false);
  });
});
