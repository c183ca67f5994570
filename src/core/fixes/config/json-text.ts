/**
 * A JSON reader that keeps source positions, for textual edits of JSON files (local.settings.json,
 * package.json): the caller validates with JSON.parse first; this walks the same text and records
 * where every member's key and value start and end, so edits keep the file's formatting.
 */

export interface JsonMember {
  readonly key: string;
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly value: JsonNode;
}

export type JsonNode =
  | { readonly kind: "object"; readonly start: number; readonly end: number; readonly members: readonly JsonMember[] }
  | { readonly kind: "array"; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: "string"; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: "other"; readonly start: number; readonly end: number };

/** Parse `text` (valid JSON, optional BOM-free) with positions; undefined when it is not valid JSON. */
export function parseJsonText(text: string): JsonNode | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): { value: string; start: number; end: number } => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return { value: JSON.parse(text.slice(start, i)) as string, start, end: i };
  };
  const value = (): JsonNode => {
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const members: JsonMember[] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { kind: "object", start, end: i, members };
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        i++; // :
        ws();
        const v = value();
        members.push({ key: k.value, keyStart: k.start, valueStart: v.start, valueEnd: v.end, value: v });
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        i++; // }
        return { kind: "object", start, end: i, members };
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { kind: "array", start, end: i, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        i++;
        return { kind: "array", start, end: i, items };
      }
    }
    if (c === '"') {
      const s = str();
      return { kind: "string", start: s.start, end: s.end, value: s.value };
    }
    while (i < text.length && /[^\s,\]}]/.test(text[i]!)) i++;
    return { kind: "other", start, end: i };
  };
  return value();
}

export const member = (node: JsonNode | undefined, key: string): JsonMember | undefined =>
  node?.kind === "object" ? node.members.find((m) => m.key === key) : undefined;

/** The whitespace before `offset` on its line (the indentation of what starts there). */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return m ? m[0] : "";
}

/** The line break that ends the line containing `offset` (the file's first one otherwise; "\n" by default). */
export function eolAt(text: string, offset: number): string {
  const nl = text.indexOf("\n", offset);
  if (nl > 0) return text[nl - 1] === "\r" ? "\r\n" : "\n";
  const first = text.indexOf("\n");
  return first > 0 && text[first - 1] === "\r" ? "\r\n" : "\n";
}

/** The indentation unit of a JSON text: that of its first indented line ("  " by default). */
export function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : "  ";
}
