/**
 * `azure-msi fix`: apply the fix recipes across a repository, as a reviewable change.
 *
 *   applyFixes(options) -> FixResult   (renderFixText / JSON for output)
 *
 * - JS/TS files: the same FixPlans as the ESLint rule (src/scanner/fix/js.ts).
 * - Azure Functions local.settings.json: identity-based connection settings
 *   (src/core/fixes/config/functions-settings.ts), with binding kinds from function.json/host.json.
 * - Other files: no rewrite; the manual path by kind of file (src/scanner/fix/advice.ts).
 * - Then "what to do in Azure" (src/scanner/fix/azure.ts) and the keys to rotate.
 *
 * Safety: only files the scanner walks (given paths, .gitignore); a file that does not parse before
 * or after, holds conflict markers or is not UTF-8 is left alone; writes are atomic and checked for
 * concurrent edits (src/scanner/fix/write.ts); refuses a dirty git tree unless allowDirty.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { applyInlineSuppressions } from "../core/engine/suppress.js";
import { scanText } from "../core/index.js";
import { LineIndex } from "../core/text/lines.js";
import { maskAll, redact } from "../core/report/redact.js";
import { fingerprint } from "../core/report/fingerprint.js";
import { getService } from "../core/catalog/index.js";
import { isClientId, type CredentialChoice } from "../core/fixes/credential.js";
import { applyEdits } from "../core/fixes/edits.js";
import { collectBindings, collectCodeBindings, isLocalSettings, planFunctionsSettings, type BindingKind } from "../core/fixes/config/functions-settings.js";
import { eolAt, indentAt, indentUnit, member, parseJsonText } from "../core/fixes/config/json-text.js";
import type { Finding, ServiceId } from "../core/types.js";
import type { AllowCandidate, AllowRule } from "../project/config.js";
import { walkFiles } from "./files.js";
import { findGitRoot } from "../project/git-root.js";
import { isJsTs } from "./scan.js";
import { keyNameAt, manualPath } from "./fix/advice.js";
import { azureSteps, resourceNameNear, resourceNameOf, type AzureStep, type TouchedService } from "./fix/azure.js";
import { unifiedDiff } from "./fix/diff.js";
import { findingKey, fixJsText, MAX_ROUNDS, parseJs, traceOffset } from "./fix/js.js";
import { crossFileFixes } from "./fix/cross-file.js";
import { nodeFs, writeAll, type FsOps, type PendingWrite } from "./fix/write.js";
import { iacStep, IacUsageError, type EmitFormat, type IacReport, type SettingMove } from "./fix/iac/index.js";

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

const CONFLICT = /^(?:<{7}(?: |$)|={7}$|>{7}(?: |$))/m;
const DEFAULT_IDENTITY_RANGE = "^4.13.1";

function git(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): { ok: boolean; out: string } {
  // The caller's environment (GIT_DIR and friends), with a PATH to find git and no prompts.
  const e: NodeJS.ProcessEnv = { ...(env ?? process.env), GIT_TERMINAL_PROMPT: "0" };
  if (!e["PATH"]) e["PATH"] = process.env["PATH"];
  const r = spawnSync("git", [...args], { cwd, encoding: "utf8", env: e, maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout ?? "" };
}

/** Checks before anything is read: git state of the paths. Returns warnings. */
function checkGit(options: FixOptions): string[] {
  const warnings: string[] = [];
  const root = findGitRoot(options.cwd);
  if (root === undefined) {
    warnings.push("not a git repository: there is no history to revert these changes to");
    return warnings;
  }
  const paths = options.paths.length > 0 ? options.paths : ["."];
  const status = git(options.cwd, ["status", "--porcelain", "--untracked-files=all", "--", ...paths], options.env);
  if (!status.ok) {
    warnings.push("git status failed: cannot tell whether the working tree is clean");
  } else if (status.out.trim() !== "" && !options.allowDirty) {
    const n = status.out.trim().split("\n").length;
    throw new FixError(`the git working tree has ${n} uncommitted change${n === 1 ? "" : "s"} under the given paths: commit or stash them first, or pass --allow-dirty`);
  }
  const ignored = git(options.cwd, ["check-ignore", "--", ...paths], options.env);
  for (const p of ignored.out.split("\n").filter(Boolean)) warnings.push(`${p} is ignored by git: there is no history to revert its changes to`);
  return warnings;
}

interface Raw {
  readonly abs: string;
  readonly buf: Buffer;
  readonly mtimeMs: number;
  readonly mode: number;
  readonly bom: boolean;
  /** Undefined when the bytes are not UTF-8. */
  readonly text?: string;
}

function readRaw(abs: string): Raw {
  // A symbolic link is never replaced by a regular file (the rename would do that).
  if (lstatSync(abs).isSymbolicLink()) throw Object.assign(new Error("symbolic link"), { code: "ESYMLINK" });
  const st = statSync(abs);
  const buf = readFileSync(abs);
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const text = body.toString("utf8");
  const utf8 = Buffer.from(text, "utf8").equals(body);
  return { abs, buf, mtimeMs: st.mtimeMs, mode: st.mode, bom, ...(utf8 ? { text } : {}) };
}

const encode = (raw: Raw, text: string): Buffer => Buffer.concat([raw.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, "utf8")]);

/** Binding kinds per connection name for a Functions app folder (function.json one level down, host.json, v4 code). */
function functionsBindings(dir: string): Map<string, Set<BindingKind>> {
  const map = new Map<string, Set<BindingKind>>();
  const load = (file: string): void => {
    try {
      collectBindings(JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")), map);
    } catch {
      // unreadable or not JSON: no binding information
    }
  };
  if (existsSync(path.join(dir, "host.json"))) load(path.join(dir, "host.json"));
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    entries = [];
  }
  for (const e of entries) {
    const f = path.join(dir, e, "function.json");
    if (existsSync(f)) load(f);
  }
  // Node.js v4 programming model: bindings declared in code (src/functions/*.js|ts by convention).
  for (const sub of ["src/functions", "src", "functions", "."]) {
    let files: string[] = [];
    try {
      files = readdirSync(path.join(dir, sub)).filter((n) => /\.(?:[cm]?[jt]s)$/.test(n)).slice(0, 200);
    } catch {
      files = [];
    }
    for (const n of files) {
      try {
        collectCodeBindings(readFileSync(path.join(dir, sub, n), "utf8"), map);
      } catch {
        // unreadable: no binding information
      }
    }
  }
  return map;
}

/** The findings the fix works on: engine, inline suppressions, config allow list; no info. */
function findingsOf(text: string, file: string, allow: FixOptions["allow"]): Finding[] {
  const { kept } = applyInlineSuppressions(text, scanText(text, { path: file }));
  return kept.filter((f) => f.severity !== "info" && !allow?.({ file, ruleId: f.ruleId, secret: f.secret }));
}

/** Nearest package.json from `dir` up to (and including) `top`. */
function nearestPackageJson(dir: string, top: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const p = path.join(d, "package.json");
    if (existsSync(p)) return p;
    if (d === top || path.dirname(d) === d || !d.startsWith(top)) return undefined;
  }
}

const DEP_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];

/** Caret range of the installed @azure/identity seen from `dir`, or the default. */
function identityRange(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const v = (JSON.parse(readFileSync(path.join(d, "node_modules", "@azure", "identity", "package.json"), "utf8")) as { version?: string }).version;
      if (v && /^\d+\.\d+\.\d+$/.test(v)) return `^${v}`;
    } catch {
      // not installed here
    }
    if (path.dirname(d) === d) return DEFAULT_IDENTITY_RANGE;
  }
}

/** package.json text with `"@azure/identity": range` added to dependencies, formatting kept; undefined if it cannot. */
export function addDependencyText(text: string, range: string): string | undefined {
  const root = parseJsonText(text);
  if (root?.kind !== "object") return undefined;
  const deps = member(root, "dependencies");
  const entry = `"@azure/identity": ${JSON.stringify(range)}`;
  let out: string;
  if (deps && deps.value.kind === "object") {
    const ms = deps.value.members;
    if (ms.length === 0) {
      const eol = eolAt(text, deps.keyStart);
      const ind = indentAt(text, deps.keyStart);
      out = `${text.slice(0, deps.value.start)}{${eol}${ind}${indentUnit(text)}${entry}${eol}${ind}}${text.slice(deps.value.end)}`;
    } else {
      // Sorted position when the keys are sorted, else at the end; same indentation as the others.
      const sorted = ms.every((m, i) => i === 0 || ms[i - 1]!.key <= m.key);
      const after = sorted ? ms.filter((m) => m.key < "@azure/identity").pop() : ms[ms.length - 1];
      const first = ms[0]!;
      const sameLine = !/^[ \t]*$/.test(text.slice(text.lastIndexOf("\n", first.keyStart - 1) + 1, first.keyStart));
      const sep = sameLine ? ", " : `,${eolAt(text, first.keyStart)}${indentAt(text, first.keyStart)}`;
      if (after) out = `${text.slice(0, after.valueEnd)}${sep}${entry}${text.slice(after.valueEnd)}`;
      else out = `${text.slice(0, first.keyStart)}${entry}${sep}${text.slice(first.keyStart)}`;
    }
  } else if (!deps) {
    const ms = root.members;
    const last = ms[ms.length - 1];
    const eol = eolAt(text, root.start);
    const unit = indentUnit(text);
    if (!last) out = `${text.slice(0, root.start)}{${eol}${unit}"dependencies": {${eol}${unit}${unit}${entry}${eol}${unit}}${eol}}${text.slice(root.end)}`;
    else {
      const ind = indentAt(text, last.keyStart);
      out = `${text.slice(0, last.valueEnd)},${eol}${ind}"dependencies": {${eol}${ind}${unit}${entry}${eol}${ind}}${text.slice(last.valueEnd)}`;
    }
  } else return undefined;
  try {
    JSON.parse(out);
  } catch {
    return undefined;
  }
  return out;
}

/** One finding of the original text (two literals may hold the same secret). */
const occurrenceKey = (f: Finding): string => `${f.start}:${f.end}:${f.ruleId}`;

const rel = (cwd: string, abs: string): string => path.relative(cwd, abs).split(path.sep).join("/") || path.basename(abs);

interface FileWork {
  readonly file: string;
  readonly raw: Raw;
  readonly lines: LineIndex;
  readonly initial: readonly Finding[];
  newText?: string;
  /** findingKey -> description (fixed) */
  readonly fixed: Map<string, string>;
  /** findingKey -> reason (not fixed) */
  readonly notFixed: Map<string, string>;
  readonly keys: Map<string, string>;
  readonly touched: TouchedService[];
}

export async function applyFixes(options: FixOptions): Promise<FixResult> {
  const credential = options.credential ?? "default";
  if (options.clientId !== undefined && !isClientId(options.clientId)) throw new FixError(`--client-id must be the client id (a GUID) of a user-assigned identity, got "${options.clientId.slice(0, 40)}"`);
  const warnings = checkGit(options);
  const dryRun = options.dryRun === true;
  const works: FileWork[] = [];
  const skippedFiles: FixFile[] = [];
  /** Every JS/TS file walked (a client module holds no finding of its own). */
  const jsFiles: Array<{ file: string; abs: string; text: string }> = [];
  const moves: SettingMove[] = [];

  for await (const entry of walkFiles(options.paths, {
    cwd: options.cwd,
    gitignore: options.gitignore !== false,
    ...(options.ignore ? { ignore: options.ignore } : {}),
    ...(options.ignoreBase ? { ignoreBase: options.ignoreBase } : {}),
  })) {
    if ("skipped" in entry) continue;
    const initialAll = findingsOf(entry.text, entry.file, options.allow);
    if (isJsTs(entry.file)) jsFiles.push({ file: entry.file, abs: path.resolve(options.cwd, entry.file), text: entry.text });
    if (initialAll.length === 0) continue;
    const abs = path.resolve(options.cwd, entry.file);
    let raw: Raw;
    let unreadable: string | undefined;
    try {
      raw = readRaw(abs);
    } catch (error) {
      unreadable = (error as NodeJS.ErrnoException).code === "ESYMLINK" ? "the file is a symbolic link, so it is not rewritten" : "the file could not be read again";
      raw = { abs, buf: Buffer.alloc(0), mtimeMs: 0, mode: 0, bom: false };
    }
    const text = raw.text;
    const initial = text !== undefined ? findingsOf(text, entry.file, options.allow) : initialAll;
    const work: FileWork = {
      file: entry.file,
      raw,
      lines: new LineIndex(text ?? entry.text),
      initial,
      fixed: new Map(),
      notFixed: new Map(),
      keys: new Map(),
      touched: [],
    };
    works.push(work);
    const refuse = (reason: string): void => {
      for (const f of initial) work.notFixed.set(occurrenceKey(f), `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. ${manualPath(entry.file, f)}`);
      skippedFiles.push({ file: entry.file, status: "skipped", reason });
    };
    if (unreadable !== undefined) {
      refuse(unreadable);
      continue;
    }
    if (text === undefined) {
      refuse("the file is not UTF-8, so it is not rewritten");
      continue;
    }
    const canRewrite = isJsTs(entry.file) || isLocalSettings(entry.file);
    if (canRewrite && CONFLICT.test(text)) {
      refuse("the file has unresolved merge conflict markers");
      continue;
    }
    if (isJsTs(entry.file)) {
      const parsed = parseJs(text, entry.file);
      if ("error" in parsed) {
        refuse(`the file does not parse (${parsed.error})`);
        continue;
      }
      const r = fixJsText(text, { file: entry.file, credential, ...(options.clientId !== undefined ? { clientId: options.clientId } : {}), findings: (t) => findingsOf(t, entry.file, options.allow) });
      const after = r.text;
      // Each original finding is followed through the applied edits: fixed when an edit replaced it.
      for (const f of initial) {
        const k = findingKey(f);
        const traced = traceOffset(f.start, r.steps);
        if (!("removedBy" in traced)) {
          work.notFixed.set(occurrenceKey(f), r.manual.get(k) ?? `No automatic fix. ${manualPath(entry.file, f)}`);
        } else {
          work.fixed.set(occurrenceKey(f), traced.removedBy);
          const name = resourceNameOf(f.fields) ?? resourceNameNear(text, f.service, f.start, f.end);
          const roles = f.service === "storage" && name ? storageRolesInText(after, name) : undefined;
          work.touched.push({ service: f.service, resources: new Set(name ? [name] : []), ...(roles && roles.length > 0 ? { roles } : {}) });
        }
      }
      if (r.rounds >= MAX_ROUNDS) {
        // The rewrites did not settle: a second run could change the file again. Leave it alone.
        for (const k of [...work.fixed.keys()]) work.notFixed.set(k, "The rewrites of this file did not settle, so none was applied: fix it by hand.");
        work.fixed.clear();
        work.touched.length = 0;
        continue;
      }
      if (after !== text) work.newText = after;
      continue;
    }
    if (isLocalSettings(entry.file)) {
      const plan = planFunctionsSettings({
        text,
        findings: initial,
        credential,
        ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
        bindings: functionsBindings(path.dirname(abs)),
      });
      if ("invalid" in plan) {
        refuse(`the file is ${plan.invalid}`);
        continue;
      }
      for (const c of plan.changes) {
        const what =
          c.added.length > 0
            ? `${c.name} -> ${c.added.map(([k, v]) => `${k}=${v}`).join(", ")}`
            : `removed ${c.name} (${c.existing.join(", ")} already set)`;
        for (const f of c.findings) {
          work.fixed.set(occurrenceKey(f), `identity-based connection: ${what}${c.note ? `; ${c.note}` : ""}`);
          work.keys.set(occurrenceKey(f), c.name);
        }
        const name = c.service === "storage" ? c.added.find(([k]) => /__accountName$/.test(k))?.[1] ?? c.findings.map((f) => resourceNameOf(f.fields)).find(Boolean) : c.findings.map((f) => resourceNameOf(f.fields)).find(Boolean);
        work.touched.push({ service: c.service, resources: new Set(name ? [name] : []), hostStorage: c.name === "AzureWebJobsStorage", roles: c.roles });
        moves.push({ name: c.name, service: c.service, added: c.added });
      }
      for (const m of plan.manual) {
        work.notFixed.set(occurrenceKey(m.finding), `${m.reason ? `${m.reason[0]!.toUpperCase()}${m.reason.slice(1)}. ` : ""}${manualPath(entry.file, m.finding)}`);
        work.keys.set(occurrenceKey(m.finding), m.name);
      }
      if (plan.edits.length > 0) {
        const after = applyEdits(text, plan.edits);
        try {
          JSON.parse(after);
          work.newText = after;
        } catch {
          for (const c of plan.changes) for (const f of c.findings) work.fixed.delete(occurrenceKey(f));
          refuse("the rewritten settings would not be valid JSON");
        }
      }
      continue;
    }
    for (const f of initial) {
      work.notFixed.set(occurrenceKey(f), `No identity-based form in this kind of file. ${manualPath(entry.file, f, text)}`);
      const key = keyNameAt(entry.file, text, f.container?.start ?? f.start, f.container?.end ?? f.end);
      if (key) work.keys.set(occurrenceKey(f), key);
    }
  }

  // Type check of the JS/TS rewrites, and the rewrites across files (src/scanner/fix/cross-file.ts).
  if (works.some((w) => isJsTs(w.file) && w.raw.text !== undefined && w.initial.length > 0)) {
    crossFile(works, jsFiles, options, credential, warnings);
  }

  // Safety net on every new text: it parses and has no conflict markers. (A second run changes
  // nothing: JS/TS rewrites stop only when no plan applies, settings keep no secret-bearing value.)
  for (const w of works) {
    if (w.newText === undefined) continue;
    const bad = isJsTs(w.file) ? "error" in parseJs(w.newText, w.file) : !isValidJson(w.newText);
    if (bad || CONFLICT.test(w.newText)) {
      for (const [k] of w.fixed) w.notFixed.set(k, "The rewritten file would not parse, so it was left as it was: fix it by hand.");
      w.fixed.clear();
      w.touched.length = 0;
      delete w.newText;
    }
  }

  // @azure/identity in package.json.
  const dependencies: DependencyNote[] = [];
  const writes: PendingWrite[] = [];
  const pkgTexts = new Map<string, { raw: Raw; text: string }>();
  const seenPkg = new Set<string>();
  for (const w of works) {
    if (w.newText === undefined || !isJsTs(w.file) || !w.newText.includes("@azure/identity")) continue;
    const pkg = nearestPackageJson(path.dirname(w.raw.abs), path.resolve(options.cwd));
    if (!pkg || seenPkg.has(pkg)) continue;
    seenPkg.add(pkg);
    let raw: Raw;
    let json: Record<string, Record<string, string> | undefined>;
    try {
      raw = readRaw(pkg);
      json = JSON.parse(raw.text ?? "") as typeof json;
    } catch {
      warnings.push(`${rel(options.cwd, pkg)} is not readable JSON: add @azure/identity to its dependencies by hand`);
      continue;
    }
    const present = DEP_FIELDS.some((k) => json[k] && typeof json[k] === "object" && Object.hasOwn(json[k]!, "@azure/identity"));
    const label = rel(options.cwd, pkg);
    if (present) {
      dependencies.push({ packageJson: label, status: "present" });
      continue;
    }
    const range = identityRange(path.dirname(pkg));
    if (!options.addDependency) {
      dependencies.push({ packageJson: label, status: "missing", version: range });
      warnings.push(`${label} does not list @azure/identity: run with --add-dependency (adds "${range}") or npm install @azure/identity`);
      continue;
    }
    const after = raw.text !== undefined ? addDependencyText(raw.text, range) : undefined;
    if (after === undefined) {
      warnings.push(`could not add @azure/identity to ${label}: add it by hand`);
      dependencies.push({ packageJson: label, status: "missing", version: range });
      continue;
    }
    pkgTexts.set(pkg, { raw, text: after });
    dependencies.push({ packageJson: label, status: dryRun ? "would-add" : "added", version: range });
  }

  // Infrastructure code (src/scanner/fix/iac/): identity, role assignments, key switches, settings.
  let iac: ReturnType<typeof iacStep>;
  try {
    iac = iacStep({
      cwd: options.cwd,
      steps: azureSteps(works.flatMap((w) => w.touched)),
      moves,
      userAssigned: options.clientId !== undefined,
      disableLocalAuth: options.disableLocalAuth === true,
      ...(options.emitIac ? { emit: options.emitIac } : {}),
      allowDirty: options.allowDirty === true,
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (error) {
    if (error instanceof IacUsageError) throw new FixError(error.message);
    throw error;
  }
  warnings.push(...iac.warnings);
  // A secret the infrastructure edits removed (a Functions app's storage key) is fixed too.
  for (const c of iac.changed) {
    const w = works.find((x) => x.file === c.file);
    if (!w) continue;
    const left = new Set(findingsOf(c.text, c.file, options.allow).map((f) => f.secret));
    for (const f of w.initial) {
      if (left.has(f.secret) || w.fixed.has(occurrenceKey(f))) continue;
      w.fixed.set(occurrenceKey(f), "removed by the infrastructure edits: the app uses its managed identity instead");
      w.notFixed.delete(occurrenceKey(f));
    }
  }

  // Diff (secrets masked) and writes.
  const diffs: string[] = [];
  const changed: Array<{ file: string; raw: Raw; text: string; create?: boolean }> = [];
  for (const w of works) if (w.newText !== undefined) changed.push({ file: w.file, raw: w.raw, text: w.newText });
  for (const [pkg, p] of pkgTexts) changed.push({ file: rel(options.cwd, pkg), raw: p.raw, text: p.text });
  changed.push(...iac.changed);
  changed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const secrets = [...works.flatMap((w) => w.initial.map((f) => f.secret)), ...iac.secrets];
  for (const c of changed) {
    diffs.push(unifiedDiff(c.raw.text ?? "", c.text, { path: c.file, mask: (l) => maskAll(l, secrets) }));
    writes.push({ abs: c.raw.abs, file: c.file, before: c.raw.buf, mtimeMs: c.raw.mtimeMs, mode: c.raw.mode, after: encode(c.raw, c.text), ...(c.create ? { create: true } : {}) });
  }
  const files: FixFile[] = [...skippedFiles];
  const failed = new Map<string, string>();
  if (dryRun) {
    for (const c of changed) files.push({ file: c.file, status: "would-change" });
  } else {
    for (const o of writeAll(writes, options.fs ?? nodeFs)) {
      if (o.status === "written") files.push({ file: o.file, status: "written" });
      else if (o.status === "changed-meanwhile") {
        files.push({ file: o.file, status: "changed-meanwhile", reason: "the file changed while azure-msi fix ran; it was not written" });
        failed.set(o.file, "the file changed while azure-msi fix ran, so it was not written: run azure-msi fix again");
      } else {
        files.push({ file: o.file, status: "not-written", reason: o.reason });
        failed.set(o.file, `the file was not written (${o.reason})`);
      }
    }
    for (const [pkg] of pkgTexts) {
      const label = rel(options.cwd, pkg);
      const i = dependencies.findIndex((d) => d.packageJson === label);
      if (failed.has(label) && i >= 0) dependencies[i] = { ...dependencies[i]!, status: "missing" };
    }
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  // Findings, Azure steps, rotation list.
  const findings: FixFinding[] = [];
  // Keyed by service and host-storage use: the Functions host account needs other roles than a blob client's.
  const touched = new Map<string, { service: ServiceId; resources: Set<string>; hostStorage: boolean; roles?: readonly string[] }>();
  const rotate: Array<FixResult["rotate"][number]> = [];
  for (const w of works) {
    const fail = failed.get(w.file);
    for (const f of w.initial) {
      const k = occurrenceKey(f);
      const pos = w.lines.position(f.start);
      const base = {
        file: w.file,
        line: pos.line,
        column: pos.column,
        ruleId: f.ruleId,
        service: f.service,
        redacted: redact(f.secret),
        fingerprint: fingerprint(f.ruleId, f.secret),
        ...(w.keys.has(k) ? { key: w.keys.get(k)! } : {}),
      };
      rotate.push({ file: w.file, line: pos.line, service: f.service, ruleId: f.ruleId, redacted: base.redacted });
      const desc = w.fixed.get(k);
      if (desc !== undefined && fail === undefined) findings.push({ ...base, status: "fixed", description: maskAll(desc, [f.secret]) });
      else findings.push({ ...base, status: "not-fixed", reason: maskAll(fail ?? w.notFixed.get(k) ?? `No automatic fix. ${manualPath(w.file, f)}`, [f.secret]) });
    }
    if (fail === undefined) {
      for (const t of w.touched) {
        const id = `${t.service}|${t.hostStorage === true}|${(t.roles ?? []).join(",")}`;
        const cur = touched.get(id) ?? { service: t.service, resources: new Set<string>(), hostStorage: t.hostStorage === true, ...(t.roles ? { roles: t.roles } : {}) };
        for (const r of t.resources) cur.resources.add(r);
        touched.set(id, cur);
      }
    }
  }
  // Services whose recipes have no Azure-side step still show (entra-id: say what to grant).
  const azure = azureSteps([...touched.values()]);
  const fixed = findings.filter((f) => f.status === "fixed").length;
  return {
    version: 1,
    dryRun,
    credential,
    findings,
    files,
    dependencies,
    azure,
    iac: iac.report,
    rotate,
    warnings,
    diff: diffs.join(""),
    summary: {
      findings: findings.length,
      fixed,
      notFixed: findings.length - fixed,
      filesChanged: changed.length,
      filesWritten: files.filter((f) => f.status === "written").length,
    },
  };
}

/** Runs crossFileFixes over the walked JS/TS files and folds its results into the file works. */
function crossFile(works: FileWork[], jsFiles: ReadonlyArray<{ file: string; abs: string; text: string }>, options: FixOptions, credential: CredentialChoice, warnings: string[]): void {
  const byAbs = new Map(works.map((w) => [w.raw.abs, w]));
  const files = jsFiles
    .filter((f) => !byAbs.has(f.abs) || byAbs.get(f.abs)!.raw.text !== undefined)
    .map((f) => {
      const w = byAbs.get(f.abs);
      const original = w?.raw.text ?? f.text;
      return { file: f.file, abs: f.abs, original, text: w?.newText ?? original };
    });
  const r = crossFileFixes({
    cwd: options.cwd,
    files,
    findings: (file, text) => findingsOf(text, file, options.allow),
    credential,
    ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
  });
  warnings.push(...r.warnings);
  for (const [abs, reason] of r.refused) {
    const w = byAbs.get(abs);
    if (!w) continue;
    for (const k of [...w.fixed.keys()]) w.notFixed.set(k, reason);
    w.fixed.clear();
    w.touched.length = 0;
    delete w.newText;
  }
  for (const [abs, text] of r.texts) {
    let w = byAbs.get(abs);
    if (!w) {
      let raw: Raw;
      try {
        raw = readRaw(abs);
      } catch {
        continue;
      }
      if (raw.text === undefined) continue;
      w = { file: files.find((f) => f.abs === abs)!.file, raw, lines: new LineIndex(raw.text), initial: [], fixed: new Map(), notFixed: new Map(), keys: new Map(), touched: [] };
      works.push(w);
      byAbs.set(abs, w);
    }
    w.newText = text;
  }
  for (const o of r.outcomes) {
    const w = byAbs.get(o.abs);
    if (!w) continue;
    for (const f of w.initial) {
      if (findingKey(f) !== findingKey(o.finding)) continue;
      const k = occurrenceKey(f);
      if (o.status === "fixed") {
        w.fixed.set(k, o.text);
        w.notFixed.delete(k);
      } else if (!w.fixed.has(k)) w.notFixed.set(k, o.text);
      if (o.rewritten) {
        const name = resourceNameOf(f.fields) ?? resourceNameNear(w.raw.text ?? "", f.service, f.start, f.end);
        w.touched.push({ service: f.service, resources: new Set(name ? [name] : []) });
      }
    }
  }
}

/** Storage data roles for the endpoints of `account` the rewritten code connects to (blob, queue, table, file, dfs). */
function storageRolesInText(text: string, account: string): string[] {
  const roles = new Set<string>();
  const re = new RegExp(`\\b${account.replace(/[^a-z0-9]/gi, "")}\\.(blob|queue|table|file|dfs)\\.`, "gi");
  for (const m of text.matchAll(re)) {
    const kind = m[1]!.toLowerCase();
    roles.add(
      kind === "queue" ? "Storage Queue Data Contributor" : kind === "table" ? "Storage Table Data Contributor" : kind === "file" ? "Storage File Data Privileged Contributor" : "Storage Blob Data Contributor",
    );
  }
  return [...roles];
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a service id has a catalog entry with roles to print (for renderers). */
export const serviceName = (id: ServiceId): string => getService(id).displayName;
