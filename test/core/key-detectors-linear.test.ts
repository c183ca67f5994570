/**
 * Adversarial inputs for the key detectors (signature, checksum and context driven): dense
 * repetitions of their keywords next to long runs of key characters must be scanned in time
 * roughly linear in the input. Each detector runs alone through the real engine, on 16 KB and
 * 128 KB versions of each input (test/linear.ts: a time ratio, no limit).
 */
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/core/index.js";
import { compileDetectors, scanWith } from "../../src/core/detect/scan-text.js";
import { repeat, superlinear } from "../linear.js";

const SIZE = 16 * 1024;

const IDS = [
  "ai-services-key", "api-management-key", "base64-wrapped", "batch-account-key", "cask-key",
  "container-registry-password", "contextual-key", "devops-pat", "functions-key", "maps-key", "search-api-key",
];

function inputs(keyword: string, size: number): Record<string, string> {
  return {
    keyword: repeat(keyword, size),
    "keyword=": repeat(`${keyword}=`, size),
    "quoted member": repeat(`"${keyword}": "`, size),
    "base64 run": `${keyword}=${repeat("Ab9+", size)}`,
    "base32 run": `${keyword} ${repeat("abcz27", size)}`,
    "keyword in base64": repeat(`${keyword}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, size),
    "cask-like": repeat(`${"a".repeat(52)}JQQJ99BFAC${"A".repeat(16)}${keyword}`, size),
    "yaml data": `kind: Secret\ndata:\n${repeat(`  k: ${keyword}QUFB\n`, size)}`,
    "secret kinds": repeat(`kind: Secret\ndata:\n  ${keyword}: QUFBQUFB\n`, size),
    "url query": repeat(`https://x.azurewebsites.net/api/f?a=${keyword}&code=`, size),
    "login lines": repeat(`docker login x.azurecr.io -p ${keyword} \\\n`, size),
  };
}

describe.each(IDS)("%s on adversarial input", (id) => {
  const detector = DETECTORS.find((d) => d.id === id);
  it("is registered", () => expect(detector).toBeDefined());
  if (!detector) return;
  for (const keyword of detector.keywords.slice(0, 3)) {
    it(`stays linear around "${keyword}"`, () => {
      const compiled = compileDetectors(DETECTORS.filter((d) => d.id === id));
      const small = inputs(keyword, SIZE);
      const large = inputs(keyword, 8 * SIZE);
      for (const name of Object.keys(small)) {
        // 8x the input must cost far less than 64x (quadratic): a ratio, never a wall-clock limit.
        const slow = superlinear(() => scanWith(compiled, small[name]!), () => scanWith(compiled, large[name]!));
        expect(slow, `${name}: ${slow}`).toBeUndefined();
      }
    });
  }
});
