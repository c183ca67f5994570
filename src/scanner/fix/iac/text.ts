/** Small text helpers shared by the Bicep, Terraform and ARM edits. */
import type { TextEdit } from "../../../core/types.js";

export interface IacChange {
  readonly file: string;
  readonly kind: "identity" | "role-assignment" | "local-auth" | "app-setting";
  /** The resource changed (or granted on). */
  readonly resource: string;
  /** One line for people: what is added or changed. */
  readonly detail: string;
  /** proposed: the edit is in the diff; present: the file already has it (nothing to do). */
  readonly status: "proposed" | "present";
  readonly role?: string;
  readonly roleId?: string;
}

export const eolOf = (text: string): string => (/\r\n/.test(text) ? "\r\n" : "\n");

/** Leading white space of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const ls = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

/** Offset of the start of the line holding `offset`. */
export const lineStart = (text: string, offset: number): number => text.lastIndexOf("\n", offset - 1) + 1;

/** Whether only white space precedes `offset` on its line. */
export const startsLine = (text: string, offset: number): boolean => /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));

/** The file's indentation unit (the smallest indentation of an indented line), default two spaces. */
export function indentUnitOf(text: string): string {
  let best: string | undefined;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) if (best === undefined || m[1]!.length < best.length) best = m[1]!;
  return best ?? "  ";
}

/** Text to append a block at the end of a file: one blank line before, a line break after. */
export function appendBlock(text: string, block: string, eol: string): TextEdit {
  const trimmed = text.replace(/[ \t\r\n]*$/, "");
  return { range: [trimmed.length, text.length], text: `${trimmed.length > 0 ? `${eol}${eol}` : ""}${block}${eol}` };
}

/** A lowerCamel / snake identifier piece from a role name: "Storage Blob Data Contributor" -> "StorageBlobDataContributor". */
export const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");

export const snake = (s: string): string =>
  s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .join("_")
    .toLowerCase();

/** `base`, or `base2`, `base3`... whichever is not taken. */
export function unique(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}${n}`)) return `${base}${n}`;
}
