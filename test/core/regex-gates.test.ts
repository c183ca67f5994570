import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DETECTORS } from "../../src/core/detectors/index.js";
import { ANY_NAME, NAME_PATTERNS } from "../../src/core/detectors/contextual-key.js";
import { anchoredPatterns } from "../../src/core/text/window.js";

// The end-anchored pre-checks (window.ts anchorAtEnd, contextual-key's ANY_NAME) must say yes
// whenever the pattern they stand for has a match: otherwise a window would be skipped and a
// finding lost. Texts are built from the words these patterns are made of, so that they match often.
const PIECES = [
  "docker", "podman", "nerdctl", "oras", "buildah", "helm registry", "az acr", "kubectl", "oc", "create", "secret",
  "docker-registry", "login", "Login", " ", "\t", "\n", "_", "-", "--", ".", "=", "x", "A1", "1", "2",
  "azure", "AZURE", "devops", "azdo", "ado", "vsts", "ext", "pat", "PAT", "token", "personal", "access", "Access",
  "registry", "password", "PASSWORD", "acr", "admin", "docker_registry_server", "search", "cognitive", "service",
  "query", "api", "key", "Key", "storage", "account", "shared", "primary", "secondary", "cosmos", "db", "master",
  "readonly", "auth", "bus", "sas", "event", "hub", "hubs", "relay", "notification", "listen", "full", "redis",
  "cache", "signal", "r", "web", "pub", "sub", "acs", "communication", "services", "grid", "topic", "domain",
  "aeg-sas-key", "iot", "device", "symmetric", "app", "config", "configuration", "open", "ai", "subscription",
  "batch", "key1", "key2", "MYAPP", "é",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((p) => p.join(""));
/** Texts from a pattern's own words (and separators), which match it more often. */
const SEPARATORS = [" ", "\t", "\n", "_", "-", "x", "A", "1", "2", "("];
const wordsOf = (source: string): string[] => [...new Set(source.match(/[A-Za-z][A-Za-z-]+/g) ?? [])].filter((w) => !/^[A-Z]-?[A-Za-z]?$/.test(w));
const textFor = (source: string) =>
  fc.oneof(
    text,
    fc.array(fc.constantFrom(...wordsOf(source), ...SEPARATORS), { maxLength: 10 }).map((p) => p.join("")),
    // word, separator, word, ...: commands such as `docker login`.
    fc.array(fc.tuple(fc.constantFrom(...wordsOf(source)), fc.constantFrom(...SEPARATORS)), { maxLength: 6 }).map((p) => p.flat().join("")),
    // The pattern's words in their order, some left out, random separators: `kubectl create secret docker-registry`.
    fc
      .tuple(fc.subarray(wordsOf(source)), fc.array(fc.constantFrom(" ", " ", " ", "\t", "_", "-", ""), { minLength: 40, maxLength: 40 }), text)
      .map(([words, seps, tail]) => words.map((w, i) => `${seps[i]}${w}`).join("") + seps[39] + tail),
    // The detectors' own samples, whole or cut.
    fc.tuple(fc.constantFrom(...SAMPLES), fc.nat(), fc.nat()).map(([t, a, b]) => t.slice(a % (t.length + 1), t.length - (b % 8))),
    // The samples this pattern matches, cut at either end (so that every pattern matches some texts).
    fc
      .tuple(fc.constantFrom(...ownSamples(source)), fc.nat(), fc.nat())
      .map(([t, a, b]) => t.slice(a % 3 === 0 ? a % (t.length + 1) : 0, t.length - (b % 3 === 0 ? b % (t.length + 1) : 0))),
  );
/** Samples in which the pattern of `source` has a match (all samples when none does). */
const ownSamples = (source: string): string[] => {
  const re = new RegExp(source, "i");
  const own = SAMPLES.filter((s) => re.test(s));
  return own.length > 0 ? own : SAMPLES;
};
const SAMPLES = DETECTORS.flatMap((d) => [...d.samples().positive, ...d.samples().negative]);

describe("end-anchored regex pre-checks", () => {
  const patterns = anchoredPatterns();

  it("are registered for the hot patterns", () => {
    expect(patterns.length).toBeGreaterThanOrEqual(5);
  });

  it.each(patterns.map((p) => [p.re.source.slice(0, 60), p] as const))("agree with %s", (_title, { re, gate }) => {
    const plain = new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
    let matched = 0;
    fc.assert(
      fc.property(textFor(re.source), (s) => {
        const expected = plain.test(s);
        if (expected) matched++;
        // Same answer: the check holds the whole pattern in its look-behind.
        expect(gate.test(s)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(0);
  });

  it("contextual-key's any-name check agrees with the alternation of every row's names, ending a word", () => {
    const forward = new RegExp(`(?:${NAME_PATTERNS.map((n) => `(?:${n})`).join("|")})(?![\\w-])`, "i");
    let matched = 0;
    fc.assert(
      fc.property(text, (s) => {
        const expected = forward.test(s);
        if (expected) matched++;
        expect(ANY_NAME.test(s)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
    expect(matched).toBeGreaterThan(100);
  });
});
