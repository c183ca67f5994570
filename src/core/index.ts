/** Public API of the engine: pure functions over text. */
import { DETECTORS } from "./detectors/index.js";
import { compileDetectors, scanWith, type ScanTextOptions } from "./scan-text.js";
import type { Finding } from "./types.js";

export * from "./types.js";
export { DETECTORS } from "./detectors/index.js";
export { compileDetectors, scanWith, type ScanTextOptions, type CompiledDetectors } from "./scan-text.js";
export { redact, maskAll } from "./redact.js";
export { fingerprint } from "./fingerprint.js";

let compiled: ReturnType<typeof compileDetectors> | undefined;

/** Scan one text with every detector. */
export function scanText(text: string, options: ScanTextOptions = {}): Finding[] {
  compiled ??= compileDetectors(DETECTORS);
  return scanWith(compiled, text, options);
}
