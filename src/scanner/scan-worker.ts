/**
 * A scan worker thread: texts in, engine findings out (scanText only; positions, suppressions,
 * advice and fingerprints stay on the main thread). Started by pool.ts.
 */
import { parentPort } from "node:worker_threads";
import { scanText } from "../core/engine/scan-all.js";

export interface ScanJob {
  readonly id: number;
  readonly text: string;
  readonly path: string;
}

parentPort?.on("message", (job: ScanJob) => {
  try {
    parentPort!.postMessage({ id: job.id, findings: scanText(job.text, { path: job.path }) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
