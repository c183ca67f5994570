/**
 * A structural reader for Terraform (HCL native syntax) with source positions, for minimal text
 * edits: blocks (type, labels, body), attributes (name and the expression's extent), nested
 * blocks, and object-constructor expressions (`app_settings = { ... }`) as entries.
 *
 * Expressions are opaque text with balanced brackets; strings ("..." with `${}` / `%{}`
 * templates), heredocs (`<<EOF`, `<<-EOF`) and comments (#, //, /* *\/) are skipped correctly.
 * Anything it does not recognise makes `readHcl` return an error, and the file is left alone. The
 * test suite checks this reader against HashiCorp's own parser (@cdktf/hcl2json) on every fixture.
 */

export interface HclAttribute {
  readonly kind: "attribute";
  readonly name: string;
  /** Offset of the name. */
  readonly start: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly value: string;
}

export interface HclBlock {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly start: number;
  /** Offset just after `{` and of the closing `}`. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly end: number;
  readonly items: readonly (HclAttribute | HclBlock)[];
}

export interface HclFile {
  readonly blocks: readonly HclBlock[];
}

export interface HclObjectEntry {
  /** The key as written, unquoted when it was a plain string or identifier. */
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

class HclSyntaxError extends Error {}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

export function readHcl(text: string): HclFile | { readonly error: string } {
  try {
    const r = new HclReader(text);
    const items = r.body(true);
    const blocks: HclBlock[] = [];
    for (const it of items) if (it.kind === "block") blocks.push(it);
    return { blocks };
  } catch (error) {
    if (error instanceof HclSyntaxError) return { error: error.message };
    throw error;
  }
}

/** Entries of an object constructor `{ k = v, ... }` starting at `start` in `text`. */
export function readHclObject(text: string, start: number, end: number): HclObjectEntry[] | undefined {
  try {
    return new HclReader(text.slice(0, end), start).object();
  } catch (error) {
    if (error instanceof HclSyntaxError) return undefined;
    throw error;
  }
}

class HclReader {
  constructor(
    private readonly text: string,
    private i = 0,
  ) {}

  private fail(what: string): never {
    const line = this.text.slice(0, this.i).split("\n").length;
    throw new HclSyntaxError(`${what} at line ${line}`);
  }

  /** Skip spaces and comments; line breaks too when `newlines`. Returns whether one was crossed. */
  private trivia(newlines: boolean): boolean {
    const t = this.text;
    let crossed = false;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === " " || c === "\t" || c === "\r") this.i++;
      else if (c === "\n") {
        if (!newlines) break;
        crossed = true;
        this.i++;
      } else if (c === "#" || (c === "/" && t[this.i + 1] === "/")) {
        while (this.i < t.length && t[this.i] !== "\n") this.i++;
      } else if (c === "/" && t[this.i + 1] === "*") {
        const e = t.indexOf("*/", this.i + 2);
        if (e < 0) this.fail("unterminated comment");
        this.i = e + 2;
      } else break;
    }
    return crossed;
  }

  private ident(): string | undefined {
    IDENT.lastIndex = this.i;
    const m = IDENT.exec(this.text);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  /** A quoted template string at this.i; returns its literal value when it has no template. */
  private string(): string | undefined {
    const t = this.text;
    this.i++;
    let value = "";
    let plain = true;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === "\\") {
        const n = t[this.i + 1] ?? "";
        value += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n;
        this.i += 2;
      } else if (c === '"') {
        this.i++;
        return plain ? value : undefined;
      } else if ((c === "$" || c === "%") && t[this.i + 1] === "{") {
        if (t[this.i - 1] === c && t[this.i - 2] !== c) {
          // $${ and %%{ are escapes
          value += "{";
          this.i += 2;
          continue;
        }
        plain = false;
        this.i += 2;
        this.balanced("}");
      } else if (c === "\n") this.fail("line break in a string");
      else {
        value += c;
        this.i++;
      }
    }
    this.fail("unterminated string");
  }

  private heredoc(): void {
    const t = this.text;
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(t.slice(this.i, this.i + 200));
    if (!m) this.fail("bad heredoc");
    const marker = m[1]!;
    this.i += m[0].length;
    for (;;) {
      const eol = t.indexOf("\n", this.i);
      const line = t.slice(this.i, eol < 0 ? t.length : eol).replace(/\r$/, "");
      if (line.trim() === marker) {
        this.i = this.i + line.length;
        return;
      }
      if (eol < 0) this.fail("unterminated heredoc");
      this.i = eol + 1;
    }
  }

  private balanced(close: string): void {
    const t = this.text;
    const stack = [close];
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === "<" && t[this.i + 1] === "<" && /^<<-?[A-Za-z_]/.test(t.slice(this.i, this.i + 4))) {
        this.heredoc();
        continue;
      }
      if (c === "#" || (c === "/" && (t[this.i + 1] === "/" || t[this.i + 1] === "*"))) {
        this.trivia(true);
        continue;
      }
      this.i++;
      if (c === "(") stack.push(")");
      else if (c === "[") stack.push("]");
      else if (c === "{") stack.push("}");
      else if (c === ")" || c === "]" || c === "}") {
        if (stack.pop() !== c) this.fail(`unbalanced '${c}'`);
        if (stack.length === 0) return;
      }
    }
    this.fail(`missing '${close}'`);
  }

  /** An expression up to the end of the line (or `,` / closing bracket at depth 0). */
  private expression(): [number, number] {
    const t = this.text;
    const start = this.i;
    let end = start;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === "\n" || c === "," || c === "}" || c === ")" || c === "]") break;
      if (c === '"') this.string();
      else if (c === "<" && t[this.i + 1] === "<" && /^<<-?[A-Za-z_]/.test(t.slice(this.i, this.i + 4))) this.heredoc();
      else if (c === "#" || (c === "/" && (t[this.i + 1] === "/" || t[this.i + 1] === "*"))) {
        this.trivia(false);
        continue;
      } else if (c === "(" || c === "[" || c === "{") {
        this.i++;
        this.balanced(c === "(" ? ")" : c === "[" ? "]" : "}");
      } else if (c === " " || c === "\t" || c === "\r") {
        this.i++;
        continue;
      } else if ("'`;@\\$^~".includes(c)) this.fail(`invalid character '${c}'`);
      else this.i++;
      end = this.i;
    }
    if (end === start) this.fail("missing expression");
    return [start, end];
  }

  /** Items of a body up to `}` (or the end of the file at top level). */
  body(top: boolean): Array<HclAttribute | HclBlock> {
    const t = this.text;
    const items: Array<HclAttribute | HclBlock> = [];
    for (;;) {
      this.trivia(true);
      if (this.i >= t.length) {
        if (top) return items;
        this.fail("missing '}'");
      }
      if (t[this.i] === "}") {
        if (top) this.fail("unexpected '}'");
        return items;
      }
      const start = this.i;
      const name = this.ident() ?? this.fail("expected an attribute or a block");
      this.trivia(false);
      if (t[this.i] === "=" && t[this.i + 1] !== "=") {
        this.i++;
        this.trivia(false);
        const [vs, ve] = this.expression();
        items.push({ kind: "attribute", name, start, valueStart: vs, valueEnd: ve, value: t.slice(vs, ve) });
        this.endOfItem();
        continue;
      }
      const labels: string[] = [];
      while (t[this.i] !== "{") {
        if (t[this.i] === '"') {
          const l = this.string();
          if (l === undefined) this.fail("template in a block label");
          labels.push(l);
        } else labels.push(this.ident() ?? this.fail(`expected '{' after ${name}`));
        this.trivia(false);
      }
      this.i++;
      const bodyStart = this.i;
      const inner = this.body(false);
      const bodyEnd = this.i;
      this.i++;
      items.push({ kind: "block", type: name, labels, start, bodyStart, bodyEnd, end: this.i, items: inner });
      this.endOfItem();
    }
  }

  /** After an item: a line break, a closing `}` (one-line blocks) or the end of the file. */
  private endOfItem(): void {
    this.trivia(false);
    const c = this.text[this.i];
    if (c !== undefined && c !== "\n" && c !== "}") this.fail("expected a line break");
  }

  object(): HclObjectEntry[] {
    const t = this.text;
    if (t[this.i] !== "{") this.fail("expected '{'");
    this.i++;
    const out: HclObjectEntry[] = [];
    for (;;) {
      this.trivia(true);
      while (t[this.i] === ",") {
        this.i++;
        this.trivia(true);
      }
      if (t[this.i] === "}") return out;
      if (this.i >= t.length) this.fail("unterminated object");
      const keyStart = this.i;
      let key: string;
      if (t[this.i] === '"') key = this.string() ?? this.fail("template object key");
      else if (t[this.i] === "(") {
        this.i++;
        this.balanced(")");
        key = t.slice(keyStart, this.i);
      } else key = this.ident() ?? this.fail("expected an object key");
      const keyEnd = this.i;
      this.trivia(false);
      if (t[this.i] !== "=" && t[this.i] !== ":") this.fail("expected '=' or ':'");
      this.i++;
      this.trivia(false);
      const [vs, ve] = this.expression();
      out.push({ key, keyStart, keyEnd, valueStart: vs, valueEnd: ve });
    }
  }
}

/** Attribute of a block by name. */
export const attr = (b: HclBlock, name: string): HclAttribute | undefined => b.items.find((x): x is HclAttribute => x.kind === "attribute" && x.name === name);
/** Nested blocks of a type. */
export const blocks = (b: HclBlock, type: string): HclBlock[] => b.items.filter((x): x is HclBlock => x.kind === "block" && x.type === type);
