/**
 * Inline suppression comments, shared by the ESLint rule and the scanner so that both agree.
 *
 *   const k = "...";          // azure-msi-ignore -- rotated test key
 *   # azure-msi-ignore-next-line: documented sample
 *   AccountKey=...
 *
 * `azure-msi-ignore` suppresses findings on the same line (any line a multi-line finding spans),
 * `azure-msi-ignore-next-line` findings that start on the following line. The marker must open a
 * comment in any common syntax: `//`, `/*`, `#`, `<!--`, `'` (VB), `REM` (batch), `--` (SQL, Lua),
 * `;` (INI), or a `*` continuation line of a block comment. Text after the marker is the reason.
 */
import { LineIndex } from "../text/lines.js";

export type DirectiveKind = "ignore" | "ignore-next-line";

export interface InlineDirective {
  readonly kind: DirectiveKind;
  /** 1-based line the comment is on. */
  readonly line: number;
  /** Free text after the marker, if any. */
  readonly reason?: string;
}

export interface InlineSuppression<T> {
  readonly finding: T;
  readonly directive: InlineDirective;
}

const MARKER = /azure-msi-ignore(-next-line)?(?![A-Za-z0-9_-])/gi;

/** Comment openers that may appear anywhere before the marker (only spaces in between). */
const OPENERS_ANYWHERE = ["//", "/*", "<!--", "#"];
/** Openers that also occur in code and data, so they must start the line or follow a space. */
const OPENERS_AFTER_SPACE = ["'", "rem", "--", ";", "*"];

function opensComment(before: string): boolean {
  const t = before.replace(/[ \t]+$/, "").toLowerCase();
  const spaced = t.length < before.length;
  if (OPENERS_ANYWHERE.some((o) => t.endsWith(o))) return true;
  for (const o of OPENERS_AFTER_SPACE) {
    if (!t.endsWith(o)) continue;
    const head = t.slice(0, t.length - o.length);
    // The opener starts the line, or stands alone between spaces (`x = 1 ' azure-msi-ignore`).
    if (head.trim() === "" || (spaced && /[ \t]$/.test(head))) return true;
  }
  return false;
}

function reasonAfter(rest: string): string | undefined {
  const r = rest
    .replace(/(?:\*\/|-->).*$/, "")
    .replace(/^[\s:,=-]+/, "")
    .trim();
  return r.length > 0 ? r.slice(0, 200) : undefined;
}

/** Every suppression directive in `text`, in order. Linear in the text length. */
export function findDirectives(text: string, lines: LineIndex = new LineIndex(text)): InlineDirective[] {
  const out: InlineDirective[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    const line = lines.lineOf(m.index);
    const [lineStart, lineEnd] = lines.lineRange(line);
    if (!opensComment(text.slice(lineStart, m.index))) continue;
    const reason = reasonAfter(text.slice(m.index + m[0].length, lineEnd));
    out.push({ kind: m[1] ? "ignore-next-line" : "ignore", line, ...(reason !== undefined ? { reason } : {}) });
  }
  return out;
}

/**
 * Split `findings` into those that stay and those an inline directive suppresses (with the
 * directive that did it). Findings are anything with UTF-16 `start`/`end` offsets into `text`.
 */
export function applyInlineSuppressions<T extends { readonly start: number; readonly end: number }>(
  text: string,
  findings: readonly T[],
  lines?: LineIndex,
): { kept: T[]; suppressed: Array<InlineSuppression<T>> } {
  if (findings.length === 0 || !/azure-msi-ignore/i.test(text)) return { kept: [...findings], suppressed: [] };
  const index = lines ?? new LineIndex(text);
  const sameLine = new Map<number, InlineDirective>();
  const nextLine = new Map<number, InlineDirective>();
  for (const d of findDirectives(text, index)) {
    if (d.kind === "ignore") sameLine.set(d.line, d);
    else nextLine.set(d.line + 1, d);
  }
  const kept: T[] = [];
  const suppressed: Array<InlineSuppression<T>> = [];
  for (const f of findings) {
    const first = index.lineOf(f.start);
    const last = index.lineOf(Math.max(f.start, f.end - 1));
    let directive = nextLine.get(first);
    for (let l = first; directive === undefined && l <= last; l++) directive = sameLine.get(l);
    if (directive) suppressed.push({ finding: f, directive });
    else kept.push(f);
  }
  return { kept, suppressed };
}
