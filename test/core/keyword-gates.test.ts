import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DETECTORS } from "../../src/core/detectors/index.js";
import { compileDetectors, scanWith } from "../../src/core/detect/scan-text.js";
import type { Detector, Finding } from "../../src/core/types.js";

// Detectors skip searches by the keywords a window holds (DetectorInput.hits) and try name patterns
// only where their last words occur (DetectorInput.found). Both are shortcuts: the findings must be
// those of the same detectors searching every window in full, as they do when neither is given.
const GATED = compileDetectors(DETECTORS);
const FULL = compileDetectors(
  DETECTORS.map((d): Detector => ({ ...d, find: ({ text, from, to, path }) => d.find({ text, from, to, path }) })),
);
const key = (f: Finding): string => `${f.ruleId}:${f.start}-${f.end}:${f.service}`;
const scan = (compiled: typeof GATED, text: string, path: string): string[] => scanWith(compiled, text, { path }).map(key);

const SAMPLES = DETECTORS.flatMap((d) => {
  const s = d.samples();
  return [...s.positive, ...s.negative];
});
/** Words that open windows without a secret nearby, as in ordinary code. */
const FILLER = [
  " ", "\n", "\t", "_", "-", "=", ":", "\"", "'", "(", ")", "@", "path", "pattern", "token", "tokens", "login", "Login",
  "password", "secret", "handler", "getHandler", "key", "keys", "keyof", "storage", "search", "relay", "batch", "auth",
  "docker", "az acr", "docker-registry", "--registry-password", "api-key", "AzureKeyCredential(", "https://", "dev.azure.com",
  "map.key", "{ key: ", "cacheKey", "storageKey", "storage_key", "storage key", "--account-key", "key1", " key2", "redis password",
];
const PATHS = ["", "src/app.ts", "config/appsettings.json", ".env", "deploy.sh", "infra/main.bicep", "values.yaml"];

describe("keyword gates (hits, found) change no finding", () => {
  it("on every detector sample", () => {
    for (const sample of SAMPLES) for (const path of PATHS) expect(scan(GATED, sample, path), sample.slice(0, 40)).toEqual(scan(FULL, sample, path));
  });

  it("on samples cut, joined and mixed with keyword-laden filler (property)", () => {
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...FILLER) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SAMPLES), fc.nat(), fc.nat()).map(([s, a, b]) => s.slice(a % 4 === 0 ? a % (s.length + 1) : 0, s.length - (b % 4 === 0 ? b % (s.length + 1) : 0))) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => " ".repeat(n)) },
    );
    let found = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(...PATHS), (pieces, path) => {
        const text = pieces.join("");
        const expected = scan(FULL, text, path);
        found += expected.length;
        expect(scan(GATED, text, path)).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
    expect(found).toBeGreaterThan(100);
  });
});
