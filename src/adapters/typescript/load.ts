/**
 * The TypeScript compiler API, loaded on first use only: `azure-msi scan` never pays for it, and the
 * ESLint rule asks for it only when the parser already built a program (typed linting).
 */
import { createRequire } from "node:module";
import type TS from "typescript";

export type { TS };

let loaded: typeof TS | undefined;

export function typescript(): typeof TS {
  loaded ??= createRequire(import.meta.url)("typescript") as typeof TS;
  return loaded;
}
