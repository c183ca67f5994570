/**
 * Adversarial inputs for the key detectors (signature, checksum and context driven): dense
 * repetitions of their keywords next to long runs of key characters must be scanned in time
 * roughly linear in the input. Each detector runs alone through the real engine.
 */
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/core/index.js";
import { compileDetectors, scanWith } from "../../src/core/scan-text.js";

const IDS = [
  "ai-services-key", "api-management-key", "base64-wrapped", "batch-account-key", "cask-key",
  "container-registry-password", "contextual-key", "devops-pat", "functions-key", "maps-key", "search-api-key",
];

const repeat = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

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

function timeScan(id: string, text: string): number {
  const compiled = compileDetectors(DETECTORS.filter((d) => d.id === id));
  const t0 = performance.now();
  scanWith(compiled, text);
  return performance.now() - t0;
}

describe.each(IDS)("%s on adversarial input", (id) => {
  const detector = DETECTORS.find((d) => d.id === id);
  it("is registered", () => expect(detector).toBeDefined());
  if (!detector) return;
  for (const keyword of detector.keywords.slice(0, 3)) {
    it(`stays linear around "${keyword}"`, () => {
      const small = inputs(keyword, 50_000);
      const large = inputs(keyword, 100_000);
      for (const name of Object.keys(small)) {
        timeScan(id, small[name]!.slice(0, 5000)); // warm up
        const a = timeScan(id, small[name]!);
        const b = timeScan(id, large[name]!);
        // Quadratic work would take ~4x; allow noise on a shared machine, plus an absolute ceiling.
        expect(b, `${name}: ${a.toFixed(0)} ms -> ${b.toFixed(0)} ms`).toBeLessThan(Math.max(4 * a, 400) + 100);
        expect(b, `${name} took ${b.toFixed(0)} ms`).toBeLessThan(3000);
      }
    });
  }
});
