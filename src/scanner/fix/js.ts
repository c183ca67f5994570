/**
 * JS/TS files: the same FixPlans as the ESLint rule no-hardcoded-credentials (planFix from
 * src/adapters/estree.ts over a @typescript-eslint/parser AST and its scope manager), applied one
 * plan per round and re-scanned, until no plan applies or MAX_ROUNDS. One plan per round because
 * two plans of one file may both add the same import or remove the same constant: after a rewrite
 * the next plan is computed on the new text.
 */
import { parseForESLint } from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { planFix, type CredentialChoice } from "../../adapters/estree.js";
import { applyEdits } from "../../core/fixes/edits.js";
import type { Finding, TextEdit } from "../../core/types.js";

export const MAX_ROUNDS = 50;

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
  /** Finding key -> description of the plan whose rewrite made the finding disappear. */
  readonly removedBy: ReadonlyMap<string, string>;
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

/** Fix one JS/TS text; the caller checked that it parses. */
export function fixJsText(text: string, options: JsFixOptions): JsFixResult {
  let cur = text;
  const applied: AppliedPlan[] = [];
  const manual = new Map<string, string>();
  const removedBy = new Map<string, string>();
  let rounds = 0;
  for (; rounds < MAX_ROUNDS; rounds++) {
    const parsed = parseJs(cur, options.file);
    if ("error" in parsed) break;
    let progressed = false;
    const current = options.findings(cur);
    for (const finding of current) {
      const r = planFix({
        ast: parsed.ast,
        text: cur,
        finding,
        credential: options.credential,
        scopeManager: parsed.scopeManager as never,
        path: options.file,
        ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
      });
      if ("manual" in r) {
        manual.set(findingKey(finding), r.manual);
        continue;
      }
      let next: string;
      try {
        next = applyEdits(cur, adaptLineBreaks(cur, r.plan.edits));
      } catch {
        manual.set(findingKey(finding), "The rewrite's edits overlap: fix it by hand.");
        continue;
      }
      if (next === cur) continue;
      if ("error" in parseJs(next, options.file)) {
        manual.set(findingKey(finding), "The rewrite would not parse, so it was not applied: fix it by hand.");
        continue;
      }
      applied.push({ finding, description: r.plan.description });
      const left = new Set(options.findings(next).map(findingKey));
      for (const f of current) if (!left.has(findingKey(f)) && !removedBy.has(findingKey(f))) removedBy.set(findingKey(f), r.plan.description);
      manual.delete(findingKey(finding));
      cur = next;
      progressed = true;
      break;
    }
    if (!progressed) break;
  }
  return { text: cur, applied, manual, removedBy, rounds };
}
