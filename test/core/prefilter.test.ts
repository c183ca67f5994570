import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DETECTORS } from "../../src/core/detectors/index.js";
import { buildPrefilter, compileDetectors, findKeywords, LOOK_AHEAD, scanWith } from "../../src/core/detect/scan-text.js";
import type { Detector, DetectorInput } from "../../src/core/types.js";

/** Every (keyword, start) the automaton reports, sorted. */
function hits(keywords: readonly string[], text: string): string[] {
  const out: string[] = [];
  findKeywords(buildPrefilter(keywords), text, (id, at) => out.push(`${keywords[id]}@${at}`));
  return out.sort();
}

/** The obvious reference: every keyword at every position, ASCII case-insensitively. */
function naive(keywords: readonly string[], text: string): string[] {
  const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const lower = fold(text);
  const out: string[] = [];
  for (const k of keywords) for (let i = 0; i + k.length <= text.length; i++) if (lower.startsWith(k, i)) out.push(`${k}@${i}`);
  return out.sort();
}

describe("keyword prefilter (Aho-Corasick)", () => {
  it("reports overlapping keywords, prefixes and suffixes of each other, in any case", () => {
    const keywords = ["abc", "bcd", "abcd", "c", "cd", "pat", "path"];
    expect(hits(keywords, "xABCDx PaThPAT")).toEqual(
      naive(keywords, "xABCDx PaThPAT"),
    );
    expect(hits(keywords, "xABCDx")).toEqual(["abc@1", "abcd@1", "bcd@2", "c@3", "cd@3"].sort());
    expect(hits(keywords, "aaaa")).toEqual([]);
  });

  it("repeated and self-overlapping keywords", () => {
    expect(hits(["aa", "aaa"], "aaaa")).toEqual(["aa@0", "aa@1", "aa@2", "aaa@0", "aaa@1"].sort());
  });

  it("matches the naive search on random texts (property)", () => {
    const alphabet = fc.constantFrom(..."abAB.-_+~= \n\u00e9\u017f");
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 }).map((s) => s.toLowerCase());
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.string({ unit: alphabet, maxLength: 200 }), (keywords, text) => {
        expect(hits(keywords, text)).toEqual(naive(keywords, text));
      }),
      { numRuns: 300 },
    );
  });

  it("folds ASCII case only, like the case-insensitive regex it replaces (no ſ for s, no Kelvin sign for k)", () => {
    expect(hits(["sig=", "key1"], "SIG= \u017fig= \u212aey1 KEY1")).toEqual(["key1@15", "sig=@0"]);
  });

  it("finds every keyword of every registered detector, upper-cased, at its offset", () => {
    const compiled = compileDetectors(DETECTORS);
    const keywords = compiled.prefilter.keywords;
    let text = "";
    const expected: string[] = [];
    for (const k of keywords) {
      expected.push(`${k}@${text.length}`);
      text += `${k.toUpperCase()} \u00a0 `;
    }
    const found = new Set<string>();
    findKeywords(compiled.prefilter, text, (id, at) => found.add(`${keywords[id]}@${at}`));
    for (const e of expected) expect(found.has(e), e).toBe(true);
  });
});

describe("windows around keyword hits", () => {
  const recorder = (keywords: string[], window: { before: number; after: number }) => {
    const seen: DetectorInput[] = [];
    const detector: Detector = {
      id: "recorder",
      service: "storage",
      title: "t",
      description: "d",
      keywords,
      window,
      severity: "error",
      priority: 1,
      find(input) {
        seen.push(input);
        return [];
      },
      samples: () => ({ positive: [], negative: [] }),
    };
    return { detector, seen };
  };

  it("every hit lies in a window that spans `before` and `after` around it; overlapping windows merge", () => {
    const { detector, seen } = recorder(["kw", "longerkw"], { before: 10, after: 20 });
    const text = `${"x".repeat(100)}KW${"y".repeat(5)}longerKW${"z".repeat(200)}kw${"w".repeat(50)}`;
    scanWith(compileDetectors([detector]), text);
    const windows = seen.map((s) => [s.from, s.to]);
    // KW at 100, longerKW at 107 (and its suffix KW at 113): one window; the last kw at 315.
    expect(windows).toEqual([
      [90, 107 + 8 + 20],
      [315 - 10, 315 + 2 + 20],
    ]);
  });

  it("windows are disjoint and in order, even where a longer keyword starts before the last windows", () => {
    const { detector, seen } = recorder(["b", "a", "aaaaaaaaaaaaaaaaaaaab"], { before: 2, after: 2 });
    // `a` hits open [x-2, x+3) windows one apart; the long keyword ending at the `b` reaches back over them all.
    const text = `${"-".repeat(30)}aaaaaaaaaaaaaaaaaaaab${"-".repeat(30)}`;
    scanWith(compileDetectors([detector]), text);
    expect(seen.map((s) => [s.from, s.to])).toEqual([[28, 53]]);
    // Every keyword occurred in it: bits 0 (b), 1 (a), 2 (the long one).
    expect(seen[0]!.hits).toBe(0b111);
  });

  it("hits holds the bits of the keywords in each window; found lists the anchors by start", () => {
    const { detector, seen } = recorder(["alpha", "beta"], { before: 5, after: 5 });
    // An anchor may be a keyword too (beta) or not (gamma).
    const anchored: Detector = { ...detector, anchors: ["beta", "gamma"] };
    const text = `alpha ${"-".repeat(40)} beta gamma ${"-".repeat(40)} gamma`;
    scanWith(compileDetectors([anchored]), text);
    // Two windows (alpha, beta); `gamma` opens none of its own.
    expect(seen.map((s) => [s.from, s.to, s.hits])).toEqual([
      [0, 10, 0b01],
      [42, 56, 0b10],
    ]);
    // [anchor, start]: beta (0), gamma (1), in order of start.
    expect(seen[0]!.found).toEqual([0, 47, 1, 52, 1, 99]);
    // A detector without anchors gets no occurrence list.
    const plain = recorder(["alpha"], { before: 1, after: 1 });
    scanWith(compileDetectors([plain.detector]), text);
    expect(plain.seen[0]!.found).toBeUndefined();
  });

  it("a detector reads at most LOOK_AHEAD characters past its window (bounded work per window)", () => {
    const { detector, seen } = recorder(["kw"], { before: 0, after: 10 });
    const text = `kw${"a".repeat(LOOK_AHEAD * 3)}`;
    scanWith(compileDetectors([detector]), text);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.text.length).toBe(12 + LOOK_AHEAD);
    expect(seen[0]!.text).toBe(text.slice(0, 12 + LOOK_AHEAD));
  });
});
