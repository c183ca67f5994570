/**
 * Worker threads for the engine: the machine's cores scan files in parallel while the main thread
 * reads, decodes and post-processes. Each worker holds at most a few files at a time (bounded
 * memory); results come back in completion order (the report is sorted anyway).
 *
 * Worth it only for many files: scanSource starts a pool after MIN_FILES files or MIN_BYTES bytes,
 * never for a pre-commit run of a few files. `AZURE_MSI_WORKERS=0` (or 1) keeps everything on the
 * main thread; `AZURE_MSI_WORKERS=n` sets the number of workers.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Finding } from "../core/types.js";

export const MIN_FILES = 200;
export const MIN_BYTES = 8 * 1024 * 1024;
/** Files in flight per worker: enough to keep it busy, few enough to bound memory. */
const PER_WORKER = 4;

interface Pending {
  readonly resolve: (findings: Finding[]) => void;
  readonly reject: (error: Error) => void;
}

export interface ScanPool {
  /** Resolves when the file has been scanned; waits first while the pool is full. */
  scan(text: string, path: string): Promise<Finding[]>;
  /** Resolves when a slot is free (call before reading the next file to bound memory). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** How many workers to use (0: none), from AZURE_MSI_WORKERS or the number of cores. */
export function workerCount(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const set = env.AZURE_MSI_WORKERS;
  if (set !== undefined && /^\d+$/.test(set)) {
    const n = Number(set);
    return n <= 1 ? 0 : Math.min(n, 16);
  }
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores, 8) : 0;
}

/** The compiled worker script (absent when running from TypeScript sources, e.g. in tests). */
function workerScript(): URL | undefined {
  const url = new URL("./scan-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : undefined;
}

export function createScanPool(size: number): ScanPool | undefined {
  const script = workerScript();
  if (size < 2 || script === undefined) return undefined;
  const pending = new Map<number, Pending>();
  const load: number[] = [];
  const waiters: Array<() => void> = [];
  let nextId = 0;
  let failure: Error | undefined;
  const capacity = size * PER_WORKER;
  const inFlight = (): number => pending.size;
  const wake = (): void => {
    while (waiters.length > 0 && inFlight() < capacity) waiters.shift()!();
  };
  const workers = Array.from({ length: size }, (_, w) => {
    const worker = new Worker(script);
    load.push(0);
    worker.on("message", (msg: { id: number; findings?: Finding[]; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      load[w]!--;
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.findings ?? []);
      wake();
    });
    worker.on("error", (error) => {
      failure = error;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      wake();
    });
    return worker;
  });

  return {
    ready: () => (inFlight() < capacity || failure ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    async scan(text, path) {
      while (inFlight() >= capacity && !failure) await new Promise<void>((r) => waiters.push(r));
      if (failure) throw failure;
      // The least loaded worker.
      let w = 0;
      for (let i = 1; i < size; i++) if (load[i]! < load[w]!) w = i;
      const id = nextId++;
      load[w]!++;
      return new Promise<Finding[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[w]!.postMessage({ id, text, path });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
