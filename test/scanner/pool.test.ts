import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import { createScanPool, MIN_FILES, workerCount } from "../../src/scanner/pool.js";
import type { Source, SourceEntry } from "../../src/scanner/sources.js";

/** Many small files, every tenth with a planted storage connection string, some skipped. */
function manyFiles(n: number): Source {
  const entries: SourceEntry[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 37 === 0) {
      entries.push({ skipped: { file: `img/${i}.png`, reason: "binary file" } });
      continue;
    }
    const key = fakeBase64(64, `pool-${i}`);
    const text =
      i % 10 === 0
        ? `export const path = "a/b";\nconst cs = "DefaultEndpointsProtocol=https;AccountName=acct${i};AccountKey=${key};EndpointSuffix=core.windows.net";\n`
        : `export function handler${i}(token: string) {\n  return token.length + ${i};\n}\n`;
    entries.push({ file: `src/f${String(i).padStart(4, "0")}.ts`, text, bytes: text.length });
  }
  return {
    async *[Symbol.asyncIterator]() {
      yield* entries;
    },
  };
}

describe("worker pool", () => {
  it("workerCount: AZURE_MSI_WORKERS wins; 0 and 1 mean the main thread only", () => {
    expect(workerCount({ AZURE_MSI_WORKERS: "0" })).toBe(0);
    expect(workerCount({ AZURE_MSI_WORKERS: "1" })).toBe(0);
    expect(workerCount({ AZURE_MSI_WORKERS: "3" })).toBe(3);
    expect(workerCount({ AZURE_MSI_WORKERS: "lots" })).toBe(workerCount({}));
  });

  it("no pool when the compiled worker script is absent (running from sources)", () => {
    expect(createScanPool(2)).toBeUndefined();
  });

  // The worker script runs from dist (npm test builds first).
  const built = new URL("../../dist/scanner/scan.js", import.meta.url);
  it.skipIf(!existsSync(built))("workers report exactly what the main thread reports", async () => {
    const { scanSource } = (await import(built.href)) as typeof import("../../src/scanner/scan.js");
    const n = MIN_FILES * 2;
    const single = await scanSource(manyFiles(n), { workers: 0, now: () => 0 });
    let calls = 0;
    const parallel = await scanSource(manyFiles(n), { workers: 2, now: () => 0, onProgress: () => calls++ });
    let planted = 0;
    for (let i = 0; i < n; i++) if (i % 10 === 0 && i % 37 !== 0) planted++;
    expect(single.findings.length).toBe(planted);
    expect(single.skipped.length).toBe(Math.ceil(n / 37));
    expect(parallel).toEqual(single);
    expect(calls).toBe(n);
  });

  it.skipIf(!existsSync(built))("a built pool scans in worker threads and bounds what is in flight", async () => {
    const pool = (await import(new URL("../../dist/scanner/pool.js", import.meta.url).href)) as typeof import("../../src/scanner/pool.js");
    const p = pool.createScanPool(2)!;
    expect(p).toBeDefined();
    try {
      const key = fakeBase64(64, "pool-direct");
      const jobs = Array.from({ length: 20 }, (_, i) =>
        p.scan(i % 2 ? "nothing here" : `AccountName=a;AccountKey=${key};EndpointSuffix=core.windows.net`, `f${i}.env`),
      );
      const results = await Promise.all(jobs);
      expect(results.map((r) => r.map((f) => f.ruleId))).toEqual(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? [] : ["storage-connection-string"])),
      );
      await p.ready();
    } finally {
      await p.close();
    }
  });
});
