import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { hasHostOf, keyShape, matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { isHashOrData, prefixBefore } from "../keys/key-shapes.js";
import { callArgument, stringLiteralAt } from "../text/literal-context.js";
import { charClass, fixedRuns, type RunShape } from "../text/runs.js";
import { findIdentifiable } from "../keys/identifiable-scan.js";
import type { Candidate, Detector } from "../types.js";

/**
 * Any 88-character (64-byte) base64 run, for legacy keys next to a Batch host:
 * `(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=_-])`, found by a run-length scan.
 */
const B64_EDGE = charClass("A-Za-z0-9+/=_-");
const BASE64_88: RunShape = { run: charClass("A-Za-z0-9+/"), length: 86, tail: "==", before: B64_EDGE, after: B64_EDGE };
/** `new BatchSharedKeyCredentials(name, key)` (JS) and `SharedKeyCredentials(name, key)` (Python). */
const SHARED_KEY_CALL = /\b(?:BatchSharedKeyCredentials|SharedKeyCredentials)[ \t]*(?=\()/g;
const NAMES = /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}(?:azure_?)?batch_?(?:account_?)?(?:shared_?|access_?|primary_?|secondary_?)?key(?![\w-])/gi;
/** Connection-string fields that belong to other services' detectors. */
const OTHER_FIELD = /(?:accountkey|sharedaccesskey|accesskey|password)\s*=\s*["']?$/;

export const batchAccountKey: Detector = {
  id: "batch-account-key",
  service: "batch",
  title: "Azure Batch account key",
  description:
    "An Azure Batch shared account key: the identifiable 88-character format (`+ABa` signature, Marvin32 checksum with the AbAcct00 seed) anywhere, or a legacy 88-character base64 key passed to `BatchSharedKeyCredentials(name, key)`, assigned to a Batch key name, or written next to a `.batch.azure.com` account URL. The shared key grants full control of the account, whatever RBAC says.",
  keywords: ["+aba", "sharedkeycredentials", "batch.azure.com", "batch_account_key", "batchaccountkey", "batch_key", "batchkey", "batch_shared", "batchshared"],
  window: { before: 300, after: 400 },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const k of findIdentifiable(text, from, to, "+ABa", 64, ["AbAcct00"])) out.push({ start: k.start, end: k.end, fields: { format: "identifiable" } });
    for (const m of matchesIn(SHARED_KEY_CALL, text, from, to)) {
      const open = m.index + m[0].length;
      const arg = callArgument(text, open, 1);
      const lit = arg === undefined ? undefined : stringLiteralAt(text, arg, 120);
      if (lit && keyShape(lit.value, ["b64-88"])) out.push({ start: lit.start, end: lit.end, fields: { format: "legacy", context: "BatchSharedKeyCredentials" } });
    }
    for (const { value } of namedValues(NAMES, text, from, to)) {
      const v = trimValue(value);
      if (keyShape(v.value, ["b64-88"])) out.push({ start: v.start, end: v.end, fields: { format: "legacy", context: "name" } });
    }
    for (const start of fixedRuns(text, from, to, BASE64_88)) {
      const end = start + 88;
      const value = text.slice(start, end);
      if (!hasHostOf(text, start, end, "batch", 300)) continue;
      const prefix = prefixBefore(text, start);
      if (OTHER_FIELD.test(prefix) || isHashOrData(prefix)) continue;
      if (keyShape(value, ["b64-88"])) out.push({ start, end, fields: { format: "legacy", context: "host" } });
    }
    return out;
  },
  samples() {
    const id = fakeIdentifiable(64, "+ABa", "AbAcct00", "batch-1");
    const legacy1 = fakeBase64(64, "batch-legacy-1");
    const legacy2 = fakeBase64(64, "batch-legacy-2");
    const broken = `${id.slice(0, 12)}${id[12] === "k" ? "j" : "k"}${id.slice(13)}`;
    return {
      positive: [
        `const credentials = new BatchSharedKeyCredentials("contosobatch", "${legacy1}");\nconst client = new BatchServiceClient(credentials, "https://contosobatch.westeurope.batch.azure.com");`,
        `BATCH_ACCOUNT_URL=https://contosobatch.westeurope.batch.azure.com\nBATCH_ACCOUNT_KEY=${legacy2}\n`,
        `{\n  "batch": {\n    "accountUrl": "https://contosobatch.westeurope.batch.azure.com",\n    "key": "${legacy1}"\n  }\n}`,
        `# Batch key rotated 2025-06\n$key = "${id}"`,
        `credentials = SharedKeyCredentials(BATCH_ACCOUNT_NAME, "${legacy2}")`,
      ],
      negative: [
        // An 88-character base64 value with no Batch context (could be anything).
        `const digest = "${legacy1}";`,
        `BATCH_ACCOUNT_KEY=$(az batch account keys list -n contosobatch --query primary -o tsv)`,
        // A +ABa key whose checksum does not hold, with no Batch context.
        `etag: "${broken}"`,
        `# https://contosobatch.westeurope.batch.azure.com\n"integrity": "sha512-${legacy2}"`,
        `const credentials = new BatchSharedKeyCredentials("contosobatch", "<batch-account-key>");`,
        `batch:\n  url: https://contosobatch.westeurope.batch.azure.com\n  logo: "data:image/png;base64,${legacy1}"`,
      ],
    };
  },
};
