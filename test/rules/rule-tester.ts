/**
 * RuleTester wired to vitest, once with @typescript-eslint/parser (TypeScript) and once with
 * espree (plain JavaScript), so that every rule is checked with both parsers.
 */
import { RuleTester } from "@typescript-eslint/rule-tester";
import * as espree from "espree";
import { afterAll, describe, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

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
