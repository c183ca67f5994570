/**
 * Worker threads for the engine.
 *
 * - Files on disk (scanListing): the walker lists the files on the main thread and the workers
 *   start on the first batches while the walk goes on; then the main thread and `threads - 1`
 *   workers each take batches of the listing, read, decode and scan them (scan-files.ts). Only paths go to a worker and only sizes, skip reasons and the few files
 *   with findings come back, so the threads share no text and the main thread is not a bottleneck.
 *   Batches shrink towards the end of the listing so that the threads finish together.
 * - Other sources (git blobs): createScanPool, texts in, engine findings out, while the main
 *   thread produces the texts; when every worker has its few texts (bounded memory), the main
 *   thread scans the next text itself instead of waiting, so `threads - 1` workers keep every
 *   core busy.
 *
 * Results come back in completion order (the report is sorted; skipped files are put back in
 * listing order). Worth it only for many files: never for a pre-commit run of a few files.
 * `AZURE_MSI_WORKERS=0` (or 1) keeps everything on the main thread; `AZURE_MSI_WORKERS=n` sets the
 * number of threads.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Finding } from "../core/types.js";
import type { ListingStream } from "./files.js";
import type { Candidate } from "./read.js";
import { scanBatch, type FileResult } from "./scan-files.js";
import type { FilesJob } from "./scan-worker.js";

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
  /** Every worker has as many texts as it may hold (scan the next one on this thread). */
  full(): boolean;
  close(): Promise<void>;
}

/**
 * How many threads scan (0: the main thread alone), from AZURE_MSI_WORKERS or the number of cores
 * (at most 8). The main thread is one of them: n threads are the main thread and n - 1 workers.
 */
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
  if (size < 1 || script === undefined) return undefined;
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
    full: () => inFlight() >= capacity && !failure,
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

/** Files per batch: at most MAX_BATCH, fewer towards the end (guided scheduling), at least MIN_BATCH. */
const MAX_BATCH = 64;
const MIN_BATCH = 4;
/** The main thread's batches are small: between two, it hands the workers their next batches. */
const MAIN_BATCH = 8;
/** Batches in flight per worker: one being scanned, one waiting, so it never waits for the main thread. */
const BATCHES_PER_WORKER = 2;

/**
 * Scan a listing with the main thread and `threads - 1` worker threads while the listing is still
 * being walked; `onResult` gets each file's outcome (in completion order). The workers start at
 * once (their module loading overlaps the walk) and get their first batches as soon as the walk
 * has listed them; the main thread walks on (handing out batches between two chunks of the walk),
 * then scans its own share. Returns false, having scanned nothing, when no worker can be started
 * (running from TypeScript sources): the caller then scans on the main thread.
 */
export async function scanListing(
  listing: ListingStream,
  threads: number,
  onResult: (result: FileResult) => void | Promise<void>,
): Promise<boolean> {
  const script = workerScript();
  if (threads < 2 || script === undefined) return false;
  const { candidates, maxFileSize } = listing;
  let listed = false;
  const walkOn = (): void => {
    if (!listed && !listing.more()) listed = true;
  };
  let next = 0;
  const take = (max = MAX_BATCH): { first: number; items: readonly Candidate[] } | undefined => {
    // While the walk goes on, a batch is full-sized (walked now if need be).
    while (!listed && candidates.length - next < max) walkOn();
    const left = candidates.length - next;
    if (left <= 0) return undefined;
    const size = Math.min(left, max, Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.ceil(left / (threads * 4)))));
    const first = next;
    next += size;
    return { first, items: candidates.slice(first, first + size) };
  };

  let failure: Error | undefined;
  // Results are handled one at a time, in arrival order (onResult may load the report module).
  let handled: Promise<void> = Promise.resolve();
  const deliver = (results: readonly FileResult[]): void => {
    handled = handled.then(async () => {
      for (const r of results) await onResult(r);
    });
  };

  let idle: () => void = () => {};
  let busy = 0;
  const workers = Array.from({ length: threads - 1 }, () => new Worker(script));
  const queued = workers.map(() => 0);
  let id = 0;
  /** Give worker `w` batches until it has BATCHES_PER_WORKER. */
  const topUp = (w: number): void => {
    while (!failure && queued[w]! < BATCHES_PER_WORKER) {
      const batch = take();
      if (!batch) return;
      busy++;
      queued[w]!++;
      const job: FilesJob = { kind: "files", id: id++, items: batch.items, first: batch.first, maxFileSize };
      workers[w]!.postMessage(job);
    }
  };
  workers.forEach((worker, w) => {
    worker.on("message", (msg: { results?: FileResult[]; error?: string }) => {
      busy--;
      queued[w]!--;
      if (msg.error !== undefined) failure ??= new Error(msg.error);
      else deliver(msg.results ?? []);
      topUp(w);
      if (busy === 0) idle();
    });
    worker.on("error", (error) => {
      failure ??= error;
      busy = 0;
      idle();
    });
  });
  try {
    // The walk, a chunk at a time, letting worker messages in between (they get the first batches).
    while (!listed && !failure) {
      walkOn();
      workers.forEach((_, w) => topUp(w));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Then the main thread's share: one batch at a time, letting worker messages in between.
    for (let batch = take(MAIN_BATCH); batch && !failure; batch = take(MAIN_BATCH)) {
      deliver(scanBatch(batch.items, batch.first, maxFileSize));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (busy > 0 && !failure) await new Promise<void>((resolve) => (idle = resolve));
    await handled;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (failure) throw failure;
  return true;
}
