/**
 * scanText: the engine with every detector, in a module of its own so that the scanner (and its
 * worker threads) load the detectors without the catalog, the advice texts and the fix recipes.
 */
import { DETECTORS } from "../detectors/index.js";
import { fileSpan, findAssembled, LEAD_IN } from "../text/assembled.js";
import { pieceAt } from "../text/concat.js";
import { compileDetectors, findKeywords, scanWith, type ScanTextOptions } from "../detect/scan-text.js";
import { hasSlashEscapes, toFileOffset as unescapedToFile, unescapeSlashes } from "../text/slash-escapes.js";
import type { Finding } from "../types.js";

const JS_SOURCE = /\.[cm]?[jt]sx?$/i;
const JSON_FILE = /\.(?:json|jsonc|ipynb)$/i;
/** Languages whose assembled-string forms use constants (text/assembled.ts). */
const CODE_PATH = /\.(?:[cm]?[jt]sx?|vue|svelte|java|cs|kt|kts|scala|groovy|ps1|psm1|vb)$/i;

let compiled: ReturnType<typeof compileDetectors> | undefined;

/**
 * Scan one text with every detector: the text itself, then the joined values of string
 * concatenation chains (a secret split over `"..." + "..."` is still a secret). A finding from a
 * chain spans the pieces in the file; its `secret` is the joined value. Texts with JSON `\/`
 * escapes are also scanned unescaped (slash-escapes.ts); such a finding's `secret` is unescaped.
 */
export function scanText(text: string, options: ScanTextOptions = {}): Finding[] {
  const found = scanWithChains(text, options);
  // JSON written with `\/` escapes (and `\"` in JSON files): scan the unescaped text too (the escapes
  // may be in the secret or in the context that identifies it, `postgres:\/\/user:pw@host`), keep
  // what is new. Not in JS/TS sources, where `\/` is a regex or bundler artefact (and minified
  // bundles are large).
  const path = options.path ?? "";
  const quotes = JSON_FILE.test(path);
  if (!hasSlashEscapes(text, quotes) || JS_SOURCE.test(path) || !hasAnyKeyword(text)) return found;
  const u = unescapeSlashes(text, quotes);
  const extra: Finding[] = [];
  for (const f of scanWithChains(u.text, options)) {
    const start = unescapedToFile(u, f.start);
    const end = unescapedToFile(u, f.end);
    if (found.some((d) => d.start < end && start < d.end)) continue;
    extra.push({
      ...f,
      start,
      end,
      ...(f.container ? { container: { start: unescapedToFile(u, f.container.start), end: unescapedToFile(u, f.container.end) } } : {}),
    });
  }
  if (extra.length === 0) return found;
  return [...found, ...extra].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Whether any detector keyword occurs in the text (escaped data with none needs no second scan). */
function hasAnyKeyword(text: string): boolean {
  compiled ??= compileDetectors(DETECTORS);
  let any = false;
  const { byKeyword } = compiled;
  findKeywords(compiled.prefilter, text, (id) => {
    // Anchors (words detectors only want positions of) open no window.
    if (byKeyword[id]!.length > 0) any = true;
  });
  return any;
}

/**
 * The code on the line before offset `quote` (up to LEAD_IN characters; the line before that when this
 * one holds only brackets and spaces, as in an array literal's first element).
 */
function leadIn(text: string, quote: number): string {
  const lo = Math.max(0, quote - LEAD_IN);
  // Searched inside the LEAD_IN characters only: lastIndexOf over the text would run back to the start
  // of a long line for every part (quadratic).
  const before = text.slice(lo, Math.max(lo, quote));
  let s = before.lastIndexOf("\n");
  if (s < 0) return before;
  if (/^[\s[({]*$/.test(before.slice(s + 1))) s = s > 0 ? before.lastIndexOf("\n", s - 1) : -1;
  return before.slice(s + 1);
}

const NOTES: Record<string, string> = {
  concatenation: "Split over a string concatenation.",
  join: "Split into parts joined at run time.",
  builder: "Split over string builder appends.",
  "adjacent literals": "Split over adjacent string literals.",
  template: "Assembled from constants in a template literal.",
};

function scanWithChains(text: string, options: ScanTextOptions): Finding[] {
  compiled ??= compileDetectors(DETECTORS);
  // Keyword ends mark the constants worth resolving: only source code has any.
  const keywordEnds: number[] | undefined = CODE_PATH.test(options.path ?? "") || !options.path ? [] : undefined;
  const direct = scanWith(compiled, text, options, keywordEnds);
  const joined: Finding[] = [];
  for (const chain of findAssembled(text, options.path ?? "", keywordEnds)) {
    if (chain.joined.length < 16) continue;
    // The code before the first part (`const accountKey = `) names what the joined value is.
    const prefix = leadIn(text, chain.pieces[0]!.start - 1);
    for (const g of scanWith(compiled, prefix + chain.joined, options)) {
      if (g.start < prefix.length) continue;
      const f = { ...g, start: g.start - prefix.length, end: g.end - prefix.length };
      const { start, end } = fileSpan(chain, f.start, f.end);
      const overlaps = (d: Finding): boolean => d.start < end && start < d.end;
      // Within a single part, the direct scan saw the text (report it only when it saw nothing
      // there: the part alone lacked the context). Across parts: not twice for the same rule.
      if (pieceAt(chain, f.start) === pieceAt(chain, f.end - 1) ? direct.some(overlaps) : direct.some((d) => overlaps(d) && d.ruleId === f.ruleId)) continue;
      if (joined.some(overlaps)) continue;
      const note = NOTES[chain.form]!;
      joined.push({
        ...f,
        start,
        end,
        note: f.note ? `${f.note} ${note}` : note,
        ...(f.container ? { container: fileSpan(chain, f.container.start, f.container.end) } : {}),
      });
    }
  }
  if (joined.length === 0) return direct;
  return [...direct, ...joined].sort((a, b) => a.start - b.start || a.end - b.end);
}
