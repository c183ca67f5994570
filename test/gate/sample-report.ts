/**
 * A report for reporter tests: several services (MI-capable and not), severities, awkward file
 * names and messages full of characters that every format must escape. The "secrets" behind it
 * are generated fakes; a report only ever holds their redacted form.
 */
import { redact } from "../../src/core/report/redact.js";
import { fingerprint } from "../../src/core/report/fingerprint.js";
import { fakeBase64, fakeHex } from "../../src/core/keys/fake.js";
import type { Report, ReportFinding } from "../../src/scanner/report.js";

export interface SampleSecret {
  readonly finding: ReportFinding;
  /** The full fake secret, so tests can assert it never appears in output. */
  readonly secret: string;
}

function make(partial: Partial<ReportFinding> & Pick<ReportFinding, "ruleId" | "service" | "file" | "line">, secret: string): SampleSecret {
  const column = partial.column ?? 15;
  const finding: ReportFinding = {
    column,
    endLine: partial.line,
    endColumn: column + secret.length,
    severity: "error",
    message: "A hard-coded credential.",
    redacted: redact(secret),
    fingerprint: fingerprint(partial.ruleId, secret),
    msi: { supported: true, replacement: "new DefaultAzureCredential()", roles: ["Reader"], docs: "https://learn.microsoft.com/azure/" },
    fix: { available: false, description: "" },
    ...partial,
  };
  return { finding, secret };
}

export function sampleSecrets(): SampleSecret[] {
  const storageKey = fakeBase64(64, "report-storage");
  const sbKey = fakeBase64(32, "report-sb");
  const pat = fakeHex(52, "report-pat");
  const dbx = `dapi${fakeHex(32, "report-dbx")}`;
  return [
    make(
      {
        ruleId: "storage-account-key",
        service: "storage",
        file: "src/upload <script>alert(1)</script>.ts",
        line: 12,
        message: 'Azure Storage account key in "AccountKey=" <b>bold</b> & 100% sure, really: yes\nsecond line',
        msi: {
          supported: true,
          replacement: "new BlobServiceClient(url, new DefaultAzureCredential())",
          roles: ["Storage Blob Data Contributor"],
          docs: "https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory",
        },
        fix: { available: true, description: "Use BlobServiceClient with DefaultAzureCredential" },
        snippet: `  "AccountKey=${redact(storageKey)}", <tag> & "q"`,
      },
      storageKey,
    ),
    make(
      {
        ruleId: "storage-account-key",
        service: "storage",
        file: "config/dir with space/settings.json",
        line: 3,
        column: 20,
        severity: "warning",
        message: "Azure Storage account key (second).",
        msi: { supported: true, replacement: "identity-based connection", roles: ["Storage Blob Data Reader"], docs: "https://learn.microsoft.com/azure/storage/" },
      },
      fakeBase64(64, "report-storage-2"),
    ),
    make(
      {
        ruleId: "service-bus-key",
        service: "service-bus",
        file: "unicodé/日本.ts",
        line: 7,
        message: "Service Bus shared access key, 50%: a,b",
        msi: { supported: "partial", replacement: "new ServiceBusClient(ns, credential)", roles: ["Azure Service Bus Data Sender"], docs: "https://learn.microsoft.com/azure/service-bus-messaging/" },
      },
      sbKey,
    ),
    make(
      {
        ruleId: "devops-pat",
        service: "devops",
        file: "scripts/deploy.sh",
        line: 2,
        severity: "info",
        message: "Azure DevOps personal access token: Managed Identity does not apply; use workload identity federation.",
        msi: { supported: false, replacement: "workload identity federation", roles: [], docs: "https://learn.microsoft.com/azure/devops/" },
        commit: { sha: "0123456789abcdef0123456789abcdef01234567", date: "2024-02-03T04:05:06+00:00", author: "Dev <one>" },
      },
      pat,
    ),
    make({ ruleId: "databricks-token", service: "databricks", file: "notebooks/run.py", line: 1, column: 9, msi: { supported: true, replacement: "Entra ID token", roles: [], docs: "https://learn.microsoft.com/azure/databricks/" } }, dbx),
  ];
}

export function sampleReport(): { report: Report; secrets: string[] } {
  const all = sampleSecrets();
  const suppressedOne = make({ ruleId: "databricks-token", service: "databricks", file: "test/fixture.py", line: 4, suppressed: { kind: "inline", reason: "test <fixture>" } }, `dapi${fakeHex(32, "report-supp")}`);
  const findings = all.map((s) => s.finding);
  return {
    report: {
      version: 1,
      findings,
      suppressed: [suppressedOne.finding],
      skipped: [{ file: "big.bin", reason: "binary file" }],
      staleBaseline: ["ffffffffffffffffffffffffffffffff"],
      summary: { files: 9, bytes: 1234, findings: findings.length, durationMs: 5 },
    },
    secrets: [...all.map((s) => s.secret), suppressedOne.secret],
  };
}
