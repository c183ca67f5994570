/**
 * A scan worker thread (started by pool.ts). Two kinds of jobs:
 * - `text`: a text in, engine findings out (sources that are not files on disk: git blobs);
 * - `files`: a batch of listed files (paths only), which the worker reads, decodes and scans
 *   itself (scan-files.ts): file contents never cross between threads.
 * Positions, suppressions, advice and fingerprints stay on the main thread.
 */
import { parentPort } from "node:worker_threads";
import { scanText } from "../core/engine/scan-all.js";
import type { Candidate } from "./read.js";
import { scanBatch } from "./scan-files.js";

export interface ScanJob {
  readonly id: number;
  readonly text: string;
  readonly path: string;
}

export interface FilesJob {
  readonly kind: "files";
  readonly id: number;
  /** The batch's files and the listing index of the first. */
  readonly items: readonly Candidate[];
  readonly first: number;
  readonly maxFileSize: number;
}

export type WorkerMessage = ({ readonly kind?: "text" } & ScanJob) | FilesJob;

parentPort?.on("message", (job: WorkerMessage) => {
  try {
    if (job.kind === "files") {
      parentPort!.postMessage({ id: job.id, results: scanBatch(job.items, job.first, job.maxFileSize) });
      return;
    }
    parentPort!.postMessage({ id: job.id, findings: scanText(job.text, { path: job.path }) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
