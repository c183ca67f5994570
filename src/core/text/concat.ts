/**
 * Secrets split over string concatenation: `"DefaultEndpointsProtocol=https;AccountKey=abc" +
 * "def=="`. Finds chains of two or more quoted literals joined by `+` (JS/TS, C#, Java, Python,
 * PowerShell `+`) and exposes the joined value with a map back to file offsets.
 *
 * The literal pattern has disjoint alternatives (`[^"\\\n]` vs `\\.`), so it runs in linear time.
 */

export interface Piece {
  /** Offset in the file of the first character inside the quotes. */
  readonly start: number;
  /** Raw text between the quotes (escape sequences kept as written). */
  readonly value: string;
}

export interface Chain {
  readonly pieces: readonly Piece[];
  readonly joined: string;
  /** Offset in `joined` where each piece starts. */
  readonly starts: readonly number[];
}

const LITERAL = String.raw`(?:"(?:[^"\\\n]|\\.){0,4096}"|'(?:[^'\\\n]|\\.){0,4096}'|\x60(?:[^\x60\\$]|\\.|\$(?!\{)){0,4096}\x60)`;
const CHAIN = new RegExp(`${LITERAL}(?:[ \\t]*(?:\\r?\\n[ \\t]*)?\\+[ \\t]*(?:\\r?\\n[ \\t]*)?${LITERAL})+`, "g");
const ONE = new RegExp(LITERAL, "g");

/**
 * Cheap test: is there anything that looks like `"... " +` at all? The same answer as
 * `/["'\x60][ \t]*(?:\r?\n[ \t]*)?\+/.test(text)`, found from each `+` (indexOf, far faster than
 * the regex, which tries every quote) by looking back over blanks and at most one line break.
 */
export function mayHaveChains(text: string): boolean {
  for (let plus = text.indexOf("+"); plus !== -1; plus = text.indexOf("+", plus + 1)) {
    let i = skipBlanksBack(text, plus - 1);
    if (i >= 0 && text.charCodeAt(i) === 10) {
      i--;
      if (i >= 0 && text.charCodeAt(i) === 13) i--;
      i = skipBlanksBack(text, i);
    }
    if (i >= 0) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 39 || c === 96) return true;
    }
  }
  return false;
}

/** The index of the last character at or before `i` that is not a space or tab (-1: none). */
function skipBlanksBack(text: string, i: number): number {
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i--;
  }
  return i;
}

export function findChains(text: string): Chain[] {
  const chains: Chain[] = [];
  CHAIN.lastIndex = 0;
  for (let m = CHAIN.exec(text); m !== null; m = CHAIN.exec(text)) {
    const pieces: Piece[] = [];
    ONE.lastIndex = 0;
    for (let p = ONE.exec(m[0]); p !== null; p = ONE.exec(m[0])) {
      pieces.push({ start: m.index + p.index + 1, value: p[0].slice(1, -1) });
    }
    if (pieces.length < 2) continue;
    const starts: number[] = [];
    let joined = "";
    for (const p of pieces) {
      starts.push(joined.length);
      joined += p.value;
    }
    chains.push({ pieces, joined, starts });
  }
  return chains;
}

/** Map an offset in `chain.joined` to a file offset. `end` offsets map to the end of a piece. */
export function toFileOffset(chain: Chain, offset: number, isEnd = false): number {
  let i = chain.starts.length - 1;
  while (i > 0 && (isEnd ? chain.starts[i]! >= offset : chain.starts[i]! > offset)) i--;
  return chain.pieces[i]!.start + (offset - chain.starts[i]!);
}

/** Index of the piece holding joined offset `offset`. */
export function pieceAt(chain: Chain, offset: number): number {
  let i = chain.starts.length - 1;
  while (i > 0 && chain.starts[i]! > offset) i--;
  return i;
}
