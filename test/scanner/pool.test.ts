import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import { createScanPool, workerCount } from "../../src/scanner/pool.js";
import { MIN_FILES } from "../../src/scanner/scan.js";
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

  it.skipIf(!existsSync(built))("files on disk: worker threads that read their own share report exactly what one thread reports", async () => {
    const { scanSource } = (await import(built.href)) as typeof import("../../src/scanner/scan.js");
    const { fileSource } = (await import(new URL("../../dist/scanner/sources.js", import.meta.url).href)) as typeof import("../../src/scanner/sources.js");
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-pool-files-"));
    try {
      const put = (rel: string, content: string | Buffer): void => {
        mkdirSync(join(dir, rel, ".."), { recursive: true });
        writeFileSync(join(dir, rel), content);
      };
      // More than a listing chunk (the walk is streamed to the workers), names that a depth-first
      // walk in plain name order would list out of order ("pkg-1" vs "pkg/"), and skipped files
      // all over the listing (they come back in listing order).
      for (let i = 0; i < MIN_FILES * 3; i++) {
        const key = fakeBase64(64, `pool-files-${i}`);
        const dirName = i % 5 === 0 ? `pkg/${i % 4}` : `pkg-${i % 7}/${i % 3 === 0 ? "gen" : "src"}`;
        if (i % 23 === 0) put(`${dirName}/img${i}.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
        put(
          `${dirName}/f${i}.ts`,
          i % 9 === 0 ? `const cs = "DefaultEndpointsProtocol=https;AccountName=a${i};AccountKey=${key};EndpointSuffix=core.windows.net";\n` : `export const path${i} = "token";\n`,
        );
        if (i % 29 === 0) symlinkSync(`f${i}.ts`, join(dir, dirName, `ln${i}.ts`));
      }
      put(".gitignore", "pkg-1/gen/\n*.log\n");
      put("pkg-2/.gitignore", "gen/\n!gen/f2.ts\n");
      put("a.log", "ignored");
      put("big.txt", "x".repeat(3000));
      put("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
      put("nul.ts", Buffer.from("a\0b"));
      put("new\nline.ts", `const cs = "DefaultEndpointsProtocol=https;AccountName=nl;AccountKey=${fakeBase64(64, "pool-nl")};EndpointSuffix=core.windows.net";\n`);
      symlinkSync("pkg-0", join(dir, "link"));
      execFileSync("mkfifo", [join(dir, "pipe.ts")]);
      const scan = (workers: number) => scanSource(fileSource(["."], { cwd: dir, maxFileSize: 2000 }), { workers, now: () => 0 });
      const single = await scan(0);
      const parallel = await scan(2);
      expect(single.findings.length).toBeGreaterThan(20);
      expect(single.skipped.map((s) => s.reason)).toEqual(expect.arrayContaining(["binary file", "not a regular file", "symbolic link (not followed)"]));
      expect(single.skipped.some((s) => s.reason.startsWith("larger than"))).toBe(true);
      expect(single.skipped.length).toBeGreaterThan(40);
      expect(parallel).toEqual(single);
      // Three threads claim from the same counter.
      expect(await scan(3)).toEqual(single);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(built))("a worker that fails makes the scan fail with its one-line message, and nothing hangs", async () => {
    const pool = (await import(new URL("../../dist/scanner/pool.js", import.meta.url).href)) as typeof import("../../src/scanner/pool.js");
    const { streamListing } = (await import(new URL("../../dist/scanner/files.js", import.meta.url).href)) as typeof import("../../src/scanner/files.js");
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-pool-fail-"));
    try {
      for (let i = 0; i < 600; i++) writeFileSync(join(dir, `f${i}.ts`), `export const a${i} = ${i};\n`);
      const scripts = {
        // Fails on its first job (as a worker whose engine throws reports it).
        reply: `import { parentPort } from "node:worker_threads"; parentPort.on("message", () => parentPort.postMessage({ error: "disk on fire" }));`,
        // Cannot even start.
        load: `throw new Error("cannot load the engine");`,
      };
      for (const [name, code] of Object.entries(scripts)) {
        const script = join(dir, `${name}.mjs`);
        writeFileSync(script, code);
        let results = 0;
        const listing = await streamListing(["."], { cwd: dir });
        await expect(pool.scanListing(listing, 2, () => void results++, new URL(`file://${script}`))).rejects.toThrow(
          name === "reply" ? /^disk on fire$/ : /^cannot load the engine$/,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(built))("a failure while handling the results (sync or async) fails the scan instead of crashing", async () => {
    const pool = (await import(new URL("../../dist/scanner/pool.js", import.meta.url).href)) as typeof import("../../src/scanner/pool.js");
    const { streamListing } = (await import(new URL("../../dist/scanner/files.js", import.meta.url).href)) as typeof import("../../src/scanner/files.js");
    const dir = mkdtempSync(join(tmpdir(), "azure-msi-pool-result-"));
    try {
      for (let i = 0; i < 600; i++) writeFileSync(join(dir, `f${i}.ts`), `export const a${i} = ${i};\n`);
      const handlers: Record<string, () => void | Promise<void>> = {
        sync: () => {
          throw new Error("report broke");
        },
        async: () => Promise.reject(new Error("report broke")),
      };
      for (const handler of Object.values(handlers)) {
        let calls = 0;
        const listing = await streamListing(["."], { cwd: dir });
        await expect(pool.scanListing(listing, 2, () => (calls++ === 300 ? handler() : undefined))).rejects.toThrow(/^report broke$/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
