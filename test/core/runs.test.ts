import { describe, expect, it } from "vitest";
import { rng } from "../../src/core/keys/fake.js";
import { charClass, fixedRuns, type RunShape } from "../../src/core/text/runs.js";
import { matchesInWindow } from "../../src/core/text/window.js";

/** Random text over a small alphabet so that runs of every length (and their edges) occur. */
function randomText(seed: string, alphabet: string, length: number, key: number, tail: string): string {
  const next = rng(seed);
  let s = "";
  while (s.length < length) {
    const r = next();
    // Runs of key characters of about the key's length now and then, with or without the tail,
    // so that exact-length runs and their edge cases are common.
    if (r < 0.03) s += "a2".repeat(key).slice(0, key - 1 + Math.floor(next() * 3)) + (next() < 0.7 ? tail : "") + " ";
    else s += alphabet[Math.floor(next() * alphabet.length)];
  }
  return s;
}

const SHAPES = [
  { re: /(?<![A-Za-z0-9_+/=-])[a-z2-7]{52}(?![A-Za-z0-9_+/=-])/g, run: "a-z2-7", length: 52, before: "A-Za-z0-9_+/=-", after: "A-Za-z0-9_+/=-", tail: "" },
  { re: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=_-])/g, run: "A-Za-z0-9+/", length: 43, before: "A-Za-z0-9+/_-", after: "A-Za-z0-9+/=_-", tail: "=" },
  { re: /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=_-])/g, run: "A-Za-z0-9+/", length: 86, before: "A-Za-z0-9+/=_-", after: "A-Za-z0-9+/=_-", tail: "==" },
  { re: /(?<![a-c])[a-c]{3}(?![a-c])/g, run: "a-c", length: 3, before: "a-c", after: "a-c", tail: "" },
];

describe("fixedRuns", () => {
  it("charClass reads ranges and a trailing dash", () => {
    const t = charClass("a-c_-");
    expect([..."abc_-"].every((c) => t[c.charCodeAt(0)] === 1)).toBe(true);
    expect([..."dA=+"].some((c) => t[c.charCodeAt(0)] === 1)).toBe(false);
  });

  it("finds exactly what the lookbehind regex finds, in every window", () => {
    for (const [k, shape] of SHAPES.entries()) {
      let found = 0;
      for (let n = 0; n < 20; n++) {
        const text = randomText(`runs-${k}-${n}`, "abcz27A8=_-+/ .\"é", 3000, shape.length, shape.tail);
        const runShape = { run: charClass(shape.run), length: shape.length, before: charClass(shape.before), after: charClass(shape.after), tail: shape.tail };
        for (const [from, to] of [[0, text.length], [0, 500], [37, 1200], [1199, 2999], [2990, 3000]] as const) {
          const want = [...matchesInWindow(shape.re, text, from, to)].map((m) => m.index);
          expect(fixedRuns(text, from, to, runShape)).toEqual(want);
          found += want.length;
        }
      }
      // The random texts must contain keys of each shape, or the comparison proves nothing.
      expect(found).toBeGreaterThan(5);
    }
  });

  it("finds a key at the very start and the very end of the text", () => {
    const run = charClass("a-c");
    const shape = { run, length: 3, before: run, after: run };
    expect(fixedRuns("abc", 0, 3, shape)).toEqual([0]);
    expect(fixedRuns("x abc", 0, 5, shape)).toEqual([2]);
    expect(fixedRuns("abca", 0, 4, shape)).toEqual([]);
    // A key right after `=` (AccountKey=...) when `=` may precede but not follow.
    const b64: RunShape = { run: charClass("A-Za-z0-9+/"), length: 3, tail: "=", before: charClass("A-Za-z0-9+/_-"), after: charClass("A-Za-z0-9+/=_-") };
    expect(fixedRuns("k=ab+=;", 0, 7, b64)).toEqual([2]);
  });
});
