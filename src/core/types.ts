/**
 * Core contracts shared by the engine, the ESLint rules and the scanner.
 * Everything in src/core is pure: no fs, no eslint, no process state.
 */

/** Azure service ids (DESIGN.md "Service ids"). */
export const SERVICE_IDS = [
  "storage",
  "service-bus",
  "event-hubs",
  "cosmos-db",
  "sql",
  "postgresql",
  "mysql",
  "redis",
  "app-configuration",
  "key-vault",
  "entra-id",
  "signalr",
  "web-pubsub",
  "search",
  "ai-services",
  "event-grid",
  "iot-hub",
  "notification-hubs",
  "communication-services",
  "maps",
  "batch",
  "functions",
  "devops",
  "application-insights",
  "container-registry",
  "relay",
  "api-management",
  "databricks",
] as const;

export type ServiceId = (typeof SERVICE_IDS)[number];

export type Severity = "error" | "warning" | "info";

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Fields parsed out of the text around a secret (connection-string fields, host, hub name...). */
export type FindingFields = Readonly<Record<string, string>>;

/**
 * One secret found in one text. Offsets are UTF-16 code-unit offsets into the scanned text,
 * `start` at the first character of the secret value, `end` exclusive.
 */
export interface Finding {
  /** Detector id, e.g. "storage-account-key". */
  readonly ruleId: string;
  readonly service: ServiceId;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  /** The raw secret. Kept in memory only: never print it; use redact(). */
  readonly secret: string;
  /** Structured context (e.g. AccountName, EndpointSuffix, Endpoint, EntityPath). No secret values. */
  readonly fields: FindingFields;
  /** Extra, finding-specific explanation (e.g. "the published storage emulator key"). */
  readonly note?: string;
  /**
   * When the secret sits inside a larger credential-bearing literal (a connection string), the
   * offsets of that whole value. Fix recipes replace the whole value.
   */
  readonly container?: { readonly start: number; readonly end: number };
}

/** A candidate a detector's pattern matched, before the engine turns it into a Finding. */
export interface Candidate {
  /** Absolute offsets of the secret value in the scanned text. */
  start: number;
  end: number;
  /** Override of the detector's service (e.g. a connection string whose host says Event Hubs). */
  service?: ServiceId;
  severity?: Severity;
  fields?: Record<string, string>;
  note?: string;
  container?: { start: number; end: number };
}

/** What a detector's `find` gets: the whole text plus the window around a prefilter hit. */
export interface DetectorInput {
  readonly text: string;
  /** Window [from, to) to search; always inside the text and around at least one keyword hit. */
  readonly from: number;
  readonly to: number;
  /** Lower-cased file name or path ("" when unknown), for detectors that care (e.g. .npmrc). */
  readonly path: string;
  /**
   * Which of the detector's keywords occur in the window (detect/keyword-bits.ts): bit i for
   * `keywords[i]` (i < 30), bit 30 for any later keyword. Absent when unknown: every bit set.
   */
  readonly hits?: number;
  /**
   * For a detector that declares `anchors`: every occurrence in the whole text of its anchors, as
   * flat pairs [anchor, start, ...] in order of start, `anchor` indexing `anchors`
   * (detect/keyword-bits.ts reads it). Undefined otherwise.
   */
  readonly found?: readonly number[] | undefined;
}

export interface DetectorSamples {
  /** Texts that must yield at least one finding of this detector (generated fakes). */
  readonly positive: readonly string[];
  /** Texts that must yield no finding of this detector. */
  readonly negative: readonly string[];
}

/**
 * A detector: one credential format. A small declaration carrying its keywords (for the shared
 * prefilter), a bounded search over windows around keyword hits, and its own samples.
 */
export interface Detector {
  readonly id: string;
  readonly service: ServiceId;
  /** Short human name, e.g. "Azure Storage account key". */
  readonly title: string;
  /** What it finds and why it matters (explain, docs/detectors.md). */
  readonly description: string;
  /** Lower-case literals; the detector only runs in windows around their occurrences. */
  readonly keywords: readonly string[];
  /**
   * Words (lower case; keywords or not) whose occurrences the detector wants to know
   * (DetectorInput.found); those that are not keywords open no window. The last word of a name
   * pattern, so that the pattern is tried where that word occurs instead of being searched for in
   * the whole window.
   */
  readonly anchors?: readonly string[];
  /** Characters of context to search before and after each keyword hit. */
  readonly window: { readonly before: number; readonly after: number };
  readonly severity: Severity;
  /** Higher wins when two detectors report the same span (specific formats beat generic ones). */
  readonly priority: number;
  /** Search the window; must run in time linear in the window size. */
  find(input: DetectorInput): Candidate[];
  /** Samples, generated at call time (fake keys are never committed as literals). */
  samples(): DetectorSamples;
}

/** One text edit: replace [start, end) with `text`. */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** An import the fix needs (merged into an existing import of the module when there is one). */
export interface ImportNeed {
  readonly module: string;
  readonly names: readonly string[];
}

export interface FixPlan {
  readonly description: string;
  readonly edits: readonly TextEdit[];
  readonly imports: readonly ImportNeed[];
}
