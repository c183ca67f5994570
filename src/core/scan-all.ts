/**
 * scanText: the engine with every detector, in a module of its own so that the scanner (and its
 * worker threads) load the detectors without the catalog, the advice texts and the fix recipes.
 */
import { DETECTORS } from "./detectors/index.js";
import { findChains, mayHaveChains, pieceAt, toFileOffset } from "./concat.js";
import { compileDetectors, scanWith, type ScanTextOptions } from "./scan-text.js";
import type { Finding } from "./types.js";

let compiled: ReturnType<typeof compileDetectors> | undefined;

/**
 * Scan one text with every detector: the text itself, then the joined values of string
 * concatenation chains (a secret split over `"..." + "..."` is still a secret). A finding from a
 * chain spans the pieces in the file; its `secret` is the joined value.
 */
export function scanText(text: string, options: ScanTextOptions = {}): Finding[] {
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
