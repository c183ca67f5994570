/**
 * Text edits that keep the rest of the file as written: argument lists are changed argument by
 * argument (comments and line breaks between kept arguments survive), object properties are added
 * or removed with their commas, declarations are removed with their line.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { TextEdit } from "../types.js";
import type { Call, Node } from "./ast.js";

/** One argument of a rewritten call: an old argument kept as written, or new text. */
export type NewArg = { readonly keep: number } | { readonly text: string };

const edit = (start: number, end: number, text: string): TextEdit => ({ range: [start, end], text });

/** Offset of the `(` that opens a call's argument list. */
function openParen(text: string, call: Call): number {
  const from = (call.typeArguments ?? call.callee).range[1];
  const at = text.indexOf("(", from);
  return at >= 0 && at < call.range[1] ? at : -1;
}

/**
 * Edits that turn the argument list of `call` into `args`. Kept arguments must appear in increasing
 * order; old arguments not kept are replaced (or removed with their comma). Returns undefined when
 * the call has no parenthesised argument list (`new X` without parentheses) and would need one.
 */
export function rewriteArgs(text: string, call: Call, args: readonly NewArg[]): TextEdit[] | undefined {
  const old = call.arguments;
  const kept = args.filter((a): a is { keep: number } => "keep" in a).map((a) => a.keep);
  for (let i = 1; i < kept.length; i++) if (kept[i]! <= kept[i - 1]!) return undefined;
  const edits: TextEdit[] = [];
  if (old.length === 0) {
    const open = openParen(text, call);
    const newText = args.map((a) => ("text" in a ? a.text : "")).join(", ");
    if (open < 0) return newText.length === 0 ? [] : [edit(call.range[1], call.range[1], `(${newText})`)];
    return newText.length === 0 ? [] : [edit(open + 1, open + 1, newText)];
  }
  // One argument per line when the call is written that way: keep it so.
  const open = openParen(text, call);
  const gaps = [open >= 0 ? text.slice(open + 1, old[0]!.range[0]) : "", ...old.slice(1).map((a, i) => text.slice(old[i]!.range[1], a.range[0]))];
  const multiline = gaps.some((g) => g.includes("\n"));
  const indent = multiline ? indentAt(text, old[old.length - 1]!.range[0]) : "";
  const sep = multiline ? `,\n${indent}` : ", ";
  // Groups of new texts between kept arguments: before the first kept, between kept i and i+1, after the last.
  const groups: string[][] = [[]];
  for (const a of args) {
    if ("keep" in a) groups.push([]);
    else groups[groups.length - 1]!.push(a.text);
  }
  const bounds = [-1, ...kept, old.length];
  for (let g = 0; g < groups.length; g++) {
    const lo = bounds[g]!; // kept index before (or -1)
    const hi = bounds[g + 1]!; // kept index after (or old.length)
    const texts = groups[g]!;
    const dropped = old.slice(lo + 1, hi);
    if (dropped.length > 0) {
      const first = dropped[0]!;
      const last = dropped[dropped.length - 1]!;
      if (texts.length > 0) {
        edits.push(edit(first.range[0], last.range[1], texts.join(sep)));
      } else if (lo >= 0) {
        // Remove `, dropped...` after the kept argument before them.
        edits.push(edit(old[lo]!.range[1], last.range[1], ""));
      } else if (hi < old.length) {
        // Remove `dropped..., ` before the kept argument after them.
        edits.push(edit(first.range[0], old[hi]!.range[0], ""));
      } else {
        edits.push(edit(first.range[0], last.range[1], ""));
      }
    } else if (texts.length > 0) {
      if (lo >= 0) edits.push(edit(old[lo]!.range[1], old[lo]!.range[1], `${sep}${texts.join(sep)}`));
      else edits.push(edit(old[hi]!.range[0], old[hi]!.range[0], `${texts.join(sep)}${sep}`));
    }
  }
  return edits;
}

/** Indentation (spaces/tabs) of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return m ? m[0] : "";
}

/**
 * Remove one property of an object literal, with its comma, and its line when it stands alone on it
 * (comments on other lines are kept).
 */
export function removeProperty(text: string, obj: TSESTree.ObjectExpression, prop: Node): TextEdit {
  const props = obj.properties;
  const i = props.indexOf(prop as TSESTree.ObjectLiteralElement);
  let start = prop.range[0];
  let end = prop.range[1];
  // Swallow the comma after it (if any), else the comma before it.
  const after = /^\s*,/.exec(text.slice(end, obj.range[1]));
  if (after) end += after[0].length;
  else if (i > 0) start = props[i - 1]!.range[1];
  // Whole-line removal when the property sits alone on its line.
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const nl = text.indexOf("\n", end);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\r?\n?$/.test(text.slice(end, lineEnd)) && after) {
    return edit(lineStart, lineEnd, "");
  }
  if (after) {
    const ws = /^[ \t]*/.exec(text.slice(end))![0];
    end += ws.length;
  }
  return edit(start, end, "");
}

/**
 * Add `name: value` to an object literal as its first property (so no trailing-comma question arises),
 * on its own line when the object is written over several lines.
 */
export function addProperty(text: string, obj: TSESTree.ObjectExpression, propText: string): TextEdit {
  const open = obj.range[0] + 1;
  if (obj.properties.length === 0) return edit(open, obj.range[1] - 1, ` ${propText} `);
  const first = obj.properties[0]!;
  const between = text.slice(open, first.range[0]);
  if (between.includes("\n")) {
    const indent = indentAt(text, first.range[0]);
    return edit(first.range[0], first.range[0], `${propText},\n${indent}`);
  }
  return edit(first.range[0], first.range[0], `${propText}, `);
}

/**
 * The range [start, end) widened to its whole line(s) when nothing else stands on them, so that
 * removing a statement does not leave an empty line behind.
 */
export function withOwnLine(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const nl = text.indexOf("\n", end);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\r?\n?$/.test(text.slice(end, lineEnd))) return [lineStart, lineEnd];
  return [start, end];
}

/**
 * Remove a variable declarator: the whole statement (and its line, when alone on it) for a single
 * declarator, else the declarator with one adjacent comma. Leading comments stay.
 */
export function removeDeclarator(text: string, decl: TSESTree.VariableDeclaration, declarator: TSESTree.VariableDeclarator): TextEdit {
  if (decl.declarations.length > 1) {
    const i = (decl.declarations as readonly TSESTree.VariableDeclarator[]).indexOf(declarator);
    if (i < decl.declarations.length - 1) return edit(declarator.range[0], decl.declarations[i + 1]!.range[0], "");
    return edit(decl.declarations[i - 1]!.range[1], declarator.range[1], "");
  }
  const [start, ownEnd] = withOwnLine(text, decl.range[0], decl.range[1]);
  let end = ownEnd;
  if (start !== decl.range[0] || end !== decl.range[1]) {
    // Between two blank lines (or at the top of the file before one), drop one of them as well.
    const blankBefore = start === 0 || /\n[ \t]*\r?\n$/.test(text.slice(Math.max(0, start - 200), start));
    const next = /^[ \t]*\r?\n/.exec(text.slice(end));
    if (blankBefore && next) end += next[0].length;
  }
  return edit(start, end, "");
}

/** Sort edits by start and drop exact duplicates; undefined when two edits overlap. */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] | undefined {
  const seen = new Set<string>();
  const out: TextEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
    const key = `${e.range[0]}:${e.range[1]}:${e.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1]!;
    const cur = out[i]!;
    if (cur.range[0] < prev.range[1]) return undefined;
    // Two insertions at the same offset are ambiguous in order: refuse rather than guess.
    if (cur.range[0] === prev.range[0] && cur.range[0] === cur.range[1] && prev.range[0] === prev.range[1]) return undefined;
  }
  return out;
}

/** Apply non-overlapping edits to a text (the scanner's writer and the tests use this). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.range[1] > limit) throw new Error("applyEdits: overlapping edits");
    out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
    limit = e.range[0];
  }
  return out;
}
