import {
  ENTRA_SECRET_ALPHABET,
  hasEntraV7Shape,
  hasEntraV8Shape,
  isEntraSecretChar,
  isValidEntraSecret,
  makeEntraSecret,
} from "../keys/entra-secret.js";
import { fakeFromAlphabet, rng } from "../keys/fake.js";
import { isPlaceholder } from "../keys/validators.js";
import type { Candidate, Detector } from "../types.js";

/**
 * Words that say "this is an Entra client secret" when they occur shortly before a value. With one
 * of them, an `8Q~` value whose checksum does not hold is still reported, as a warning: our reading
 * of the checksum encoding reproduces Microsoft's published example secret, but has not been
 * checked against real secrets.
 */
const STRONG_CONTEXT = /client_?secret|clientsecretcredential|client-secret|aad_?secret|app_?secret|azure_password/i;
const CONTEXT_BEFORE = 100;

export const entraClientSecret: Detector = {
  id: "entra-client-secret",
  service: "entra-id",
  title: "Microsoft Entra ID application client secret",
  description:
    "A client secret of a Microsoft Entra ID app registration (40 characters with `8Q~` at offset 3 and a 3-character Marvin32 checksum, or 37 characters with the older `7Q~`, which has none). An `8Q~` value whose checksum fails is reported only next to a client-secret name, as a warning. Anyone holding it can sign in as the application and get tokens for every API the app is allowed to call.",
  keywords: ["8q~", "7q~"],
  window: { before: 3 + CONTEXT_BEFORE, after: 37 },
  severity: "error",
  priority: 70,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    // Search a slice: indexOf on the whole text would run to its end after the last hit.
    const hay = text.slice(from, to);
    for (let i = hay.indexOf("Q~"); i !== -1; i = hay.indexOf("Q~", i + 2)) {
      const at = from + i;
      const marker = text[at - 1];
      if (marker !== "8" && marker !== "7") continue;
      const start = at - 4;
      if (start < 0 || (start > 0 && isEntraSecretChar(text.charCodeAt(start - 1)))) continue;
      const length = marker === "8" ? 40 : 37;
      const end = start + length;
      if (end > text.length || (end < text.length && isEntraSecretChar(text.charCodeAt(end)))) continue;
      const secret = text.slice(start, end);
      if (isPlaceholder(secret.slice(6))) continue;
      if (marker === "7") {
        if (hasEntraV7Shape(secret)) out.push({ start, end, fields: { format: "7Q~" } });
        continue;
      }
      if (!hasEntraV8Shape(secret)) continue;
      if (isValidEntraSecret(secret)) {
        out.push({ start, end, fields: { format: "8Q~", checksum: "valid" } });
        continue;
      }
      const before = text.slice(Math.max(0, start - CONTEXT_BEFORE), start);
      if (STRONG_CONTEXT.test(before)) {
        out.push({
          start,
          end,
          severity: "warning",
          fields: { format: "8Q~", checksum: "invalid" },
          note: "The 8Q~ checksum does not hold (a made-up or mistyped value?), but the name it is assigned to says it is a client secret.",
        });
      }
    }
    return out;
  },
  samples() {
    const s1 = makeEntraSecret(rng("entra-sample-1"));
    const s2 = makeEntraSecret(rng("entra-sample-2"));
    const s3 = makeEntraSecret(rng("entra-sample-3"));
    const v7 = `${fakeFromAlphabet(3, ENTRA_SECRET_ALPHABET, "entra-v7-a")}7Q~${fakeFromAlphabet(31, ENTRA_SECRET_ALPHABET, "entra-v7-b")}`;
    // A checksum that does not hold: last three characters changed.
    const broken = `${s3.slice(0, 37)}${s3[37] === "z" ? "y" : "z"}${s3.slice(38)}`;
    return {
      positive: [
        `const credential = new ClientSecretCredential(tenantId, clientId, "${s1}");`,
        `AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47\nAZURE_CLIENT_SECRET=${s2}\n`,
        `{\n  "AzureAd": {\n    "ClientId": "4a1aa1d5-c567-49d0-ad0b-cd957a47f842",\n    "ClientSecret": "${s3}"\n  }\n}`,
        `# rotated last week, old one was ${s1}`,
        `client_secret = "${broken}"`,
        `spn:\n  secret: '${v7}'`,
        `const secret = "${s2.slice(0, 20)}" +\n  "${s2.slice(20)}";`,
      ],
      negative: [
        // Checksum does not hold and nothing says it is a secret.
        `const id = "${broken}";`,
        "AZURE_CLIENT_SECRET=<your-client-secret>",
        "AZURE_CLIENT_SECRET=${AZURE_CLIENT_SECRET}",
        // Wrong length: part of a longer token.
        `token = "${s1}abc"`,
        `const abc8Q~ = "not a secret";`,
        `clientSecret: "xyz8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"`,
      ],
    };
  },
};
