/**
 * A structural reader for Bicep files, with source positions, for minimal text edits: top-level
 * `resource` declarations (symbol, type, api version, `existing`, condition, loop), `param` and
 * `var` declarations, and each resource body as objects, arrays, strings and opaque expressions.
 *
 * It understands what the edits need and nothing more: strings ('...' with `${}` interpolation,
 * '''...'''), comments, balanced brackets, newline- or comma-separated object and array members.
 * Anything it does not recognise makes `readBicep` return an error, and the file is left alone.
 */

export type BicepNode =
  | { readonly kind: "object"; readonly start: number; readonly end: number; readonly props: readonly BicepProp[] }
  | { readonly kind: "array"; readonly start: number; readonly end: number; readonly items: readonly BicepNode[] }
  /** `value` is set when the string has no interpolation. */
  | { readonly kind: "string"; readonly start: number; readonly end: number; readonly value?: string }
  | { readonly kind: "expr"; readonly start: number; readonly end: number; readonly text: string };

export interface BicepProp {
  readonly key: string;
  readonly keyStart: number;
  readonly value: BicepNode;
}

export interface BicepResource {
  readonly symbol: string;
  /** e.g. "Microsoft.Web/sites" (as written, case kept). */
  readonly type: string;
  readonly apiVersion: string;
  readonly existing: boolean;
  /** Declared with `[for ...]`: a collection, not one resource. */
  readonly loop: boolean;
  /** Offset of the `resource` keyword (or its first decorator) and end of the declaration. */
  readonly start: number;
  readonly end: number;
  /** The body object (undefined for loops). */
  readonly body?: Extract<BicepNode, { kind: "object" }>;
  /** Nested at top level (false: a child declared inside another resource's body). */
  readonly topLevel: boolean;
}

export interface BicepFile {
  readonly resources: readonly BicepResource[];
  /** param/var/resource/module/output/func/type names: every symbol in the file. */
  readonly symbols: ReadonlySet<string>;
  /** Literal values of params (default) and vars that are plain strings. */
  readonly literals: ReadonlyMap<string, string>;
  /** Param names (declared with `param`). */
  readonly params: ReadonlySet<string>;
}

class BicepSyntaxError extends Error {}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Read a Bicep file; `{ error }` when it is not something this reader understands. */
export function readBicep(text: string): BicepFile | { readonly error: string } {
  try {
    return new Reader(text).file();
  } catch (error) {
    if (error instanceof BicepSyntaxError) return { error: error.message };
    throw error;
  }
}

class Reader {
  private i = 0;
  private readonly resources: BicepResource[] = [];
  private readonly symbols = new Set<string>();
  private readonly literals = new Map<string, string>();
  private readonly params = new Set<string>();

  constructor(private readonly text: string) {}

  private fail(what: string): never {
    const line = this.text.slice(0, this.i).split("\n").length;
    throw new BicepSyntaxError(`${what} at line ${line}`);
  }

  /** Skip spaces, comments and (when `newlines`) line breaks. Returns whether a line break was crossed. */
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
      } else if (c === "/" && t[this.i + 1] === "/") {
        while (this.i < t.length && t[this.i] !== "\n") this.i++;
      } else if (c === "/" && t[this.i + 1] === "*") {
        const e = t.indexOf("*/", this.i + 2);
        if (e < 0) this.fail("unterminated comment");
        crossed ||= t.slice(this.i, e).includes("\n");
        if (crossed && !newlines) break;
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

  /** A string starting at this.i; returns its node. */
  private string(): Extract<BicepNode, { kind: "string" }> {
    const t = this.text;
    const start = this.i;
    if (t.startsWith("'''", this.i)) {
      const e = t.indexOf("'''", this.i + 3);
      if (e < 0) this.fail("unterminated multi-line string");
      this.i = e + 3;
      return { kind: "string", start, end: this.i, value: t.slice(start + 3, e).replace(/^\r?\n/, "") };
    }
    this.i++;
    let value = "";
    let plain = true;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === "\\") {
        const n = t[this.i + 1];
        value += n === "n" ? "\n" : n === "r" ? "\r" : n === "t" ? "\t" : n === "$" ? "$" : (n ?? "");
        this.i += 2;
      } else if (c === "'") {
        this.i++;
        return plain ? { kind: "string", start, end: this.i, value } : { kind: "string", start, end: this.i };
      } else if (c === "$" && t[this.i + 1] === "{") {
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

  /** Skip to the matching `close` (this.i is after the opener); strings and comments skipped. */
  private balanced(close: string): void {
    const t = this.text;
    const stack = [close];
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === "'") {
        this.string();
        continue;
      }
      if (c === "/" && (t[this.i + 1] === "/" || t[this.i + 1] === "*")) {
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

  /**
   * An expression up to the end of the line (or a `,`, `}` or `]` at depth 0): opaque text, or an
   * object / array / string node when that is all it is.
   */
  private value(): BicepNode {
    const t = this.text;
    const start = this.i;
    const c = t[this.i];
    let node: BicepNode | undefined;
    if (c === "{") node = this.object();
    else if (c === "[" && !/^\[\s*for\b/.test(t.slice(this.i, this.i + 40))) node = this.array();
    else if (c === "'") node = this.string();
    if (node) {
      const save = this.i;
      this.trivia(false);
      const n = t[this.i];
      if (n === undefined || n === "\n" || n === "," || n === "}" || n === "]") {
        this.i = save;
        return node;
      }
    }
    this.i = node ? this.i : start;
    while (this.i < t.length) {
      const ch = t[this.i]!;
      if (ch === "\n" || ch === "," || ch === "}" || ch === "]" || ch === ")") break;
      if (ch === "'") this.string();
      else if (ch === "/" && (t[this.i + 1] === "/" || t[this.i + 1] === "*")) {
        if (this.trivia(false)) break;
        if (t[this.i] === "\n") break;
      } else if (ch === "(" || ch === "[" || ch === "{") {
        this.i++;
        this.balanced(ch === "(" ? ")" : ch === "[" ? "]" : "}");
      } else this.i++;
    }
    let end = this.i;
    while (end > start && /[ \t\r]/.test(t[end - 1]!)) end--;
    if (end === start) this.fail("missing value");
    return { kind: "expr", start, end, text: t.slice(start, end) };
  }

  /** Skip separators (line breaks, commas) before the next member; true (and past it) at `close`. */
  private nextMember(close: "}" | "]"): boolean {
    const t = this.text;
    this.trivia(true);
    while (t[this.i] === ",") {
      this.i++;
      this.trivia(true);
    }
    if (t[this.i] === close) {
      this.i++;
      return true;
    }
    if (this.i >= t.length) this.fail(close === "}" ? "unterminated object" : "unterminated array");
    return false;
  }

  /** `if (...)` after `=` in a declaration, skipped. */
  private condition(): void {
    const t = this.text;
    if (!/^if\s*\(/.test(t.slice(this.i, this.i + 10))) return;
    this.i += 2;
    this.trivia(false);
    this.i++;
    this.balanced(")");
    this.trivia(true);
  }

  private object(): Extract<BicepNode, { kind: "object" }> {
    const t = this.text;
    const start = this.i;
    this.i++; // {
    const props: BicepProp[] = [];
    for (;;) {
      if (this.nextMember("}")) return { kind: "object", start, end: this.i, props };
      // A nested resource declaration (child resource) or a decorator inside a body.
      if (t[this.i] === "@") {
        this.i++;
        this.ident() ?? this.fail("bad decorator");
        if (t[this.i] === "(") {
          this.i++;
          this.balanced(")");
        }
        continue;
      }
      const keyStart = this.i;
      let key: string | undefined;
      if (t[this.i] === "'") {
        const s = this.string();
        // An interpolated key ('${id.id}') is kept as written.
        key = s.value ?? t.slice(s.start, s.end);
      } else key = this.ident();
      if (key === undefined) this.fail("expected a property name");
      this.trivia(false);
      if (t[this.i] !== ":" && key === "resource") {
        this.i = keyStart;
        this.declaration(false);
        continue;
      }
      if (t[this.i] !== ":") this.fail(`expected ':' after '${key}'`);
      this.i++;
      this.trivia(false);
      const value = this.value();
      props.push({ key, keyStart, value });
    }
  }

  private array(): Extract<BicepNode, { kind: "array" }> {
    const start = this.i;
    this.i++;
    const items: BicepNode[] = [];
    for (;;) {
      if (this.nextMember("]")) return { kind: "array", start, end: this.i, items };
      items.push(this.value());
    }
  }

  /** `resource sym 'type@api' [existing] = [if (...)] {...} | [for ...]`, this.i at `resource`. */
  private declaration(topLevel: boolean, declStart = this.i): void {
    const t = this.text;
    this.ident(); // resource
    this.trivia(false);
    const symbol = this.ident() ?? this.fail("expected a resource symbol");
    this.symbols.add(symbol);
    this.trivia(false);
    if (t[this.i] !== "'") this.fail("expected the resource type");
    const typeNode = this.string();
    if (typeNode.value === undefined) this.fail("interpolated resource type");
    const at = typeNode.value.lastIndexOf("@");
    const type = at >= 0 ? typeNode.value.slice(0, at) : typeNode.value;
    const apiVersion = at >= 0 ? typeNode.value.slice(at + 1) : "";
    this.trivia(false);
    let existing = false;
    if (t.startsWith("existing", this.i)) {
      existing = true;
      this.i += "existing".length;
      this.trivia(false);
    }
    if (t[this.i] !== "=") this.fail("expected '=' in a resource declaration");
    this.i++;
    this.trivia(false);
    this.condition();
    if (t[this.i] === "[") {
      this.i++;
      this.balanced("]");
      this.resources.push({ symbol, type, apiVersion, existing, loop: true, start: declStart, end: this.i, topLevel });
      return;
    }
    if (t[this.i] !== "{") this.fail("expected '{' in a resource declaration");
    const body = this.object();
    this.resources.push({ symbol, type, apiVersion, existing, loop: false, start: declStart, end: this.i, body, topLevel });
  }

  file(): BicepFile {
    const t = this.text;
    for (;;) {
      this.trivia(true);
      if (this.i >= t.length) break;
      const declStart = this.i;
      // Decorators before a declaration.
      while (t[this.i] === "@") {
        this.i++;
        this.ident() ?? this.fail("bad decorator");
        if (t[this.i] === ".") {
          this.i++;
          this.ident();
        }
        if (t[this.i] === "(") {
          this.i++;
          this.balanced(")");
        }
        this.trivia(true);
      }
      const kwStart = this.i;
      const kw = this.ident() ?? this.fail("expected a declaration");
      if (kw === "resource") {
        this.i = kwStart;
        this.declaration(true, declStart);
        continue;
      }
      this.trivia(false);
      if (kw === "import" || kw === "using" || kw === "extension" || kw === "provider") {
        this.restOfStatement();
        continue;
      }
      let name: string | undefined;
      if (kw !== "targetScope") {
        name = this.ident() ?? this.fail(`expected a name after '${kw}'`);
        this.symbols.add(name);
        this.trivia(false);
      }
      if (kw === "param") this.params.add(name!);
      if (kw === "module") {
        if (t[this.i] !== "'") this.fail("expected the module path");
        this.string();
        this.trivia(false);
      }
      if (kw === "param" || kw === "output") {
        // type: an identifier (maybe with a trailing [] or ?), a literal union, an object type...
        if (t[this.i] !== "=") {
          this.typeExpression();
          this.trivia(false);
        }
        if (kw === "param" && t[this.i] !== "=") continue; // no default
      }
      if (kw === "func") {
        this.restOfStatement();
        continue;
      }
      if (kw === "type") {
        if (t[this.i] !== "=") this.fail("expected '='");
        this.i++;
        this.trivia(false);
        this.typeExpression();
        continue;
      }
      if (!["param", "var", "output", "module", "targetScope", "metadata"].includes(kw)) this.fail(`unknown statement '${kw}'`);
      if (t[this.i] !== "=") this.fail(`expected '=' after ${kw}`);
      this.i++;
      this.trivia(false);
      this.condition();
      const v = this.value();
      if ((kw === "param" || kw === "var") && v.kind === "string" && v.value !== undefined) this.literals.set(name!, v.value);
    }
    return { resources: this.resources, symbols: this.symbols, literals: this.literals, params: this.params };
  }

  /** A type after a param/output name: skipped up to '=' or the end of the line. */
  private typeExpression(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === "\n" || c === "=") return;
      if (c === "'") this.string();
      else if (c === "{" || c === "(" || c === "[") {
        this.i++;
        this.balanced(c === "{" ? "}" : c === "(" ? ")" : "]");
      } else if (c === "/" && (t[this.i + 1] === "/" || t[this.i + 1] === "*")) {
        if (this.trivia(false) || t[this.i] === "\n") return;
      } else this.i++;
    }
  }

  private restOfStatement(): void {
    this.value();
  }
}

/** A property of an object node by key (case-insensitive, as Bicep property names are). */
export function prop(node: BicepNode | undefined, key: string): BicepProp | undefined {
  if (node?.kind !== "object") return undefined;
  const k = key.toLowerCase();
  return node.props.find((p) => p.key.toLowerCase() === k);
}

/** Follow a path of keys through nested objects. */
export function propPath(node: BicepNode | undefined, ...keys: string[]): BicepProp | undefined {
  let cur: BicepProp | undefined;
  let n = node;
  for (const k of keys) {
    cur = prop(n, k);
    if (!cur) return undefined;
    n = cur.value;
  }
  return cur;
}
