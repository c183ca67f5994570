/**
 * JS/TS files: the same FixPlans as the ESLint rule no-hardcoded-credentials (planFix from
 * src/adapters/estree.ts over a @typescript-eslint/parser AST and its scope manager), applied one
 * plan per round and re-scanned, until no plan applies or MAX_ROUNDS (then the file is left alone). One plan per round because
 * two plans of one file may both add the same import or remove the same constant: after a rewrite
 * the next plan is computed on the new text.
 */
import { parseForESLint } from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { planFix, type CredentialChoice } from "../../../adapters/estree.js";
import { applyEdits } from "../../../core/fixes/edits.js";
import type { Finding, TextEdit } from "../../../core/types.js";
import { resourceNameNear, resourceNameOf, storageRolesInText } from "../azure/resources.js";
import { occurrenceKey, type FileWork, type FixContext } from "../context.js";
import { findingsOf } from "../find.js";
import { refuse } from "../work.js";
import { manualPath } from "./advice.js";

export const MAX_ROUNDS = 200;

export type ParseResult = { readonly ast: TSESTree.Program; readonly scopeManager: unknown } | { readonly error: string };

/** Parse a JS/TS text the way the ESLint rule sees it (JSX for .jsx/.tsx, TypeScript syntax for all). */
export function parseJs(text: string, file: string): ParseResult {
  const jsx = /\.[jt]sx$/i.test(file);
  try {
    const r = parseForESLint(text, {
      range: true,
      loc: true,
      comment: true,
      tokens: true,
      ecmaFeatures: { jsx },
      sourceType: /\.c[jt]s$/i.test(file) ? "script" : "module",
      ecmaVersion: "latest",
      filePath: file,
    });
    return { ast: r.ast as unknown as TSESTree.Program, scopeManager: r.scopeManager };
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number };
    return { error: `${(e.message ?? "parse error").split("\n")[0]}${e.lineNumber ? ` (line ${e.lineNumber})` : ""}` };
  }
}

/** Line breaks of inserted text follow the line the edit sits on (CRLF files stay CRLF, mixed stay mixed). */
export function adaptLineBreaks(text: string, edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((e) => {
    if (!e.text.includes("\n")) return e;
    const nl = text.indexOf("\n", e.range[0]);
    const crlf = nl > 0 ? text[nl - 1] === "\r" : text.includes("\r\n") && !/(^|[^\r])\n/.test(text);
    return crlf ? { range: e.range, text: e.text.replace(/\r?\n/g, "\r\n") } : e;
  });
}

export interface AppliedPlan {
  /** The finding the plan was made for (offsets into the text of that round). */
  readonly finding: Finding;
  readonly description: string;
}

export interface JsFixResult {
  readonly text: string;
  readonly applied: readonly AppliedPlan[];
  /** Last manual answer per finding key (ruleId + secret), for findings never fixed. */
  readonly manual: ReadonlyMap<string, string>;
  /** The edits applied, in order (offsets into the text of their round), with their plan's description. */
  readonly steps: ReadonlyArray<{ readonly edits: readonly TextEdit[]; readonly description: string }>;
  readonly rounds: number;
}

export const findingKey = (f: Pick<Finding, "ruleId" | "secret">): string => `${f.ruleId}\u0000${f.secret}`;

export interface JsFixOptions {
  readonly file: string;
  readonly credential: CredentialChoice;
  readonly clientId?: string;
  /** The findings to fix in a text (engine + suppressions + config allow list, no info). */
  readonly findings: (text: string) => readonly Finding[];
}

/**
 * Fix one JS/TS text; the caller checked that it parses. Each round plans the findings in order and
 * applies the first plan that works; findings whose answer was "manual" are planned again only once
 * no other finding applies and the text changed since (a rewrite can make another one possible).
 * The parse and the scan of the rewritten text are reused by the next round.
 */
export function fixJsText(text: string, options: JsFixOptions): JsFixResult {
  let cur = text;
  const applied: AppliedPlan[] = [];
  const manual = new Map<string, string>();
  const steps: Array<{ edits: readonly TextEdit[]; description: string }> = [];
  let parsed = parseJs(cur, options.file);
  let current = options.findings(cur);
  /** Keys answered "manual" on the current text. */
  let manualHere = new Set<string>();
  /** applied.length when the manual ones were last retried (once per text). */
  let retriedAt = -1;
  let rounds = 0;
  for (; rounds < MAX_ROUNDS && !("error" in parsed); rounds++) {
    const ast = parsed;
    const tryPlans = (candidates: readonly Finding[]): boolean => {
      for (const finding of candidates) {
        const key = findingKey(finding);
        const r = planFix({
          ast: ast.ast,
          text: cur,
          finding,
          credential: options.credential,
          scopeManager: ast.scopeManager as never,
          path: options.file,
          ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
        });
        if ("manual" in r) {
          manual.set(key, r.manual);
          manualHere.add(key);
          continue;
        }
        let next: string;
        const edits = adaptLineBreaks(cur, r.plan.edits);
        try {
          next = applyEdits(cur, edits);
        } catch {
          manual.set(key, "The rewrite's edits overlap: fix it by hand.");
          manualHere.add(key);
          continue;
        }
        if (next === cur) continue;
        const nextParsed = parseJs(next, options.file);
        if ("error" in nextParsed) {
          manual.set(key, "The rewrite would not parse, so it was not applied: fix it by hand.");
          manualHere.add(key);
          continue;
        }
        const nextFindings = options.findings(next);
        applied.push({ finding, description: r.plan.description });
        steps.push({ edits, description: r.plan.description });
        manual.delete(key);
        cur = next;
        parsed = nextParsed;
        current = nextFindings;
        return true;
      }
      return false;
    };
    const fresh = current.filter((f) => !manualHere.has(findingKey(f)));
    if (tryPlans(fresh)) continue;
    // Nothing new applies: the "manual" ones get one more chance on this text, if it changed since.
    const stale = current.filter((f) => manualHere.has(findingKey(f)));
    const retry = stale.length > 0 && applied.length > 0 && retriedAt !== applied.length;
    retriedAt = applied.length;
    manualHere = new Set();
    if (!retry || !tryPlans(stale)) break;
  }
  return { text: cur, applied, manual, steps, rounds };
}

/**
 * Follow an offset of the original text through the applied steps: where it ends up, or which
 * step's edit replaced the text at that offset.
 */
export function traceOffset(offset: number, steps: JsFixResult["steps"]): { readonly removedBy: string } | { readonly offset: number } {
  let o = offset;
  for (const step of steps) {
    let delta = 0;
    for (const e of step.edits) {
      if (e.range[0] <= o && o < e.range[1]) return { removedBy: step.description };
      if (e.range[1] <= o) delta += e.text.length - (e.range[1] - e.range[0]);
    }
    o += delta;
  }
  return { offset: o };
}

/** Plan the JS/TS files found, each on its own (see fixJsText); plan/cross-file.ts then works across them. */
export function planJsFiles(ctx: FixContext, works: readonly FileWork[]): void {
  for (const work of works) planJsFile(ctx, work, work.raw.text ?? "");
}

function planJsFile(ctx: FixContext, work: FileWork, text: string): void {
  const parsed = parseJs(text, work.file);
  if ("error" in parsed) return refuse(work, `the file does not parse (${parsed.error})`);
  const { allow, clientId } = ctx.options;
  const r = fixJsText(text, { file: work.file, credential: ctx.credential, ...(clientId !== undefined ? { clientId } : {}), findings: (t) => findingsOf(t, work.file, allow) });
  traceFindings(work, text, r);
  if (r.rounds >= MAX_ROUNDS) {
    // The rewrites did not settle: a second run could change the file again. Leave it alone.
    for (const k of [...work.fixed.keys()]) work.notFixed.set(k, "The rewrites of this file did not settle, so none was applied: fix it by hand.");
    work.fixed.clear();
    work.touched.length = 0;
    return;
  }
  if (r.text !== text) work.newText = r.text;
}

/** Each original finding is followed through the applied edits: fixed when an edit replaced it. */
function traceFindings(work: FileWork, text: string, r: JsFixResult): void {
  for (const f of work.initial) {
    const traced = traceOffset(f.start, r.steps);
    if (!("removedBy" in traced)) {
      work.notFixed.set(occurrenceKey(f), r.manual.get(findingKey(f)) ?? `No automatic fix. ${manualPath(work.file, f)}`);
      continue;
    }
    work.fixed.set(occurrenceKey(f), traced.removedBy);
    const name = resourceNameOf(f.fields) ?? resourceNameNear(text, f.service, f.start, f.end);
    const roles = f.service === "storage" && name ? storageRolesInText(r.text, name) : undefined;
    work.touched.push({ service: f.service, resources: new Set(name ? [name] : []), ...(roles && roles.length > 0 ? { roles } : {}) });
  }
}
