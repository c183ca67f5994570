/**
 * The engine: text in, findings out.
 *
 * 1. One pass of a combined keyword prefilter over the whole text (all detectors' keywords).
 * 2. For each detector whose keyword occurred, its bounded windows around the hits are merged and
 *    searched by the detector (anchored patterns, linear in the window).
 * 3. Validators inside the detector decide; the engine then resolves overlaps (the most specific
 *    detector wins a span) and returns findings sorted by offset.
 */
import type { Candidate, Detector, Finding } from "./types.js";

export interface ScanTextOptions {
  /** File path (any case, any separators); detectors may use its name. */
  readonly path?: string;
}

interface Compiled {
  readonly detectors: readonly Detector[];
  readonly prefilter: RegExp;
  readonly byKeyword: ReadonlyMap<string, readonly number[]>;
}

/**
 * How far past the end of its window a detector may read (a match that starts inside the window
 * and ends outside it, a connection string's later fields, look-ahead context). Slicing from 0 is
 * O(1) in V8 (a sliced string shares the parent's characters), and offsets stay absolute.
 */
export const LOOK_AHEAD = 2048;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Compile a detector set once: the prefilter regex and the keyword -> detectors map. */
export function compileDetectors(detectors: readonly Detector[]): Compiled {
  const byKeyword = new Map<string, number[]>();
  detectors.forEach((d, i) => {
    for (const k of d.keywords) {
      const key = k.toLowerCase();
      const list = byKeyword.get(key) ?? [];
      if (!list.includes(i)) list.push(i);
      byKeyword.set(key, list);
    }
  });
  // Longest first so that a longer keyword is preferred at the same position.
  const alternation = [...byKeyword.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
  return { detectors, prefilter: new RegExp(alternation || "(?!)", "gi"), byKeyword };
}

/**
 * Windows per detector, merged. A keyword that occurs thousands of times still yields windows whose
 * total size is bounded by the text length times a small constant (overlaps are merged).
 */
function collectWindows(text: string, compiled: Compiled): Map<number, Array<[number, number]>> {
  const windows = new Map<number, Array<[number, number]>>();
  const re = compiled.prefilter;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    const kw = m[0].toLowerCase();
    for (const di of compiled.byKeyword.get(kw) ?? []) {
      const d = compiled.detectors[di]!;
      const from = Math.max(0, at - d.window.before);
      const to = Math.min(text.length, at + kw.length + d.window.after);
      let list = windows.get(di);
      if (!list) windows.set(di, (list = []));
      const last = list[list.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else list.push([from, to]);
    }
    // Overlapping keyword occurrences: continue right after the start, not after the match.
    re.lastIndex = at + 1;
  }
  return windows;
}

/** Scan one text with a compiled detector set. */
export type CompiledDetectors = Compiled;

export function scanWith(compiled: Compiled, text: string, options: ScanTextOptions = {}): Finding[] {
  const path = (options.path ?? "").replace(/\\/g, "/").toLowerCase();
  const raw: Array<Finding & { priority: number }> = [];
  for (const [di, list] of collectWindows(text, compiled)) {
    const d = compiled.detectors[di]!;
    const seen = new Set<string>();
    for (const [from, to] of list) {
      // The detector sees the text up to a margin past its window: a regex run from `from` then
      // stops there instead of searching the rest of the file for every window (quadratic).
      const end = to + LOOK_AHEAD;
      const view = end >= text.length ? text : text.slice(0, end);
      const candidates: Candidate[] = d.find({ text: view, from, to, path });
      for (const c of candidates) {
        const key = `${c.start}:${c.end}`;
        if (seen.has(key) || c.end <= c.start) continue;
        seen.add(key);
        raw.push(toFinding(d, c, text));
      }
    }
  }
  return resolveOverlaps(raw);
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
