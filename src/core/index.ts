/** Public API of the engine: pure functions over text. */
export * from "./types.js";
export { DETECTORS } from "./detectors/index.js";
export { compileDetectors, scanWith, type ScanTextOptions, type CompiledDetectors } from "./scan-text.js";
export { scanText } from "./scan-all.js";
export { redact, maskAll } from "./redact.js";
export { fingerprint } from "./fingerprint.js";
export { CATALOG, getService } from "./catalog/index.js";
export type { CatalogEntry, CatalogRole, CatalogVariant, MsiSupport, RoleScope } from "./catalog/index.js";
export { describeFinding, ROTATE_SENTENCE } from "./advice.js";
export type { AdviceInput, DescribeOptions, FindingAdvice, MsiAdvice } from "./advice.js";
export { getDetector } from "./detectors/lookup.js";
