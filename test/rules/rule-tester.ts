/**
 * RuleTester wired to vitest, once with @typescript-eslint/parser (TypeScript) and once with
 * espree (plain JavaScript), so that every rule is checked with both parsers.
 */
import { RuleTester } from "@typescript-eslint/rule-tester";
import * as espree from "espree";
import { afterAll, describe, it } from "vitest";
import { maskSecrets } from "../../src/core/report/mask.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
// RuleTester names each case by its code, which holds fake keys: test names show them masked.
RuleTester.it = (name, fn) => it(maskSecrets(name), fn);
RuleTester.itOnly = (name, fn) => it.only(maskSecrets(name), fn);

/** TypeScript (the default parser of @typescript-eslint/rule-tester). */
export const tsTester = new RuleTester();

/** Plain JavaScript through ESLint's default parser. */
export const jsTester = new RuleTester({
  languageOptions: { parser: espree as never, parserOptions: { ecmaVersion: "latest", sourceType: "module" } },
});

export const TESTERS = [
  ["typescript-eslint parser", tsTester],
  ["espree", jsTester],
] as const;

/**
 * Exact position of the `occurrence`-th (0-based) occurrence of `needle` in `code`, as RuleTester
 * expects it (1-based line and column, end exclusive).
 */
export function at(code: string, needle: string, occurrence = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = code.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`needle not found: ${needle}`);
  }
  const pos = (offset: number) => {
    const before = code.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const start = pos(index);
  const end = pos(index + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
