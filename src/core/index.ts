/** Public API of the engine: pure functions over text. */
export * from "./types.js";
export { DETECTORS } from "./detectors/index.js";
export { compileDetectors, scanWith, type ScanTextOptions, type CompiledDetectors } from "./detect/scan-text.js";
export { scanText } from "./engine/scan-all.js";
export { redact, maskAll } from "./report/redact.js";
export { fingerprint } from "./report/fingerprint.js";
export { CATALOG, getService } from "./catalog/index.js";
export type { CatalogEntry, CatalogRole, CatalogVariant, MsiSupport, RoleScope } from "./catalog/index.js";
export { describeFinding, ROTATE_SENTENCE } from "./report/advice.js";
export type { AdviceInput, DescribeOptions, FindingAdvice, MsiAdvice } from "./report/advice.js";
export { getDetector } from "./detectors/lookup.js";
