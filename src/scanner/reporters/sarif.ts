/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
 *
 * One rule per detector that produced a result (sorted, never duplicated), with help text carrying
 * the Managed Identity advice and docs link, and `security-severity` so code scanning ranks the
 * alerts. Results point at repository-relative URIs under `%SRCROOT%` with 1-based UTF-16 columns;
 * `partialFingerprints` come from the path- and line-independent finding fingerprint, so an alert
 * survives a file move. Suppressed findings (with --show-suppressed) carry SARIF `suppressions`.
 */
import type { Severity } from "../../core/types.js";
import type { Report, ReportFinding, Reporter } from "../report.js";
import { detectorFor, msiSupportLabel, serviceName, shownFindings } from "./advice.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://www.npmjs.com/package/eslint-plugin-azure-msi";
export const FINGERPRINT_KEY = "azureMsiFingerprint/v1";
const MAX_NOTES = 100;

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
/** GitHub buckets: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, < 4 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.5", warning: "5.5", info: "2.0" };

/** Repository-relative URI: each path segment percent-encoded, `/` kept. */
export function toUri(file: string): string {
  return file.split("/").map((seg) => (seg === "." || seg === ".." ? seg : encodeURIComponent(seg))).join("/");
}

const pascal = (id: string): string => id.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

function rule(ruleId: string, example: ReportFinding) {
  const d = detectorFor(ruleId);
  const title = d?.title ?? ruleId;
  const description = d?.description ?? example.message;
  const severity = d?.severity ?? example.severity;
  const service = serviceName(example.service);
  const roles = example.msi.roles.length > 0 ? example.msi.roles.join(" or ") : "";
  const textLines = [
    `${title}. ${description}`,
    "",
    `${service}: Managed Identity is ${msiSupportLabel(example.msi.supported)}.`,
    ...(roles ? [`Grant the app's identity: ${roles}.`] : []),
    ...(example.msi.replacement ? [`Instead of the secret: ${example.msi.replacement}`] : []),
    "Rotate the credential if it reached a shared branch: removing it from the code does not remove it from git history.",
    ...(example.msi.docs ? [`Docs: ${example.msi.docs}`] : []),
  ];
  const md = [
    `**${title}**. ${description}`,
    "",
    `**${service}**: Managed Identity is ${msiSupportLabel(example.msi.supported)}.`,
    ...(roles ? ["", `Grant the app's identity: \`${roles}\`.`] : []),
    ...(example.msi.replacement ? ["", "Instead of the secret:", "", "```", example.msi.replacement, "```"] : []),
    "",
    "Rotate the credential if it reached a shared branch: removing it from the code does not remove it from git history.",
    ...(example.msi.docs ? ["", `[Microsoft Learn: ${service} with Managed Identity](${example.msi.docs})`] : []),
  ];
  return {
    id: ruleId,
    name: pascal(ruleId),
    shortDescription: { text: title },
    fullDescription: { text: description },
    ...(example.msi.docs ? { helpUri: example.msi.docs } : {}),
    help: { text: textLines.join("\n"), markdown: md.join("\n") },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ["security", "secrets", "azure", "managed-identity", `service/${example.service}`],
      precision: "high",
      "problem.severity": severity === "info" ? "recommendation" : severity,
      "security-severity": SECURITY_SEVERITY[severity],
    },
  };
}

function suppressionOf(f: ReportFinding) {
  if (!f.suppressed) return undefined;
  const kind = f.suppressed.kind === "inline" || f.suppressed.kind === "eslint" ? "inSource" : "external";
  return [{ kind, status: "accepted", justification: f.suppressed.reason ?? `suppressed (${f.suppressed.kind})` }];
}

export function toSarif(report: Report, options: { showSuppressed: boolean; version: string }) {
  const shown = shownFindings(report.findings, report.suppressed, options.showSuppressed);
  const examples = new Map<string, ReportFinding>();
  for (const f of shown) if (!examples.has(f.ruleId)) examples.set(f.ruleId, f);
  const ruleIds = [...examples.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const seen = new Map<string, number>();
  const results = shown.map((f) => {
    // The same secret twice: keep the alerts apart with an occurrence number.
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    const suppressions = suppressionOf(f);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: `${f.message} (${f.redacted})` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file), uriBaseId: "%SRCROOT%" },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: n === 0 ? f.fingerprint : `${f.fingerprint}:${n}` },
      ...(suppressions ? { suppressions } : {}),
      properties: {
        service: f.service,
        "security-severity": SECURITY_SEVERITY[f.severity],
        managedIdentity: msiSupportLabel(f.msi.supported),
        fixAvailable: f.fix.available,
        ...(f.commit ? { commit: f.commit.sha, commitDate: f.commit.date } : {}),
      },
    };
  });
  // Skipped files worth a note (not binaries), capped so a big repository keeps a small log.
  const notable = report.skipped.filter((s) => s.reason !== "binary file");
  const notifications = [
    ...notable.slice(0, MAX_NOTES).map((s) => ({ level: "note" as const, message: { text: `Skipped ${s.file}: ${s.reason}` } })),
    ...(notable.length > MAX_NOTES ? [{ level: "note" as const, message: { text: `${notable.length - MAX_NOTES} more files skipped` } }] : []),
    ...(report.staleBaseline ?? []).map((fp) => ({ level: "warning" as const, message: { text: `Baseline entry ${fp} matched no finding; remove it from the baseline.` } })),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: "azure-msi",
            fullName: "azure-msi (eslint-plugin-azure-msi)",
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => rule(id, examples.get(id)!)),
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

const sarif: Reporter = (report, options) => `${JSON.stringify(toSarif(report, options), null, 2)}\n`;

export default sarif;
