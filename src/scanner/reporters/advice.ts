/**
 * Shared wording for the CI reporters (sarif, github, junit, html): the Managed Identity advice of a
 * finding in one line, the detector's title, and a service's display name. Only report fields are
 * used, and they never hold a secret (only its redacted preview).
 */
import { CATALOG } from "../../core/catalog/index.js";
import { DETECTORS } from "../../core/detectors/index.js";
import type { Detector, ServiceId } from "../../core/types.js";
import type { ReportFinding } from "../report.js";

let byId: Map<string, Detector> | undefined;

export function detectorFor(ruleId: string): Detector | undefined {
  byId ??= new Map(DETECTORS.map((d) => [d.id, d]));
  return byId.get(ruleId);
}

export function serviceName(service: ServiceId): string {
  return (CATALOG as Partial<Record<string, { displayName: string }>>)[service]?.displayName ?? service;
}

export function msiSupportLabel(supported: ReportFinding["msi"]["supported"]): string {
  return supported === true ? "supported" : supported === "partial" ? "partly supported" : "not supported";
}

/** "Managed Identity: supported; grant Storage Blob Data Contributor; instead: ...". */
export function msiAdvice(f: ReportFinding): string {
  const parts = [`Managed Identity: ${msiSupportLabel(f.msi.supported)}`];
  if (f.msi.roles.length > 0) parts.push(`grant ${f.msi.roles.join(" or ")}`);
  if (f.msi.replacement) parts.push(`instead: ${f.msi.replacement}`);
  return parts.join("; ");
}

export const byLocation = (a: ReportFinding, b: ReportFinding): number =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/** What a reporter lists: the findings, plus the suppressed ones with --show-suppressed. */
export function shownFindings(findings: readonly ReportFinding[], suppressed: readonly ReportFinding[], showSuppressed: boolean): ReportFinding[] {
  return (showSuppressed ? [...findings, ...suppressed] : [...findings]).sort(byLocation);
}
