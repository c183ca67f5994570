/**
 * A minimal ESLint language for plain-text config files (.env, YAML, XML, Bicep, Terraform, shell,
 * Dockerfile...). The whole file is one `Document` node holding the text; rules such as
 * no-hardcoded-credentials scan `sourceCode.text` and report by offsets.
 *
 * Implements ESLint's languages API (ESLint >= 9.7): `languages: { text: textLanguage }` in the
 * plugin and `language: "azure-msi/text"` in a config object.
 */

/** Line/column as ESLint's text languages use them: lines 1-based, columns 0-based. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

/** The root (and only) node of a text file. */
export interface TextDocument {
  type: "Document";
  range: [number, number];
  loc: SourceLocation;
}

export interface TextFile {
  path: string;
  physicalPath?: string;
  bom?: boolean;
  body: string | Uint8Array;
}

interface VisitStep {
  kind: 1;
  target: TextDocument;
  phase: 1 | 2;
  args: [TextDocument, TextDocument | undefined];
}

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** The source code object of a text file: text, lines, and offset <-> location conversion. */
export class TextSourceCode {
  readonly text: string;
  readonly ast: TextDocument;
  readonly lines: string[];
  readonly visitorKeys: Record<string, string[]> = { Document: [] };
  /** Offset of the first character of each line. */
  readonly #lineStarts: number[];

  constructor({ text, ast }: { text: string; ast: TextDocument }) {
    this.text = text;
    this.ast = ast;
    this.#lineStarts = lineStarts(text);
    this.lines = this.#lineStarts.map((start, i) => {
      const next = this.#lineStarts[i + 1];
      const end = next === undefined ? text.length : next;
      return text.slice(start, end).replace(/(?:\r\n|[\r\n\u2028\u2029])$/, "");
    });
  }

  getLoc(node: { loc: SourceLocation }): SourceLocation {
    return node.loc;
  }

  getRange(node: { range: [number, number] }): [number, number] {
    return node.range;
  }

  getText(node?: { range: [number, number] }, before = 0, after = 0): string {
    if (!node) return this.text;
    return this.text.slice(Math.max(0, node.range[0] - before), node.range[1] + after);
  }

  getLocFromIndex(index: number): Position {
    if (!Number.isInteger(index) || index < 0 || index > this.text.length) {
      throw new RangeError(`Index out of range (requested index ${index}, text length ${this.text.length}).`);
    }
    const starts = this.#lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - starts[lo]! };
  }

  getIndexFromLoc(loc: Position): number {
    const start = this.#lineStarts[loc.line - 1];
    if (start === undefined || loc.column < 0) throw new RangeError(`Line ${loc.line} is out of range.`);
    const next = this.#lineStarts[loc.line];
    const end = next === undefined ? this.text.length : next;
    if (start + loc.column > end) throw new RangeError(`Column ${loc.column} is out of range on line ${loc.line}.`);
    return start + loc.column;
  }

  getParent(): undefined {
    return undefined;
  }

  getAncestors(): TextDocument[] {
    return [];
  }

  /** One node: enter and leave the document. */
  traverse(): VisitStep[] {
    return [
      { kind: 1, target: this.ast, phase: 1, args: [this.ast, undefined] },
      { kind: 1, target: this.ast, phase: 2, args: [this.ast, undefined] },
    ];
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m !== null; m = LINE_BREAK.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function toText(body: string | Uint8Array): string {
  return typeof body === "string" ? body : new TextDecoder().decode(body);
}

/** The language object (ESLint's `Language` interface). */
export const textLanguage = {
  fileType: "text" as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: "type",
  visitorKeys: { Document: [] } as Record<string, string[]>,
  defaultLanguageOptions: {},

  validateLanguageOptions(options: Record<string, unknown>): void {
    const keys = Object.keys(options ?? {});
    if (keys.length > 0) throw new TypeError(`azure-msi/text takes no language options (got: ${keys.join(", ")}).`);
  },

  parse(file: TextFile): { ok: true; ast: TextDocument } {
    const text = toText(file.body);
    const starts = lineStarts(text);
    const lastStart = starts[starts.length - 1]!;
    const ast: TextDocument = {
      type: "Document",
      range: [0, text.length],
      loc: { start: { line: 1, column: 0 }, end: { line: starts.length, column: text.length - lastStart } },
    };
    return { ok: true, ast };
  },

  createSourceCode(file: TextFile, result: { ast: TextDocument }): TextSourceCode {
    return new TextSourceCode({ text: toText(file.body), ast: result.ast });
  },
};
