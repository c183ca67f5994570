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
import { MessageChannel, Worker } from "node:worker_threads";
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

/**
 * A file-scan worker's young generation (V8's default is 48 MB: 16 MB semi-spaces). Each isolate
 * has its own heap, so a worker adds its whole young generation to the peak RSS; at 24 MB the
 * 300 MB bench's peak RSS is about 13 MB lower (242 -> 229 MB) for the same CPU time within the
 * noise of a shared machine (4 runs each, load 2.6-3.2).
 */
const WORKER_YOUNG_MB = 24;

/** Slots of the Int32Array that the threads of a file scan share. */
export const NEXT = 0; // the next listing index not yet claimed by a thread
export const LISTED = 1; // how many candidates the main thread has posted to the workers
export const DONE = 2; // 1 once the walk is over (LISTED is then the listing's length)
export const SLOTS = 3;

/**
 * Claim the next batch of the listing for this thread: `[first, end)`, or undefined when nothing is
 * left. While the walk goes on a batch is full-sized and may reach past what is listed (the
 * thread waits for it); after the walk, batches shrink towards the end so that the threads finish
 * together. Lock-free: any thread may claim at any time, nobody hands out work.
 */
export function claimBatch(shared: Int32Array, threads: number, max = MAX_BATCH): { first: number; end: number } | undefined {
  for (;;) {
    const first = Atomics.load(shared, NEXT);
    const done = Atomics.load(shared, DONE) === 1;
    const listed = Atomics.load(shared, LISTED);
    if (done && first >= listed) return undefined;
    const size = done ? Math.min(listed - first, max, Math.max(MIN_BATCH, Math.ceil((listed - first) / (threads * 4)))) : max;
    if (Atomics.compareExchange(shared, NEXT, first, first + size) === first) return { first, end: first + size };
  }
}

/** What a worker posts back: a batch's results, its end (no work left), or why it failed. */
export type FilesReply = { readonly results: FileResult[] } | { readonly done: true } | { readonly error: string };

/**
 * Scan a listing with the main thread and `threads - 1` worker threads while the listing is still
 * being walked; `onResult` gets each file's outcome (in completion order). The workers start at
 * once (their module loading overlaps the walk); the main thread posts the listing to them as it
 * walks (paths only), and every thread claims its next batch from a shared counter (claimBatch),
 * so a worker never waits for the main thread, which may be busy with a large file. The main
 * thread walks first, then scans its share. Returns false, having scanned nothing, when no worker
 * can be started (running from TypeScript sources): the caller then scans on the main thread.
 */
export async function scanListing(
  listing: ListingStream,
  threads: number,
  onResult: (result: FileResult) => void | Promise<void>,
  /** The worker script (tests: one that fails). */
  script: URL | undefined = workerScript(),
): Promise<boolean> {
  if (threads < 2 || script === undefined) return false;
  const { candidates, maxFileSize } = listing;
  const shared = new Int32Array(new SharedArrayBuffer(SLOTS * 4));

  let failure: Error | undefined;
  // Results are handled in arrival order; onResult is awaited only when it returns a promise
  // (it loads the report module at the first finding).
  const queue: Array<readonly FileResult[]> = [];
  let at = 0;
  let draining: Promise<void> | undefined;
  /** onResult failed: the scan fails with its error (never an uncaught exception in a message handler). */
  const stop = (error: unknown): void => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    queue.length = 0;
  };
  const drain = (): void => {
    try {
      while (queue.length > 0) {
        const results = queue[0]!;
        while (at < results.length) {
          const pending = onResult(results[at++]!);
          if (pending) {
            draining = pending.then(
              () => {
                draining = undefined;
                drain();
              },
              (error: unknown) => {
                draining = undefined;
                stop(error);
              },
            );
            return;
          }
        }
        queue.shift();
        at = 0;
      }
    } catch (error) {
      stop(error);
    }
  };
  const deliver = (results: readonly FileResult[]): void => {
    if (failure) return;
    queue.push(results);
    if (!draining) drain();
  };

  const workers = Array.from({ length: threads - 1 }, () => new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } }));
  const ports = workers.map(() => new MessageChannel());
  let running = workers.length;
  let allDone: () => void = () => {};
  const finished = (): void => {
    running--;
    if (running === 0) allDone();
  };
  const done = new Promise<void>((resolve) => (allDone = resolve));
  workers.forEach((worker, w) => {
    let ended = false;
    worker.on("message", (msg: FilesReply) => {
      if ("results" in msg) deliver(msg.results);
      else if (!ended) {
        ended = true;
        if ("error" in msg) failure ??= new Error(msg.error);
        finished();
      }
    });
    const fail = (error: Error): void => {
      failure ??= error;
      if (!ended) {
        ended = true;
        finished();
      }
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a scan worker stopped (exit code ${code})`)));
    const job: FilesJob = { kind: "files", shared, port: ports[w]!.port2, threads, maxFileSize };
    worker.postMessage(job, [ports[w]!.port2]);
  });
  let posted = 0;
  const post = (): void => {
    if (posted === candidates.length) return;
    const items = candidates.slice(posted);
    for (const { port1 } of ports) port1.postMessage({ first: posted, items });
    posted = candidates.length;
    Atomics.store(shared, LISTED, posted);
    Atomics.notify(shared, LISTED);
  };
  try {
    // The walk, a chunk at a time; the workers scan the first chunks meanwhile.
    post();
    while (!failure && listing.more()) post();
    Atomics.store(shared, DONE, 1);
    Atomics.notify(shared, LISTED);
    // Then the main thread's share, letting the workers' results in between two batches.
    for (let batch = claimBatch(shared, threads); batch && !failure; batch = claimBatch(shared, threads)) {
      const end = Math.min(batch.end, candidates.length);
      deliver(scanBatch(candidates.slice(batch.first, end), batch.first, maxFileSize));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (running > 0) await done;
    while (draining) await draining;
  } finally {
    // Whatever happens, the walk is over for the workers (one that is waiting for more wakes up).
    Atomics.store(shared, DONE, 1);
    Atomics.notify(shared, LISTED);
    for (const { port1 } of ports) port1.close();
    await Promise.all(workers.map((worker) => worker.removeAllListeners("exit").terminate()));
  }
  if (failure) throw failure;
  return true;
}
