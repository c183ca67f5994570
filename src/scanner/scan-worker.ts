/**
 * A scan worker thread (started by pool.ts). Two kinds of jobs:
 * - `text`: a text in, engine findings out (sources that are not files on disk: git blobs);
 * - `files`: a file scan that this worker shares with the main thread (and other workers): the
 *   main thread posts the listing (paths only) on `port` as it walks, and every thread claims its
 *   next batch from the shared counter (pool.ts claimBatch), reads, decodes and scans it itself
 *   (scan-files.ts): file contents never cross between threads, and this worker never waits for
 *   the main thread except for the listing itself.
 * Positions, suppressions, advice and fingerprints stay on the main thread.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { scanText } from "../core/engine/scan-all.js";
import { claimBatch, DONE, LISTED, type FilesReply } from "./pool.js";
import type { Candidate } from "./read.js";
import { scanBatch } from "./scan-files.js";

export interface ScanJob {
  readonly id: number;
  readonly text: string;
  readonly path: string;
}

export interface FilesJob {
  readonly kind: "files";
  /** pool.ts's NEXT, LISTED and DONE slots. */
  readonly shared: Int32Array;
  /** The listing, in chunks: `{ first, items }`. */
  readonly port: MessagePort;
  readonly threads: number;
  readonly maxFileSize: number;
}

export type WorkerMessage = ({ readonly kind?: "text" } & ScanJob) | FilesJob;

/** Claim, scan and report batches until the listing is done. */
function scanShare(job: FilesJob): void {
  const { shared, port, threads, maxFileSize } = job;
  const listing: Candidate[] = [];
  /** Take in the chunks posted so far; false when the walk is over and all of them are in. */
  const receive = (): void => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const chunk = m.message as { first: number; items: readonly Candidate[] };
      for (let k = 0; k < chunk.items.length; k++) listing[chunk.first + k] = chunk.items[k]!;
    }
  };
  for (let batch = claimBatch(shared, threads); batch; batch = claimBatch(shared, threads)) {
    // Wait (only while the walk goes on) until the batch's files are listed, or the walk ends.
    for (;;) {
      receive();
      if (listing.length >= batch.end) break;
      const listed = Atomics.load(shared, LISTED);
      if (Atomics.load(shared, DONE) === 1 && listing.length >= listed) break;
      if (listing.length >= listed) Atomics.wait(shared, LISTED, listed, 50);
    }
    const end = Math.min(batch.end, listing.length);
    if (batch.first >= end) continue;
    const reply: FilesReply = { results: scanBatch(listing.slice(batch.first, end), batch.first, maxFileSize) };
    parentPort!.postMessage(reply);
  }
  port.close();
}

parentPort?.on("message", (job: WorkerMessage) => {
  if (job.kind === "files") {
    let reply: FilesReply;
    try {
      scanShare(job);
      reply = { done: true };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
    return;
  }
  try {
    parentPort!.postMessage({ id: job.id, findings: scanText(job.text, { path: job.path }) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
