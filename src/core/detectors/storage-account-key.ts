import { hostOf, storageEndpoints } from "../keys/connection-string.js";
import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import {
  accountKeyConnectionString,
  accountKeysIn,
  ASSIGN_TAIL,
  identifiableAt,
  identifierAround,
  isHashOrData,
  isLockFile,
  prefixBefore,
} from "../keys/key-shapes.js";
import type { Candidate, Detector } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";
import { STORAGE_EMULATOR_ACCOUNT, STORAGE_EMULATOR_KEY, STORAGE_EMULATOR_NOTE, isLocalHost } from "../keys/well-known.js";

/** `accountKey`, `AZURE_STORAGE_KEY`, `storage_account_access_key`, `--account-key`, `-StorageAccountKey`. */
const STORAGE_NAME = new RegExp(String.raw`(?:account|storage)[a-z0-9_.-]{0,30}key[a-z0-9_]{0,10}` + ASSIGN_TAIL);
/** XML `<add key="StorageAccountKey" value="...`. */
const STORAGE_XML = /(?:account|storage)[a-z0-9_.-]{0,30}key[a-z0-9_]{0,10}["']\s+value\s*=\s*["']$/;
/** `new StorageSharedKeyCredential(account, "...")`, `new AzureNamedKeyCredential("acct", "...")` (Tables), Go `azblob.NewSharedKeyCredential(account, "...")`. */
const SHARED_KEY_CALL =
  /(?:storagesharedkeycredential|azurenamedkeycredential|newsharedkeycredential)\s*\(\s*("[^"\n]{0,100}"|'[^'\n]{0,100}'|`[^`\n]{0,100}`|[\w.$]{1,100})\s*,\s*["'`]$/;
/** A generic key-ish name, accepted only next to a Storage host. */
const KEYISH_NAME = new RegExp(String.raw`(?:key|secret|credential|password|pwd)[a-z0-9_]{0,10}` + ASSIGN_TAIL);
/** Names that say the key belongs to another service. */
const OTHER_SERVICE = /cosmos|documentdb|docdb|batch|redis|signalr|pubsub|servicebus|eventhub|search|cognitive|openai|iot|maps|apim|sql/;
const STORAGE_HOST = /\.(?:blob|queue|file|table|dfs|web)\.core\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)|\bcore\.windows\.net/;
const OTHER_HOST = /\.documents\.azure\.com|\.table\.cosmos\.azure\.com|\.batch\.azure\.com/;

const NEAR = 400;
const EMULATOR = { key: STORAGE_EMULATOR_KEY, note: STORAGE_EMULATOR_NOTE, fields: { AccountName: STORAGE_EMULATOR_ACCOUNT } };

function storageContext(text: string, start: number, end: number): "strong" | "host" | undefined {
  const prefix = prefixBefore(text, start);
  const wide = text.slice(Math.max(0, start - 300), start).toLowerCase();
  const call = SHARED_KEY_CALL.exec(wide);
  if (call) return "strong";
  const named = STORAGE_NAME.exec(prefix) ?? STORAGE_XML.exec(prefix);
  if (named) return OTHER_SERVICE.test(identifierAround(prefix, named.index, named[0].length)) ? undefined : "strong";
  if (KEYISH_NAME.test(prefix)) {
    const around = text.slice(Math.max(0, start - NEAR), Math.min(text.length, end + NEAR)).toLowerCase();
    if (STORAGE_HOST.test(around) && !OTHER_HOST.test(around)) return "host";
  }
  return undefined;
}

function accountFromCall(text: string, start: number): string | undefined {
  const wide = text.slice(Math.max(0, start - 300), start);
  const m = SHARED_KEY_CALL.exec(wide.toLowerCase());
  if (!m) return undefined;
  const raw = wide.slice(m.index, m.index + m[0].length);
  const lit = /\(\s*["'`]([a-z0-9]{3,24})["'`]\s*,/.exec(raw);
  return lit?.[1];
}

export const storageAccountKey: Detector = {
  id: "storage-account-key",
  service: "storage",
  title: "Azure Storage account key",
  description:
    "An Azure Storage account key: an identifiable key (`+ASt` signature with a valid Marvin32 checksum) anywhere, or a legacy 88-character base64 key where its context says it is one (`AccountKey=`, `accountKey`/`AZURE_STORAGE_KEY`-style names, `--account-key`, `new StorageSharedKeyCredential(account, \"...\")`, a key next to a `*.core.windows.net` host). A storage account key grants full control of every blob, queue, table and file share in the account.",
  keywords: [
    "+ast",
    "accountkey",
    "account_key",
    "account-key",
    "storagekey",
    "storage_key",
    "storage-key",
    "access_key",
    "storagesharedkeycredential",
    "azurenamedkeycredential",
    "newsharedkeycredential",
    "core.windows.net",
    // The start of the published emulator key, so that it is recognised (at info) anywhere.
    STORAGE_EMULATOR_KEY.slice(0, 10).toLowerCase(),
  ],
  window: { before: 400, after: 400 },
  severity: "error",
  priority: 60,
  find({ text, from, to, path }) {
    const out: Candidate[] = [];
    for (const m of accountKeysIn(text, from, to, EMULATOR, out)) {
      if (identifiableAt(m.value, ["+ASt"], ["Default0"])) {
        out.push({ start: m.start, end: m.end, fields: { keyFormat: "identifiable" } });
        continue;
      }
      if (isLockFile(path)) continue;
      const prefix = prefixBefore(text, m.start);
      if (isHashOrData(prefix) || isPlaceholder(m.value)) continue;
      const context = storageContext(text, m.start, m.end);
      if (!context) continue;
      const fields: Record<string, string> = { keyFormat: "legacy" };
      let severity: Candidate["severity"];
      let note: string | undefined;
      const inCs = accountKeyConnectionString(text, m.start, prefix);
      if (inCs) {
        // Inside a connection string: it must be a Storage one (Cosmos and Batch have their own).
        if (inCs.service && inCs.service !== "storage") continue;
        const ep = storageEndpoints(inCs.cs);
        if (ep.accountName) fields.AccountName = ep.accountName;
        if (ep.accountName === STORAGE_EMULATOR_ACCOUNT || isLocalHost(hostOf(ep.blob ?? ""))) {
          severity = "info";
          note = STORAGE_EMULATOR_NOTE;
        }
      } else {
        const account = accountFromCall(text, m.start);
        if (account) fields.AccountName = account;
      }
      if (context === "host") fields.context = "storage-host";
      out.push({ start: m.start, end: m.end, fields, ...(severity ? { severity } : {}), ...(note ? { note } : {}) });
    }
    return out;
  },
  samples() {
    const legacy = fakeBase64(64, "storage-account-key-1");
    const legacy2 = fakeBase64(64, "storage-account-key-2");
    const identifiable = fakeIdentifiable(64, "+ASt", "Default0", "storage-account-key-3");
    return {
      positive: [
        `const credential = new StorageSharedKeyCredential("acct1", "${legacy}");`,
        `AZURE_STORAGE_KEY=${legacy}`,
        `az storage blob upload --account-name acct1 --account-key ${legacy2} -f a.txt`,
        `storage:\n  accountKey: "${legacy}"\n`,
        `<add key="StorageAccountKey" value="${legacy2}" />`,
        `# rotated last week\nblob_key = "${identifiable}"`,
        `resource "x" "y" {\n  storage_account_access_key = "${legacy}"\n}`,
        `const url = "https://acct1.blob.core.windows.net";\nconst key = "${legacy2}";`,
        `param storageAccountKey string = '${legacy2}'`,
        `const accountKey: string = "${identifiable}";`,
        `const azurite = "${STORAGE_EMULATOR_KEY}";`,
        `cred, err := azblob.NewSharedKeyCredential("acct1", "${legacy}")`,
        `const key = process.env.AZURE_STORAGE_KEY ?? "${legacy2}";`,
      ],
      negative: [
        `const hash = "${legacy}";`,
        `"integrity": "sha512-${legacy}"`,
        `AZURE_STORAGE_KEY=<storage-account-key>`,
        `AZURE_STORAGE_KEY=\${STORAGE_KEY}`,
        `accountKey: "${"x".repeat(86)}=="`,
        `storage_account_access_key = azurerm_storage_account.main.primary_access_key`,
        `AzureWebJobsStorage__accountName=acct1`,
        `<img src="data:image/png;base64,${legacy}" />`,
        `const cosmosAccountKey = "${legacy2}";`,
      ],
    };
  },
};
