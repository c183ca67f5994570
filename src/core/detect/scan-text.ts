/**
 * The engine: text in, findings out.
 *
 * 1. One pass of a combined keyword prefilter over the whole text (all detectors' keywords).
 * 2. For each detector whose keyword occurred, its bounded windows around the hits are merged and
 *    searched by the detector (anchored patterns, linear in the window).
 * 3. Validators inside the detector decide; the engine then resolves overlaps (the most specific
 *    detector wins a span) and returns findings sorted by offset.
 */
import type { Candidate, Detector, Finding } from "../types.js";
import { keywordBit } from "./keyword-bits.js";

export interface ScanTextOptions {
  /** File path (any case, any separators); detectors may use its name. */
  readonly path?: string;
}

/**
 * The combined keyword prefilter: one Aho-Corasick automaton over every detector's keywords,
 * ASCII case folded, run as a table-driven DFA: one table lookup per character, no lower-casing,
 * no allocation; every occurrence of every keyword is reported, overlapping ones and keywords that
 * are prefixes or suffixes of others included. DFA transitions are filled in lazily (on first
 * use), so that building the automaton costs next to nothing at startup (a pre-commit run).
 */
export interface Prefilter {
  /** Keywords (lower case), by keyword id. */
  readonly keywords: readonly string[];
  /** Character code -> column (0: in no keyword). */
  readonly columns: Uint8Array;
  readonly width: number;
  /**
   * DFA transitions, indexed by state (premultiplied by width) + column: 0 not computed yet,
   * `next + 1` for a next state (premultiplied) where no keyword ends, `-next - 1` where some do.
   */
  readonly next: Int32Array;
  /** Fill in one transition of `next` and return it. */
  readonly resolve: (state: number, column: number) => number;
  /** Keyword ids ending in state s: ends[starts[s] .. starts[s + 1]). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

interface Compiled {
  readonly detectors: readonly Detector[];
  readonly prefilter: Prefilter;
  /** Keyword id -> detector indices. */
  readonly byKeyword: readonly (readonly number[])[];
  /** Keyword id -> the keyword's bit in each of those detectors (keyword-bits.ts), same order. */
  readonly bitsByKeyword: readonly (readonly number[])[];
  /**
   * Keyword id -> flat [detector, anchor, ...] for the detectors that have it as an anchor: the
   * occurrence is recorded in their `found` (DetectorInput), `anchor` indexing their `anchors`.
   */
  readonly recordFor: readonly (readonly number[])[];
  /** The keywords that open windows (the automaton also holds the anchors). */
  readonly keywords: readonly string[];
}

/**
 * How far past the end of its window a detector may read (a match that starts inside the window
 * and ends outside it, a connection string's later fields, look-ahead context). Slicing from 0 is
 * O(1) in V8 (a sliced string shares the parent's characters), and offsets stay absolute.
 */
export const LOOK_AHEAD = 2048;

/** Build the automaton. Keywords are matched case-insensitively (ASCII letters; other characters as is). */
export function buildPrefilter(keywords: readonly string[]): Prefilter {
  const columns = new Uint8Array(65536);
  let width = 1;
  let chars = 0;
  for (const k of keywords) {
    chars += k.length;
    for (let i = 0; i < k.length; i++) {
      const code = k.charCodeAt(i);
      if (columns[code] !== 0) continue;
      if (width === 255) throw new Error("prefilter: too many distinct keyword characters");
      const col = width++;
      const ch = String.fromCharCode(code);
      // Both cases share a column (as a case-insensitive regex would, without crossing ASCII).
      for (const v of [ch, ch.toLowerCase(), ch.toUpperCase()]) {
        const c = v.length === 1 ? v.charCodeAt(0) : -1;
        if (c >= 0 && columns[c] === 0 && (c < 128) === (code < 128)) columns[c] = col;
      }
    }
  }
  // The trie: goto[state * width + column] = child or -1; children also as linked lists.
  const capacity = chars + 1;
  // Int16: fewer pages to fault in and fill at startup (states < 32768: checked below).
  if (capacity > 32767) throw new Error("prefilter: too many keyword characters");
  const goto = new Int16Array(capacity * width).fill(-1);
  const firstChild = new Int32Array(capacity).fill(-1);
  const sibling = new Int32Array(capacity).fill(-1);
  /** The column of the edge into each state. */
  const columnOf = new Uint8Array(capacity);
  const own: number[][] = [];
  let states = 1;
  keywords.forEach((k, id) => {
    if (k.length === 0) return;
    let state = 0;
    for (let i = 0; i < k.length; i++) {
      const at = state * width + columns[k.charCodeAt(i)]!;
      let child = goto[at]!;
      if (child < 0) {
        child = states++;
        goto[at] = child;
        columnOf[child] = columns[k.charCodeAt(i)]!;
        sibling[child] = firstChild[state]!;
        firstChild[state] = child;
      }
      state = child;
    }
    (own[state] ??= []).push(id);
  });
  // Failure links and output sets, breadth first.
  const fail = new Int32Array(states);
  const out: Array<readonly number[] | undefined> = new Array(states);
  out[0] = own[0];
  const step = (from: number, col: number): number => {
    let s = from;
    while (s > 0 && goto[s * width + col]! < 0) s = fail[s]!;
    const t = goto[s * width + col]!;
    return t < 0 ? 0 : t;
  };
  const queue = new Int32Array(states);
  let tail = 0;
  for (let c = firstChild[0]!; c >= 0; c = sibling[c]!) queue[tail++] = c;
  for (let head = 0; head < tail; head++) {
    const s = queue[head]!;
    const inherited = out[fail[s]!];
    const mine = own[s];
    out[s] = mine && inherited ? [...mine, ...inherited] : (mine ?? inherited);
    for (let c = firstChild[s]!; c >= 0; c = sibling[c]!) {
      fail[c] = step(fail[s]!, columnOf[c]!);
      queue[tail++] = c;
    }
  }
  const starts = new Int32Array(states + 1);
  for (let s = 0; s < states; s++) starts[s + 1] = starts[s]! + (out[s]?.length ?? 0);
  const ends = new Int32Array(starts[states]!);
  for (let s = 0; s < states; s++) if (out[s]) ends.set(out[s]!, starts[s]!);
  const next = new Int32Array(states * width);
  const resolve = (state: number, col: number): number => {
    const target = step(state / width, col);
    const v = starts[target + 1]! > starts[target]! ? -(target * width) - 1 : target * width + 1;
    next[state + col] = v;
    return v;
  };
  for (let col = 0; col < width; col++) resolve(0, col);
  return { keywords, columns, width, next, resolve, starts, ends };
}

/**
 * Every keyword occurrence in `text`: `onHit(keywordId, start)` in order of the occurrences' ends
 * (at the same end, longer keywords first).
 */
export function findKeywords(prefilter: Prefilter, text: string, onHit: (keyword: number, start: number) => void): void {
  const { columns, next, resolve, starts, ends, keywords, width } = prefilter;
  const length = text.length;
  let state = 0;
  for (let i = 0; i < length; i++) {
    const col = columns[text.charCodeAt(i)]!;
    let t = next[state + col]!;
    if (t === 0) t = resolve(state, col);
    if (t > 0) {
      state = t - 1;
      continue;
    }
    state = -t - 1;
    const s = state / width;
    for (let j = starts[s]!, e = starts[s + 1]!; j < e; j++) {
      const id = ends[j]!;
      onHit(id, i + 1 - keywords[id]!.length);
    }
  }
}

/** Compile a detector set once: the prefilter automaton and the keyword -> detectors map. */
export function compileDetectors(detectors: readonly Detector[]): Compiled {
  const ids = new Map<string, number>();
  const byKeyword: number[][] = [];
  const bitsByKeyword: number[][] = [];
  const recordFor: number[][] = [];
  const idOf = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = byKeyword.length));
      byKeyword.push([]);
      bitsByKeyword.push([]);
      recordFor.push([]);
    }
    return id;
  };
  detectors.forEach((d, i) => {
    const lower = d.keywords.map((k) => k.toLowerCase());
    lower.forEach((key) => {
      if (key.length === 0) return;
      const id = idOf(key);
      // A keyword listed twice (in two cases) keeps its first index: keywordBits looks it up so.
      if (!byKeyword[id]!.includes(i)) {
        byKeyword[id]!.push(i);
        bitsByKeyword[id]!.push(keywordBit(lower.indexOf(key)));
      }
    });
    if (d.anchors === undefined) return;
    const words = d.anchors.map((a) => a.toLowerCase());
    words.forEach((word, index) => {
      if (word.length === 0 || words.indexOf(word) !== index) return;
      recordFor[idOf(word)]!.push(i, index);
    });
  });
  const keywords = [...ids.keys()];
  return { detectors, prefilter: buildPrefilter(keywords), byKeyword, bitsByKeyword, recordFor, keywords: keywords.filter((_, id) => byKeyword[id]!.length > 0) };
}

/**
 * Windows per detector (indexed like `detectors`), merged into disjoint ranges in increasing
 * order, as flat triples [from, to, hits, ...]: `hits` holds the bits (keyword-bits.ts) of the
 * detector's keywords that occur in the window. A keyword that occurs thousands of times still
 * yields windows whose total size is bounded by the text length times a small constant.
 */
function collectWindows(text: string, compiled: Compiled, found: Array<number[] | undefined>, keywordEnds?: number[]): Array<number[] | undefined> {
  const windows: Array<number[] | undefined> = new Array(compiled.detectors.length);
  const { detectors, byKeyword, bitsByKeyword, recordFor, prefilter } = compiled;
  const length = text.length;
  findKeywords(prefilter, text, (id, at) => {
    const record = recordFor[id]!;
    for (let k = 0; k < record.length; k += 2) {
      const list = (found[record[k]!] ??= []);
      // Kept in order of start (hits arrive by end: a longer keyword may start before the last one).
      let n = list.length;
      list.push(0, 0);
      while (n > 0 && list[n - 1]! > at) {
        list[n] = list[n - 2]!;
        list[n + 1] = list[n - 1]!;
        n -= 2;
      }
      list[n] = record[k + 1]!;
      list[n + 1] = at;
    }
    const owners = byKeyword[id]!;
    if (owners.length === 0) return;
    const kwLength = prefilter.keywords[id]!.length;
    // Only a keyword right before `=` (`AccountKey=`, `Password=`: a field of a connection string);
    // short keywords (`pat`, `iot`) occur in ordinary words (`path`): they would mark everything.
    if (keywordEnds && text.charCodeAt(at + kwLength) === 61 && kwLength >= MIN_MARKING_KEYWORD && keywordEnds[keywordEnds.length - 1] !== at + kwLength)
      keywordEnds.push(at + kwLength);
    const bits = bitsByKeyword[id]!;
    for (let k = 0; k < owners.length; k++) {
      const di = owners[k]!;
      const w = detectors[di]!.window;
      let from = Math.max(0, at - w.before);
      const to = Math.min(length, at + kwLength + w.after);
      let hits = bits[k]!;
      const list = windows[di];
      if (list === undefined) {
        windows[di] = [from, to, hits];
        continue;
      }
      // Hits arrive by end offset, so window ends never decrease, but a start may lie before the
      // last windows' (a longer keyword): merge every window the new one overlaps.
      const n = list.length;
      if (from > list[n - 2]!) {
        list.push(from, to, hits);
        continue;
      }
      let m = n - 3;
      if (list[m]! < from) from = list[m]!;
      hits |= list[m + 2]!;
      while (m > 0 && from <= list[m - 2]!) {
        m -= 3;
        if (list[m]! < from) from = list[m]!;
        hits |= list[m + 2]!;
      }
      // Setting the length is a runtime call: only when windows were merged away (rare).
      if (m !== n - 3) list.length = m + 3;
      list[m] = from;
      list[m + 1] = to;
      list[m + 2] = hits;
    }
  });
  return windows;
}

/** Scan one text with a compiled detector set. */
export type CompiledDetectors = Compiled;

/** Keywords shorter than this are not reported in `keywordEnds`. */
const MIN_MARKING_KEYWORD = 5;

/**
 * `keywordEnds`, when given, receives the end offset of every occurrence of a keyword of at least
 * MIN_MARKING_KEYWORD characters directly followed by `=` (a connection-string field name), in
 * increasing order (the engine resolves constants only where one holds such a field).
 */
export function scanWith(compiled: Compiled, text: string, options: ScanTextOptions = {}, keywordEnds?: number[]): Finding[] {
  const path = (options.path ?? "").replace(/\\/g, "/").toLowerCase();
  const raw: Array<Finding & { priority: number }> = [];
  const found: Array<number[] | undefined> = new Array(compiled.detectors.length);
  const windows = collectWindows(text, compiled, found, keywordEnds);
  // Detectors in registry order (deterministic ties in resolveOverlaps).
  for (let di = 0; di < windows.length; di++) {
    const list = windows[di];
    if (list === undefined) continue;
    const d = compiled.detectors[di]!;
    const occurrences = d.anchors === undefined ? undefined : (found[di] ?? []);
    let seen: Set<string> | undefined;
    for (let w = 0; w < list.length; w += 3) {
      const from = list[w]!;
      const to = list[w + 1]!;
      const hits = list[w + 2]!;
      // The detector sees the text up to a margin past its window: a regex run from `from` then
      // stops there instead of searching the rest of the file for every window (quadratic).
      const end = to + LOOK_AHEAD;
      const view = end >= text.length ? text : text.slice(0, end);
      // One object shape for every detector and window (`found` undefined without anchors), so
      // that the call sites and the detectors' reads of it stay monomorphic.
      const candidates: Candidate[] = d.find({ text: view, from, to, path, hits, found: occurrences });
      if (candidates.length > 0) seen = addCandidates(d, candidates, text, raw, seen);
    }
  }
  return raw.length === 0 ? [] : resolveOverlaps(raw);
}

/**
 * A window's candidates as findings (once per span and detector). Rare (most windows have none):
 * a function of its own, so that the scan loop's optimized code has no paths it has never run.
 */
function addCandidates(d: Detector, candidates: readonly Candidate[], text: string, raw: Array<Finding & { priority: number }>, seen = new Set<string>()): Set<string> {
  for (const c of candidates) {
    const key = `${c.start}:${c.end}`;
    if (seen.has(key) || c.end <= c.start) continue;
    seen.add(key);
    raw.push(toFinding(d, c, text));
  }
  return seen;
}

function toFinding(d: Detector, c: Candidate, text: string): Finding & { priority: number } {
  const finding: Finding & { priority: number } = {
    ruleId: d.id,
    service: c.service ?? d.service,
    severity: c.severity ?? d.severity,
    start: c.start,
    end: c.end,
    secret: text.slice(c.start, c.end),
    fields: Object.freeze({ ...(c.fields ?? {}) }),
    priority: d.priority,
    ...(c.note !== undefined ? { note: c.note } : {}),
    ...(c.container !== undefined ? { container: { ...c.container } } : {}),
  };
  return finding;
}

/** Keep one finding per overlapping span: higher priority, then higher severity, then longer. */
function resolveOverlaps(raw: Array<Finding & { priority: number }>): Finding[] {
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Array<Finding & { priority: number }> = [];
  const sev = { error: 2, warning: 1, info: 0 } as const;
  const better = (a: Finding & { priority: number }, b: Finding & { priority: number }): boolean =>
    a.priority !== b.priority
      ? a.priority > b.priority
      : a.severity !== b.severity
        ? sev[a.severity] > sev[b.severity]
        : a.end - a.start > b.end - b.start;
  for (const f of raw) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) {
      if (better(f, last)) kept[kept.length - 1] = f;
      continue;
    }
    kept.push(f);
  }
  return kept.map(({ priority: _p, ...f }) => f);
}
