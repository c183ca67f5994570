/**
 * The types the steps of `azure-msi fix` share (see index.ts): the options, the result, and the
 * context every step reads and fills in, in the order of the steps.
 */
import type { LineIndex } from "../../core/text/lines.js";
import type { CredentialChoice } from "../../core/fixes/credential.js";
import type { Finding, ServiceId } from "../../core/types.js";
import type { AllowCandidate, AllowRule } from "../../project/config.js";
import type { AzureStep, TouchedService } from "./azure/assignments.js";
import type { EmitFormat, IacReport, SettingMove } from "./iac/index.js";
import type { FsOps } from "./write/atomic.js";

export interface FixOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly dryRun?: boolean;
  readonly credential?: CredentialChoice;
  readonly clientId?: string;
  readonly allowDirty?: boolean;
  readonly addDependency?: boolean;
  readonly gitignore?: boolean;
  readonly ignore?: readonly string[];
  readonly ignoreBase?: string;
  readonly allow?: (candidate: AllowCandidate) => AllowRule | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** File-system calls of the writer (tests inject failures here). */
  readonly fs?: FsOps;
  /** Also turn keys off on the target resources declared in infrastructure code. */
  readonly disableLocalAuth?: boolean;
  /** Write the role assignments as a standalone module instead of editing infrastructure code. */
  readonly emitIac?: { readonly format: EmitFormat; readonly file: string };
}

/** A dirty tree, a bad client id... (exit 2, one line). */
export class FixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FixError";
  }
}

export interface FixFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly service: ServiceId;
  readonly redacted: string;
  readonly fingerprint: string;
  readonly status: "fixed" | "not-fixed";
  /** What was rewritten (fixed). */
  readonly description?: string;
  /** Why not, and the manual path (not fixed). */
  readonly reason?: string;
  /** The setting or key the value sat under (config files), when known. */
  readonly key?: string;
}

export type FileStatus = "written" | "would-change" | "not-written" | "changed-meanwhile" | "unchanged" | "skipped";

export interface FixFile {
  readonly file: string;
  readonly status: FileStatus;
  readonly reason?: string;
}

export interface DependencyNote {
  readonly packageJson: string;
  readonly status: "present" | "missing" | "added" | "would-add";
  readonly version?: string;
}

export interface FixResult {
  readonly version: 1;
  readonly dryRun: boolean;
  readonly credential: CredentialChoice;
  readonly findings: readonly FixFinding[];
  readonly files: readonly FixFile[];
  readonly dependencies: readonly DependencyNote[];
  readonly azure: readonly AzureStep[];
  /** Infrastructure code: what the fix proposes (or found already there) in Bicep / Terraform, or the --emit-iac module. */
  readonly iac: IacReport;
  /** Every credential that was in the files: rotate them, they remain in git history. */
  readonly rotate: ReadonlyArray<{ readonly file: string; readonly line: number; readonly service: ServiceId; readonly ruleId: string; readonly redacted: string }>;
  readonly warnings: readonly string[];
  /** Unified diff of every change (secrets masked); always computed, printed by --dry-run. */
  readonly diff: string;
  readonly summary: { readonly findings: number; readonly fixed: number; readonly notFixed: number; readonly filesChanged: number; readonly filesWritten: number };
}

/** A file as read for fixing: the bytes the writer checks against, and the text. */
export interface Raw {
  readonly abs: string;
  readonly buf: Buffer;
  readonly mtimeMs: number;
  readonly mode: number;
  readonly bom: boolean;
  /** Undefined when the bytes are not UTF-8. */
  readonly text?: string;
}

/** One file with findings, from the find step on: what the plan step decided for each finding. */
export interface FileWork {
  /** Relative to the working directory, `/` separators. */
  readonly file: string;
  readonly raw: Raw;
  readonly lines: LineIndex;
  /** The findings of the file as read (offsets into raw.text). */
  readonly initial: readonly Finding[];
  /** The fixed text, when the plan changes the file. */
  newText?: string;
  /** occurrenceKey -> description (fixed) */
  readonly fixed: Map<string, string>;
  /** occurrenceKey -> reason (not fixed) */
  readonly notFixed: Map<string, string>;
  /** occurrenceKey -> the setting or key the value sat under. */
  readonly keys: Map<string, string>;
  /** The services (and resources) the fixes of this file move to Managed Identity. */
  readonly touched: TouchedService[];
  /** Why the file is left alone as a whole (a "skipped" row in the report). */
  skipped?: string;
}

/** A new text for a file: shown in the diff, then written. */
export interface Change {
  readonly file: string;
  readonly raw: Raw;
  readonly text: string;
  /** A new file (--emit-iac): it must not exist when written. */
  readonly create?: boolean;
}

/** What the steps share. Each step fills in its part; later steps only read earlier parts. */
export interface FixContext {
  readonly options: FixOptions;
  readonly cwd: string;
  readonly credential: CredentialChoice;
  readonly dryRun: boolean;
  /** Printed on stderr by the CLI (git state, package.json...). */
  readonly warnings: string[];
  /** find: every file with findings, in walk order (the cross-file pass may add files it rewrote). */
  readonly files: FileWork[];
  /** find: every JS/TS file walked, findings or not (a client module may hold no finding of its own). */
  readonly scripts: Array<{ readonly file: string; readonly abs: string; readonly text: string }>;
  /** plan: package.json files that get @azure/identity (absolute path -> new text). */
  readonly packages: Map<string, Change>;
  /** plan: the state of @azure/identity in each package.json concerned. */
  readonly dependencies: DependencyNote[];
  /** plan: the Functions settings moved to identity-based connections (the iac step mirrors them). */
  readonly moves: SettingMove[];
  /** iac: what the infrastructure step proposes or found (the report's `iac`). */
  iac: IacReport;
  /** iac: new texts of infrastructure files (or the --emit-iac module). */
  infra: Change[];
  /** iac: secrets of the edited infrastructure files, masked in the diff too. */
  infraSecrets: readonly string[];
  /** diff: every new text (files, package.json, infrastructure), sorted by file. */
  changes: Change[];
  /** diff: the masked unified diff of the changes. */
  diff: string;
  /** write: one row per changed or skipped file. */
  readonly rows: FixFile[];
  /** write: file -> why the change of this file did not reach the disk. */
  readonly failed: Map<string, string>;
  /** azure: what to do in Azure for the services of the written changes. */
  azure: AzureStep[];
}

/** One finding of the original text (two literals may hold the same secret). */
export const occurrenceKey = (f: Finding): string => `${f.start}:${f.end}:${f.ruleId}`;
