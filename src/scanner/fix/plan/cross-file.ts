/**
 * `azure-msi fix` across files, with the TypeScript compiler API (src/adapters/typescript), and the
 * type check every fixed JS/TS file passes before it is written.
 *
 * Rounds over the current texts (after the single-file fixes): build the program, find a client
 * construction whose secret traces to a finding in another definition (cross-file.ts of the
 * adapter), rewrite every client of that literal (one per file and round), remove the definitions
 * nothing reads any more, type-check the result in memory and keep it only when it adds no
 * diagnostic. Then the next round, until nothing more applies.
 */
import path from "node:path";
import type { Finding } from "../../../core/types.js";
import { maskAll } from "../../../core/report/redact.js";
import { applyEdits, normalizeEdits } from "../../../core/fixes/edits.js";
import type { CredentialChoice } from "../../../core/fixes/credential.js";
import { clientSites, planRemoval, rewriteClient, type ParsedFile } from "../../../adapters/typescript/cross-file.js";
import { createProgram, projectGroups, userFiles, type ProjectGroup } from "../../../adapters/typescript/program.js";
import { ReadIndex } from "../../../adapters/typescript/reads.js";
import type { TS } from "../../../adapters/typescript/load.js";
import { typescript } from "../../../adapters/typescript/load.js";
import { LineIndex } from "../../../core/text/lines.js";
import { isJsTs } from "../../scan.js";
import { resourceNameNear, resourceNameOf } from "../azure/resources.js";
import { occurrenceKey, type FileWork, type FixContext, type Raw } from "../context.js";
import { findingsOf } from "../find.js";
import { readRaw } from "../work.js";
import { SINK_MODULES } from "../../../core/fixes/recipes/index.js";
import { findingKey, parseJs } from "./js.js";

export interface SourceFileText {
  /** Relative path for messages. */
  readonly file: string;
  readonly abs: string;
  /** The text on disk. */
  readonly original: string;
  /** The text after the single-file fixes. */
  readonly text: string;
}

export interface CrossFileResult {
  /** Absolute path -> new text (only files that changed in this pass). */
  readonly texts: ReadonlyMap<string, string>;
  /** Per definition file (absolute path) and finding key (ruleId + secret): fixed or why not. */
  readonly outcomes: ReadonlyArray<{
    readonly abs: string;
    readonly finding: Finding;
    readonly status: "fixed" | "not-fixed";
    readonly text: string;
    /** A client was rewritten to a TokenCredential (its identity needs the roles), even if the secret stays. */
    readonly rewritten: boolean;
  }>;
  /** Single-file results refused by the type check: absolute path -> reason. */
  readonly refused: ReadonlyMap<string, string>;
  readonly warnings: readonly string[];
}

export interface CrossFileOptions {
  readonly cwd: string;
  readonly files: readonly SourceFileText[];
  readonly findings: (file: string, text: string) => readonly Finding[];
  readonly credential: CredentialChoice;
  readonly clientId?: string;
}

const MAX_ROUNDS = 50;

/** Diagnostics of one file as `code message` strings (positions left out: edits move them). */
function diagnostics(program: TS.Program, abs: string): string[] {
  const ts = typescript();
  const sf = program.getSourceFile(abs);
  if (!sf) return [];
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    .filter((d) => !(d.code === 2307 && /@azure\/identity/.test(ts.flattenDiagnosticMessageText(d.messageText, " "))))
    .map((d) => `${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

/** The first diagnostic of `after` that `before` does not have (as many times), with its line. */
function newDiagnostic(before: TS.Program, after: TS.Program, abs: string, rel: string): string | undefined {
  const ts = typescript();
  const counts = new Map<string, number>();
  for (const d of diagnostics(before, abs)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const sf = after.getSourceFile(abs);
  if (!sf) return undefined;
  for (const d of [...after.getSyntacticDiagnostics(sf), ...after.getSemanticDiagnostics(sf)]) {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (d.code === 2307 && /@azure\/identity/.test(msg)) continue;
    const key = `${d.code} ${msg}`;
    const n = counts.get(key) ?? 0;
    if (n > 0) {
      counts.set(key, n - 1);
      continue;
    }
    const line = d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${rel}:${line}: TS${d.code} ${msg.length > 200 ? `${msg.slice(0, 197)}...` : msg}`;
  }
  return undefined;
}

const withCheckJs = (g: ProjectGroup): TS.CompilerOptions => ({ ...g.options, checkJs: true });

/** The state of one pass: the texts as they stand, and what the pass has found so far. */
interface Pass {
  readonly options: CrossFileOptions;
  readonly byAbs: ReadonlyMap<string, SourceFileText>;
  readonly rel: (abs: string) => string;
  /** Absolute path -> text as it stands. */
  readonly texts: Map<string, string>;
  readonly changed: Map<string, string>;
  readonly outcomes: Array<CrossFileResult["outcomes"][number]>;
  readonly refused: Map<string, string>;
  readonly warnings: string[];
  /** The findings of a text (cached by path and text). */
  readonly findingsIn: (abs: string, text: string) => readonly Finding[];
  /** Every secret found so far (to mask messages). */
  readonly allSecrets: () => string[];
}

/** One project group being fixed: its compiler options and the program of the texts as they stand. */
interface GroupRun {
  readonly pass: Pass;
  readonly group: ProjectGroup;
  readonly opts: TS.CompilerOptions;
  current: TS.Program;
  /** Literals (definition file + literal text) that could not be fixed: not tried again. */
  readonly failed: Set<string>;
}

/** What one round knows of the current program: parsed files, which ranges are secrets, who reads what. */
interface RoundTools {
  readonly parsed: (abs: string) => ParsedFile | undefined;
  readonly isSecret: (file: string, start: number, end: number) => boolean;
  readonly index: ReadIndex;
}

type Site = ReturnType<typeof clientSites>[number];

/** Every client construction of one traced secret literal. */
interface LiteralGroup {
  readonly literalFile: string;
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly sites: Array<{ client: ParsedFile; site: Site }>;
}

/** The client rewrites of one literal (one per client file). */
interface Rewrites {
  readonly newTexts: Map<string, string>;
  readonly done: Map<string, Array<readonly [number, number]>>;
  readonly descriptions: string[];
  readonly manuals: string[];
}

export function crossFileFixes(options: CrossFileOptions): CrossFileResult {
  const pass = newPass(options);
  const result = { texts: pass.changed, outcomes: pass.outcomes, refused: pass.refused, warnings: pass.warnings };
  // No rewrite to check and no file naming an SDK module: nothing for the compiler to do.
  const changedAny = options.files.some((f) => f.text !== f.original);
  const clients = options.files.some((f) => [...SINK_MODULES].some((m) => f.text.includes(m)));
  if (!changedAny && !clients) return result;
  for (const group of projectGroups(options.files.map((f) => f.abs), options.cwd)) fixGroup(pass, group);
  return result;
}

function newPass(options: CrossFileOptions): Pass {
  const byAbs = new Map(options.files.map((f) => [f.abs, f]));
  const rel = (abs: string): string => byAbs.get(abs)?.file ?? path.relative(options.cwd, abs).split(path.sep).join("/");
  const secretsOf = new Map<string, readonly Finding[]>();
  const findingsIn = (abs: string, text: string): readonly Finding[] => {
    const key = `${abs}\u0000${text.length}\u0000${text}`;
    let f = secretsOf.get(key);
    if (!f) {
      f = options.findings(rel(abs), text);
      secretsOf.set(key, f);
    }
    return f;
  };
  return {
    options,
    byAbs,
    rel,
    texts: new Map<string, string>(options.files.map((f) => [f.abs, f.text])),
    changed: new Map<string, string>(),
    outcomes: [],
    refused: new Map<string, string>(),
    warnings: [],
    findingsIn,
    allSecrets: () => [...secretsOf.values()].flatMap((fs) => fs.map((f) => f.secret)),
  };
}

/** The texts that differ from the disk, for the compiler. */
function overlayOf(pass: Pass): Map<string, string> {
  const m = new Map<string, string>();
  for (const [abs, t] of pass.texts) if (t !== pass.byAbs.get(abs)?.original) m.set(abs, t);
  return m;
}

function fixGroup(pass: Pass, group: ProjectGroup): void {
  pass.warnings.push(...group.problems);
  const opts = withCheckJs(group);
  const run: GroupRun = { pass, group, opts, current: checkSingleFileFixes(pass, group, opts), failed: new Set<string>() };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!crossFileRound(run)) break;
  }
}

/** Stage 1: the single-file fixes of this group pass the type check, or are taken back. The program after it. */
function checkSingleFileFixes(pass: Pass, group: ProjectGroup, opts: TS.CompilerOptions): TS.Program {
  const original = createProgram(group.files, opts);
  const current = createProgram(group.files, opts, overlayOf(pass), original);
  for (const abs of group.files) {
    const f = pass.byAbs.get(abs)!;
    if (f.text === f.original) continue;
    const bad = newDiagnostic(original, current, abs, f.file);
    if (bad) {
      pass.refused.set(abs, `The rewrite would not type-check (${maskAll(bad, pass.findingsIn(abs, f.original).map((x) => x.secret))}), so it was not written: fix it by hand.`);
      pass.texts.set(abs, f.original);
    }
  }
  return pass.refused.size > 0 ? createProgram(group.files, opts, overlayOf(pass), original) : current;
}

/** Stage 2, one round: the first literal whose change applies and type-checks is written. False when none did. */
function crossFileRound(run: GroupRun): boolean {
  const tools = roundTools(run);
  for (const [, g] of literalGroups(run, tools)) {
    if (fixLiteral(run, tools, g)) return true;
  }
  return false;
}

function roundTools(run: GroupRun): RoundTools {
  const { pass, current } = run;
  const parsedCache = new Map<string, ParsedFile | undefined>();
  const parsed = (abs: string): ParsedFile | undefined => {
    if (parsedCache.has(abs)) return parsedCache.get(abs);
    const text = pass.texts.get(abs) ?? current.getSourceFile(abs)?.text;
    let out: ParsedFile | undefined;
    if (text !== undefined) {
      const r = parseJs(text, abs);
      if (!("error" in r)) out = { file: abs, text, ast: r.ast, scopeManager: r.scopeManager as never };
    }
    parsedCache.set(abs, out);
    return out;
  };
  const userAbs = new Set(userFiles(current).map((sf) => path.resolve(sf.fileName)));
  const isSecret = (file: string, start: number, end: number): boolean => {
    const abs = path.resolve(file);
    if (!userAbs.has(abs) || !pass.byAbs.has(abs)) return false;
    const text = pass.texts.get(abs)!;
    return pass.findingsIn(abs, text).some((f) => f.start >= start && f.end <= end && f.severity !== "info");
  };
  return { parsed, isSecret, index: new ReadIndex(current) };
}

/** Every client construction of a traced secret, grouped by the literal. */
function literalGroups(run: GroupRun, tools: RoundTools): Map<string, LiteralGroup> {
  const groups = new Map<string, LiteralGroup>();
  for (const abs of run.group.files) {
    const client = tools.parsed(abs);
    if (!client) continue;
    for (const site of clientSites(run.current, client, tools.isSecret, tools.index, run.pass.rel)) {
      const lit = site.traced.literal;
      const literalFile = path.resolve(lit.getSourceFile().fileName);
      const key = `${literalFile}:${lit.getStart()}:${lit.end}`;
      const g = groups.get(key) ?? { literalFile, start: lit.getStart(), end: lit.end, value: site.traced.value, sites: [] };
      g.sites.push({ client, site });
      groups.set(key, g);
    }
  }
  return groups;
}

/** Rewrite every client of one literal and remove its definition; true when the change was written. */
function fixLiteral(run: GroupRun, tools: RoundTools, g: LiteralGroup): boolean {
  const { pass } = run;
  const defText = pass.texts.get(g.literalFile)!;
  const secrets = pass.findingsIn(g.literalFile, defText).filter((f) => f.start >= g.start && f.end <= g.end);
  const failKey = `${g.literalFile}\u0000${defText.slice(g.start, g.end)}`;
  if (run.failed.has(failKey) || secrets.length === 0) return false;
  const mask = (s: string): string => maskAll(s, pass.allSecrets());
  // A literal of the client's own file: the single-file fix already said what it could.
  const ownFile = g.sites.every((x) => x.client.file === g.literalFile);
  const fail = (reason: string): false => {
    run.failed.add(failKey);
    if (ownFile) return false;
    for (const f of secrets) pass.outcomes.push({ abs: g.literalFile, finding: f, status: "not-fixed", text: mask(reason), rewritten: false });
    return false;
  };
  const refusedSite = g.sites.find((s) => s.site.refused);
  if (refusedSite) return fail(`No automatic fix: ${refusedSite.site.refused}.`);
  const rw = rewriteClients(pass, g);
  if (rw.newTexts.size === 0) return fail(`No automatic fix: ${rw.manuals.join(" ")}`);
  const removal = planRemoval(g.sites[0]!.site.traced, rw.done, { index: tools.index, parsed: tools.parsed, rel: pass.rel });
  if (!applyRemoval(pass, g, rw.newTexts, removal.edits)) {
    return fail("No automatic fix: the secret is defined in a file whose client is rewritten in the same change; fix it by hand.");
  }
  let ok = true;
  for (const [abs, t] of rw.newTexts) {
    if ("error" in parseJs(t, abs)) ok = false;
  }
  if (!ok) return fail("No automatic fix: the rewritten files would not parse.");
  // Type check: the change may add no diagnostic to any file it touches.
  const overlay = overlayOf(pass);
  for (const [abs, t] of rw.newTexts) overlay.set(abs, t);
  const next = createProgram(run.group.files, run.opts, overlay, run.current);
  const bad = [...rw.newTexts.keys()].map((abs) => newDiagnostic(run.current, next, abs, pass.rel(abs))).find((x) => x !== undefined);
  if (bad) {
    const what = [...(removal.removed.length > 0 ? [`remove ${removal.removed.join(", ")}.`] : []), ...rw.descriptions].join(" ");
    return fail(`Not written: the change would not type-check (${bad}). Make the types allow it and apply it by hand: ${what}`);
  }
  for (const [abs, t] of rw.newTexts) {
    pass.texts.set(abs, t);
    pass.changed.set(abs, t);
  }
  const text = fixedMessage(removal, rw);
  const status = removal.kept ? "not-fixed" : "fixed";
  for (const f of secrets) pass.outcomes.push({ abs: g.literalFile, finding: f, status, text: mask(text), rewritten: true });
  run.current = next;
  return true;
}

/** One construction per client file and round (two rewrites of a file would both add the import). */
function rewriteClients(pass: Pass, g: LiteralGroup): Rewrites {
  const { options } = pass;
  const rw: Rewrites = { newTexts: new Map(), done: new Map(), descriptions: [], manuals: [] };
  for (const { client, site } of g.sites) {
    if (rw.newTexts.has(client.file)) continue;
    const r = rewriteClient(client, site, { credential: options.credential, ...(options.clientId !== undefined ? { clientId: options.clientId } : {}) }, (t, f) => {
      const p = parseJs(t, f);
      return "error" in p ? undefined : p.ast;
    });
    const where = pass.rel(client.file);
    if ("manual" in r) {
      rw.manuals.push(`${where}: ${r.manual}`);
      continue;
    }
    rw.newTexts.set(client.file, r.text);
    rw.done.set(client.file, [...r.replaced]);
    rw.descriptions.push(`In ${where}: ${r.description}`);
  }
  return rw;
}

/** The removal of the definitions into `newTexts`; false when a definition is in a rewritten client file. */
function applyRemoval(pass: Pass, g: LiteralGroup, newTexts: Map<string, string>, edits: ReturnType<typeof planRemoval>["edits"]): boolean {
  for (const [abs, fileEdits] of edits) {
    const base = newTexts.get(abs) ?? pass.texts.get(abs);
    const norm = normalizeEdits(fileEdits);
    if (base === undefined || !norm || (newTexts.has(abs) && abs !== g.literalFile)) return false;
    // A definition inside a rewritten client file: its offsets are those of the old text.
    if (newTexts.has(abs)) return false;
    newTexts.set(abs, applyEdits(base, norm));
  }
  return true;
}

/** What a written change did, for the report. */
function fixedMessage(removal: ReturnType<typeof planRemoval>, rw: Rewrites): string {
  const parts: string[] = [];
  if (removal.removed.length > 0) parts.push(`Removes ${removal.removed.join(", ")}.`);
  if (removal.kept) parts.push(`Keeps ${removal.kept}: remove it by hand once nothing reads it.`);
  parts.push(...rw.descriptions.map((d) => (/[.!?]$/.test(d) ? d : `${d}.`)));
  if (rw.manuals.length > 0) parts.push(`Not rewritten: ${rw.manuals.join(" ")}`);
  return parts.join(" ");
}

/**
 * The cross-file pass of the plan step: crossFileFixes over every JS/TS file walked (texts after
 * the single-file fixes), folded into the file works: type-check refusals undo a file's fixes, new
 * texts (a client module without a finding of its own becomes a file work), fixed or not per finding.
 */
export function planCrossFile(ctx: FixContext): void {
  if (!ctx.files.some((w) => isJsTs(w.file) && w.raw.text !== undefined && w.initial.length > 0)) return;
  const byAbs = new Map(ctx.files.map((w) => [w.raw.abs, w]));
  const files = ctx.scripts
    .filter((f) => !byAbs.has(f.abs) || byAbs.get(f.abs)!.raw.text !== undefined)
    .map((f) => {
      const w = byAbs.get(f.abs);
      const original = w?.raw.text ?? f.text;
      return { file: f.file, abs: f.abs, original, text: w?.newText ?? original };
    });
  const { allow, clientId } = ctx.options;
  const r = crossFileFixes({ cwd: ctx.cwd, files, findings: (file, text) => findingsOf(text, file, allow), credential: ctx.credential, ...(clientId !== undefined ? { clientId } : {}) });
  ctx.warnings.push(...r.warnings);
  for (const [abs, reason] of r.refused) {
    const w = byAbs.get(abs);
    if (!w) continue;
    for (const k of [...w.fixed.keys()]) w.notFixed.set(k, reason);
    w.fixed.clear();
    w.touched.length = 0;
    delete w.newText;
  }
  for (const [abs, text] of r.texts) {
    const w = byAbs.get(abs) ?? adoptFile(ctx, byAbs, abs, files.find((f) => f.abs === abs)!.file);
    if (w) w.newText = text;
  }
  for (const o of r.outcomes) {
    const w = byAbs.get(o.abs);
    if (w) recordOutcome(w, o);
  }
}

/** A file the pass rewrote that had no finding of its own: a new file work (unless it cannot be read as UTF-8 now). */
function adoptFile(ctx: FixContext, byAbs: Map<string, FileWork>, abs: string, file: string): FileWork | undefined {
  let raw: Raw;
  try {
    raw = readRaw(abs);
  } catch {
    return undefined;
  }
  if (raw.text === undefined) return undefined;
  const w: FileWork = { file, raw, lines: new LineIndex(raw.text), initial: [], fixed: new Map(), notFixed: new Map(), keys: new Map(), touched: [] };
  ctx.files.push(w);
  byAbs.set(abs, w);
  return w;
}

function recordOutcome(w: FileWork, o: CrossFileResult["outcomes"][number]): void {
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
