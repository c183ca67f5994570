/**
 * ESLint's own disable comments, read the way ESLint reads them, so that `azure-msi scan` hides in
 * a JS/TS file exactly what `eslint` hides for our rule (DESIGN.md "Suppression"):
 *
 *   foo("..."); // eslint-disable-line azure-msi/no-hardcoded-credentials
 *   // eslint-disable-next-line azure-msi/no-hardcoded-credentials -- test fixture
 *   /* eslint-disable azure-msi/no-hardcoded-credentials *\/ ... /* eslint-enable *\/
 *
 * A directive without a rule list disables every rule, ours included. `eslint-disable` and
 * `eslint-enable` count only in block comments, as in ESLint. The rule may be named with any
 * plugin prefix (`azure-msi/`, or whatever name the user registered the plugin under).
 *
 * Comments are found with a small lexer that skips string, template and regex-free code text, so a
 * `//` inside a string literal is not a comment. Linear in the text length.
 */
import type { LineIndex } from "../text/lines.js";

export const RULE_NAME = "no-hardcoded-credentials";

export interface EslintDirective {
  readonly kind: "disable" | "enable" | "disable-line" | "disable-next-line";
  /** Offsets of the comment. */
  readonly start: number;
  readonly end: number;
  readonly reason?: string;
}

interface Comment {
  readonly block: boolean;
  readonly start: number;
  readonly end: number;
  readonly body: string;
}

/** Comments of JS/TS source text (strings and template literals skipped). */
function comments(text: string): Comment[] {
  const out: Comment[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      let j = text.indexOf("\n", i + 2);
      if (j < 0) j = n;
      out.push({ block: false, start: i, end: j, body: text.slice(i + 2, j) });
      i = j;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      let j = text.indexOf("*/", i + 2);
      j = j < 0 ? n : j + 2;
      out.push({ block: true, start: i, end: j, body: text.slice(i + 2, Math.max(i + 2, j - 2)) });
      i = j;
    } else if (c === 34 || c === 39 || c === 96 /* " ' ` */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === c) {
          i++;
          break;
        } else if (d === 10 && c !== 96) break;
        else i++;
      }
    } else i++;
  }
  return out;
}

const DIRECTIVE = /^\s*eslint-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*))?$/;

/** Does a directive's rule list (`a, b/c -- reason`) cover our rule? */
function coversRule(list: string | undefined): { covers: boolean; reason?: string } {
  if (list === undefined) return { covers: true };
  const [rules = "", ...rest] = list.split(/\s--\s|\s--$/);
  const reason = rest.join(" -- ").trim() || undefined;
  const names = rules
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const covers = names.length === 0 || names.some((r) => r === RULE_NAME || r.endsWith(`/${RULE_NAME}`));
  return { covers, ...(reason ? { reason } : {}) };
}

/** ESLint directives in `text` that concern our rule, in order. */
export function findEslintDirectives(text: string): EslintDirective[] {
  if (!text.includes("eslint-")) return [];
  const out: EslintDirective[] = [];
  for (const c of comments(text)) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const kind = m[1] as EslintDirective["kind"];
    if (!c.block && (kind === "disable" || kind === "enable")) continue;
    if (kind !== "enable") {
      const { covers, reason } = coversRule(m[2]);
      if (!covers) continue;
      out.push({ kind, start: c.start, end: c.end, ...(reason ? { reason } : {}) });
    } else {
      // `eslint-enable` without rules re-enables everything; with rules, only if ours is listed.
      if (!coversRule(m[2]).covers) continue;
      out.push({ kind, start: c.start, end: c.end });
    }
  }
  return out;
}

/**
 * Split findings into kept and suppressed-by-ESLint-directive. Like ESLint, a report is matched by
 * the line and position where it starts.
 */
export function applyEslintDirectives<T extends { readonly start: number }>(
  text: string,
  findings: readonly T[],
  lines: LineIndex,
): { kept: T[]; suppressed: Array<{ finding: T; directive: EslintDirective }> } {
  const directives = findings.length === 0 ? [] : findEslintDirectives(text);
  if (directives.length === 0) return { kept: [...findings], suppressed: [] };
  const kept: T[] = [];
  const suppressed: Array<{ finding: T; directive: EslintDirective }> = [];
  for (const f of findings) {
    const line = lines.lineOf(f.start);
    let by: EslintDirective | undefined;
    let block: EslintDirective | undefined;
    for (const d of directives) {
      if (d.kind === "disable-line" && lines.lineOf(d.start) === line) by ??= d;
      else if (d.kind === "disable-next-line" && lines.lineOf(Math.max(d.start, d.end - 1)) + 1 === line) by ??= d;
      else if (d.kind === "disable" && d.start <= f.start) block = d;
      else if (d.kind === "enable" && d.start <= f.start) block = undefined;
    }
    by ??= block;
    if (by) suppressed.push({ finding: f, directive: by });
    else kept.push(f);
  }
  return { kept, suppressed };
}
