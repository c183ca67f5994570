/**
 * The advice attached to a finding: one message and the Managed Identity facts, built from the
 * detector registry and the service catalog. The ESLint rules and the scanner both call
 * `describeFinding`, so the editor and the CLI print the same text.
 *
 * The input type has no `secret`: the advice can never interpolate it.
 */
import { getService } from "../catalog/index.js";
import type { CatalogEntry, CatalogVariant, MsiSupport } from "../catalog/types.js";
import { getDetector } from "../detectors/lookup.js";
import type { Finding } from "../types.js";

/** The `msi` object of the JSON report (DESIGN.md). */
export interface MsiAdvice {
  readonly supported: boolean | "partial";
  /** The credential-free construction (or, where MI does not apply, the safe place for the secret). */
  readonly replacement: string;
  /** Role names to grant the app's identity; empty where Managed Identity does not apply. */
  readonly roles: readonly string[];
  /** Microsoft Learn page. */
  readonly docs: string;
}

export interface FindingAdvice {
  /** One paragraph, never containing the secret. */
  readonly message: string;
  readonly msi: MsiAdvice;
  /** The service's display name, e.g. "Azure Storage". */
  readonly serviceName: string;
  /** The migration caveat of the service, when it has one. */
  readonly caveat?: string;
  /** What to do where Managed Identity does not apply, when the catalog says. */
  readonly alternative?: string;
}

/** What describeFinding reads from a finding. A whole Finding fits; the secret is not read. */
export type AdviceInput = Pick<Finding, "ruleId" | "service" | "severity" | "fields"> & {
  readonly note?: string | undefined;
};

export interface DescribeOptions {
  /** Title to use instead of the detector's (e.g. for rules that report SDK calls, not literals). */
  readonly title?: string;
  /** Add the rotate sentence. Default: true unless the finding is `info`. */
  readonly rotate?: boolean;
}

export const ROTATE_SENTENCE = "Rotate this key: it remains in git history.";
const ROTATE_PASSWORD_SENTENCE = "Rotate this password: it remains in git history.";
const DEFAULT_ACTION = "construct the client with a TokenCredential";

/** The variant of the service's entry that matches the finding, if any. */
export function findVariant(entry: CatalogEntry, finding: Pick<AdviceInput, "ruleId" | "fields">): CatalogVariant | undefined {
  return entry.variants?.find((v) => v.applies({ ruleId: finding.ruleId, fields: finding.fields }));
}

const SUPPORTED: Record<MsiSupport, boolean | "partial"> = { yes: true, partial: "partial", no: false };

/** Lower-case the first letter of a sentence used mid-sentence, unless it starts an acronym ("IoT"). */
function midSentence(s: string): string {
  const first = s.charAt(0);
  const second = s.charAt(1);
  return second !== "" && second === second.toLowerCase() && second !== second.toUpperCase()
    ? first.toLowerCase() + s.slice(1)
    : s;
}

const sentence = (s: string): string => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** "grant the app's identity X and Y (Z)." */
function grantClause(entry: CatalogEntry, replacement: string, variant?: CatalogVariant): string {
  const grant = variant?.grant ?? entry.grant ?? entry.roles[0]?.name ?? "the role it needs";
  return `grant the app's identity ${grant} and ${variant?.action ?? entry.action ?? DEFAULT_ACTION} (${replacement}).`;
}

function supportSentences(entry: CatalogEntry, variant: CatalogVariant | undefined, msi: MsiSupport, replacement: string): string[] {
  const name = entry.displayName;
  const accepts = entry.plural ? "accept" : "accepts";
  const doesNot = entry.plural ? "do not" : "does not";
  const alternative = variant?.alternative ?? entry.alternative;
  const out: string[] = [];
  if (msi === "yes") {
    out.push(`${name} ${accepts} Managed Identity: ${grantClause(entry, replacement, variant)}`);
    if (variant?.alternative) out.push(sentence(variant.alternative));
  } else if (msi === "partial") {
    const limit = entry.caveat ?? variant?.summary ?? entry.summary;
    out.push(`${name} ${accepts} Managed Identity only in part: ${sentence(midSentence(limit))}`);
    out.push(`Where it applies, ${grantClause(entry, replacement, variant)}`);
    if (alternative) out.push(sentence(alternative));
  } else {
    const why = variant?.summary ?? entry.summary;
    out.push(`${name} ${doesNot} accept Managed Identity for this credential: ${sentence(midSentence(why))}`);
    if (alternative) out.push(sentence(alternative));
  }
  if (entry.outsideAzure) out.push(`Outside Azure, use ${sentence(entry.outsideAzure)}`);
  return out;
}

/**
 * The message and Managed Identity facts for one finding.
 *
 * Shape (error/warning): "<title> (<service>). <service> accepts Managed Identity: grant the app's
 * identity <role> and construct the client with a TokenCredential (<replacement>). Rotate this key:
 * it remains in git history." Partial and no support, IoT device keys (fields.kind "device" or
 * "module"), info findings (emulator keys: no rotate sentence) and values that are not secrets
 * (Application Insights) get their own wording. The secret is never part of the text.
 */
export function describeFinding(finding: AdviceInput, options: DescribeOptions = {}): FindingAdvice {
  const entry = getService(finding.service);
  const variant = findVariant(entry, finding);
  const msi = variant?.msi ?? entry.msi;
  const replacement = variant?.replacement ?? entry.replacement;
  const title =
    options.title ??
    getDetector(finding.ruleId)?.title ??
    (entry.notASecret ? `${entry.displayName} setting` : `Hard-coded ${entry.displayName} credential`);
  const isInfo = finding.severity === "info";

  const parts: string[] = [];
  const head = title.toLowerCase().includes(entry.displayName.toLowerCase()) ? title : `${title} (${entry.displayName})`;
  const note = finding.note?.trim();
  parts.push(sentence(head));
  if (note) parts.push(sentence(note));

  if (isInfo && entry.notASecret) {
    // The detector's note, when there is one, already explains why the value is not a secret.
    if (!note) parts.push(sentence(entry.notASecret));
    parts.push(`To require authenticated use, ${grantClause(entry, replacement)}`);
  } else {
    if (isInfo) parts.push("Reported for information only: there is nothing to rotate.");
    parts.push(...supportSentences(entry, variant, msi, replacement));
  }
  if (options.rotate ?? !isInfo) parts.push(/\bpassword\b/i.test(title) ? ROTATE_PASSWORD_SENTENCE : ROTATE_SENTENCE);

  const alternative = variant?.alternative ?? entry.alternative;
  return {
    message: parts.join(" "),
    msi: {
      supported: SUPPORTED[msi],
      replacement,
      roles: msi === "no" ? [] : entry.roles.map((r) => r.name),
      docs: entry.docs,
    },
    serviceName: entry.displayName,
    ...(entry.caveat ? { caveat: entry.caveat } : {}),
    ...(alternative ? { alternative } : {}),
  };
}
