import { adoPatKind, makeAdoPat } from "../keys/ado-pat.js";
import { fakeFromAlphabet, rng } from "../keys/fake.js";
import { matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { callArgument, stringLiteralAt } from "../text/literal-context.js";
import { charClass, fixedRuns, type RunShape } from "../text/runs.js";
import { anchorAtEnd } from "../text/window.js";
import { keywordBits, mayHold, wordTable } from "../detect/keyword-bits.js";
import type { Candidate, Detector } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";

/** A legacy PAT: exactly 52 lower-case base32 characters, not inside a longer run of key characters. */
const PAT_EDGE = charClass("A-Za-z0-9_+/=-");
const PAT: RunShape = { run: charClass("a-z2-7"), length: 52, before: PAT_EDGE, after: PAT_EDGE };
const IS_PAT = /^[a-z2-7]{52}$/;
const NAMES = anchorAtEnd(
  /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}(?:azure_devops_ext_pat|(?:azure_?devops|azdo|ado|vsts|devops)_?(?:ext_?)?(?:pat|token|personal_?access_?token)|personal_?access_?token)(?![\w-])/gi,
  "pat|token",
  String.raw`(?![\w-])`,
);
/** azure-devops-node-api handlers: (token) or (username, token). */
const HANDLER = anchorAtEnd(/\b(?:getPersonalAccessTokenHandler|getHandlerFromToken|getBasicHandler)[ \t]*(?=\()/g, "Handler|Token", String.raw`[ \t]*(?=\()`);
/** `https://[user:]<pat>@dev.azure.com/...` or `@<org>.visualstudio.com`. */
const URL_CREDENTIAL = /https?:\/\/(?:[^\s/:@"'`]{0,64}:)?([a-z2-7]{52})@(?:[a-z0-9-]{1,60}@)?(?:dev\.azure\.com|[a-z0-9-]{1,60}\.visualstudio\.com|ssh\.dev\.azure\.com)/gi;

const KEYWORDS = ["dev.azure.com", "visualstudio.com", "devops", "azdo", "ado_", "_ado", "vsts", "pat", "token", "password", "secret", "auth", "handler"];
/**
 * Every name ends in `pat` or `token`, every handler name in `Handler` or `Token`: the patterns are
 * tried where those words occur (DetectorInput.found), and only in windows holding one
 * (keyword-bits.ts).
 */
const NAME_WORDS = keywordBits(KEYWORDS, ["pat", "token"]);
const HANDLER_WORDS = keywordBits(KEYWORDS, ["handler"]);
const ANCHORS = ["pat", "token", "handler"];
const NAME_END = wordTable(ANCHORS, ["pat", "token"]);
const HANDLER_END = wordTable(ANCHORS, ["handler", "token"]);

/**
 * Whether [from, to + 400) may hold a PAT in a URL: an `@` right after 52 base32 characters (as
 * URL_CREDENTIAL requires). Most windows have no `@` at all; this costs a native indexOf.
 */
function mayHaveUrlCredential(text: string, from: number, to: number): boolean {
  const end = Math.min(text.length, to + 400);
  for (let at = text.indexOf("@", from + 52); at !== -1 && at < end; at = text.indexOf("@", at + 1)) {
    if (URL_PAT_CHAR.test(text[at - 1] ?? "") && URL_PAT_CHAR.test(text[at - 52] ?? "")) return true;
  }
  return false;
}
const URL_PAT_CHAR = /^[a-z2-7]$/i;

const SAMPLE_BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

export const devopsPat: Detector = {
  id: "devops-pat",
  service: "devops",
  title: "Azure DevOps personal access token",
  description:
    "A legacy Azure DevOps personal access token: 52 lower-case base32 characters. Reported anywhere when its embedded CRC32 checksum holds (user or application PAT); otherwise only with strong context (`AZURE_DEVOPS_EXT_PAT`, `getPersonalAccessTokenHandler(\"...\")`, `https://<pat>@dev.azure.com`). New 84-character PATs (`AZDO` provider) are found by cask-key. A PAT acts as its owner in the whole organization; Azure RBAC does not apply, so use a managed identity or service principal added to the organization instead.",
  keywords: KEYWORDS,
  anchors: ANCHORS,
  window: { before: 200, after: 200 },
  severity: "error",
  priority: 60,
  find({ text, from, to, hits, found }) {
    const out: Candidate[] = [];
    // Starts already reported; made at the first one (most windows report none).
    let seen: Set<number> | undefined;
    const add = (start: number, end: number, value: string, context?: string): void => {
      if (seen?.has(start) || !IS_PAT.test(value) || isPlaceholder(value)) return;
      const kind = adoPatKind(value);
      if (!kind && !context) return;
      (seen ??= new Set()).add(start);
      out.push({
        start,
        end,
        fields: kind ? { format: "legacy", checksum: "valid", patKind: kind } : { format: "legacy", checksum: "unverified", context: context! },
        ...(kind ? {} : { note: "The checksum did not validate, but the context says it is a personal access token." }),
      });
    };
    if (mayHold(hits, NAME_WORDS)) {
      for (const { value } of namedValues(NAMES, text, from, to, { found, table: NAME_END })) {
        const v = trimValue(value);
        add(v.start, v.end, v.value, "name");
      }
    }
    if (mayHold(hits, HANDLER_WORDS)) for (const m of matchesIn(HANDLER, text, from, to, undefined, { found, table: HANDLER_END })) {
      const open = m.index + m[0].length;
      const index = m[0].startsWith("getBasicHandler") ? 1 : 0;
      const arg = callArgument(text, open, index);
      const lit = arg === undefined ? undefined : stringLiteralAt(text, arg, 80);
      if (lit) add(lit.start, lit.end, lit.value, m[0].trim());
    }
    if (mayHaveUrlCredential(text, from, to)) for (const m of matchesIn(URL_CREDENTIAL, text, from, to, 400)) {
      const pat = m[1]!;
      const start = m.index + m[0].indexOf(pat);
      add(start, start + pat.length, pat, "git remote URL");
    }
    for (const start of fixedRuns(text, from, to, PAT)) add(start, start + 52, text.slice(start, start + 52));
    return out;
  },
  samples() {
    const p = (n: number, kind: "user" | "application" = "user"): string => makeAdoPat(rng(`devops-pat-${n}`), kind);
    const random = fakeFromAlphabet(52, SAMPLE_BASE32, "devops-random");
    return {
      positive: [
        `AZURE_DEVOPS_EXT_PAT=${p(1)}\naz devops project list --organization https://dev.azure.com/contoso`,
        `const handler = azdev.getPersonalAccessTokenHandler("${p(2)}");\nconst connection = new azdev.WebApi(orgUrl, handler);`,
        `[remote "origin"]\n\turl = https://build:${p(3)}@dev.azure.com/contoso/app/_git/app`,
        `steps:\n  - script: ./publish.sh\n    env:\n      TOKEN: ${p(4, "application")}`,
        `Use the token \`${p(5)}\` for the feed.`,
        // The context is strong enough without the checksum.
        `const handler = azdev.getPersonalAccessTokenHandler("${random}");`,
      ],
      negative: [
        // 52 base32 characters whose checksum does not hold, with no PAT context.
        `const token = "${random}";`,
        "AZURE_DEVOPS_EXT_PAT=$(System.AccessToken)",
        "AZURE_DEVOPS_EXT_PAT=<your-personal-access-token>",
        `# onion service: ${fakeFromAlphabet(56, SAMPLE_BASE32, "devops-onion")}.onion`,
        `git remote add origin https://dev.azure.com/contoso/app/_git/app # token: ${"a".repeat(52)}`,
        `const pat = "${p(6).toUpperCase()}";`,
      ],
    };
  },
};
