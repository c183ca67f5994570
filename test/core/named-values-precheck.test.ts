import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import { namedValues } from "../../src/core/detect/key-context.js";

// A name pattern with the optional env-style prefix (namedValues pre-checks the names alone), and
// the same pattern wrapped in a group (not recognised, so run as it is): both must agree.
const PREFIX = String.raw`(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}`;
const NAMES = String.raw`(?:azure_?)?storage_?(?:account_?)?key|--account-key(?![\w-])`;
const fast = new RegExp(`${PREFIX}${NAMES}`, "gi");
const plain = new RegExp(`(?:${PREFIX}${NAMES})`, "gi");

const list = (re: RegExp, text: string, from: number, to: number): string[] =>
  [...namedValues(re, text, from, to)].map((n) => `${n.nameStart}:${n.name}=${n.value.value}`);

describe("namedValues pre-check (names before the prefixed pattern)", () => {
  const key = fakeBase64(64, "named-values-precheck");
  const text = [
    "const path = require('path'); // token handling",
    `NEXT_PUBLIC_MYAPP_AZURE_STORAGE_KEY=${key}`,
    `storageAccountKey: "${key}"`,
    "x".repeat(300),
    `az storage blob list --account-key ${key}`,
    `const a_very_long_prefix_segment_over_twenty_chars_STORAGE_KEY = "${key}";`,
  ].join("\n");

  it("finds the same names and values as the pattern run as it is, for every window", () => {
    expect(list(fast, text, 0, text.length).length).toBeGreaterThanOrEqual(3);
    for (let from = 0; from < text.length; from += 7) {
      for (const size of [1, 20, 64, 200, 600]) {
        const to = Math.min(text.length, from + size);
        expect(list(fast, text, from, to), `${from}-${to}`).toEqual(list(plain, text, from, to));
      }
    }
  });
});
