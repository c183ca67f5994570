/**
 * scanText: the engine with every detector, in a module of its own so that the scanner (and its
 * worker threads) load the detectors without the catalog, the advice texts and the fix recipes.
 */
import { DETECTORS } from "../detectors/index.js";
import { findChains, mayHaveChains, pieceAt, toFileOffset } from "../text/concat.js";
import { compileDetectors, findKeywords, scanWith, type ScanTextOptions } from "../detect/scan-text.js";
import { hasSlashEscapes, toFileOffset as unescapedToFile, unescapeSlashes } from "../text/slash-escapes.js";
import type { Finding } from "../types.js";

const JS_SOURCE = /\.[cm]?[jt]sx?$/i;
const JSON_FILE = /\.(?:json|jsonc|ipynb)$/i;

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
  findKeywords(compiled.prefilter, text, () => {
    any = true;
  });
  return any;
}

function scanWithChains(text: string, options: ScanTextOptions): Finding[] {
  compiled ??= compileDetectors(DETECTORS);
  const direct = scanWith(compiled, text, options);
  if (!mayHaveChains(text)) return direct;
  const joined: Finding[] = [];
  for (const chain of findChains(text)) {
    if (chain.joined.length < 16) continue;
    for (const f of scanWith(compiled, chain.joined, options)) {
      // Within a single piece the direct scan already saw it.
      if (pieceAt(chain, f.start) === pieceAt(chain, f.end - 1)) continue;
      const start = toFileOffset(chain, f.start);
      const end = toFileOffset(chain, f.end, true);
      if (direct.some((d) => d.start < end && start < d.end && d.ruleId === f.ruleId)) continue;
      joined.push({
        ...f,
        start,
        end,
        note: f.note ? `${f.note} Split over a string concatenation.` : "Split over a string concatenation.",
        ...(f.container
          ? { container: { start: toFileOffset(chain, f.container.start), end: toFileOffset(chain, f.container.end, true) } }
          : {}),
      });
    }
  }
  if (joined.length === 0) return direct;
  return [...direct, ...joined].sort((a, b) => a.start - b.start || a.end - b.end);
}
