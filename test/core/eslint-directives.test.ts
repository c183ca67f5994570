/**
 * The scanner's reading of ESLint disable comments must match ESLint's: each case runs the real
 * ESLint Linter with our rule and compares the lines it reports with the lines the core keeps.
 */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { scanText } from "../../src/core/index.js";
import { applyEslintDirectives, findEslintDirectives } from "../../src/core/engine/eslint-directives.js";
import { LineIndex } from "../../src/core/text/lines.js";
import { fakeHex } from "../../src/core/keys/fake.js";

const token = (n: number): string => `dapi${fakeHex(32, `eslint-directive-${n}`)}`;
const RULE = "azure-msi/no-hardcoded-credentials";

const cases: Array<[string, string]> = [
  ["disable-line with our rule", `const a = "${token(1)}"; // eslint-disable-line ${RULE}\nconst b = "${token(2)}";\n`],
  ["disable-line without rules", `const a = "${token(1)}"; // eslint-disable-line\n`],
  ["disable-line for another rule", `const a = "${token(1)}"; // eslint-disable-line no-console\n`],
  ["disable-next-line with a reason", `// eslint-disable-next-line ${RULE} -- fixture\nconst a = "${token(1)}";\nconst b = "${token(2)}";\n`],
  ["block disable and enable", `/* eslint-disable ${RULE} */\nconst a = "${token(1)}";\n/* eslint-enable ${RULE} */\nconst b = "${token(2)}";\n`],
  ["block disable of all rules to the end", `const z = "${token(3)}";\n/* eslint-disable */\nconst a = "${token(1)}";\n`],
  ["line-comment eslint-disable is ignored", `// eslint-disable ${RULE}\nconst a = "${token(1)}";\n`],
  ["directive text inside a string is not a comment", `const s = "// eslint-disable-line"; const a = "${token(1)}";\n`],
  ["block comment next-line", `/* eslint-disable-next-line ${RULE} */\nconst a = "${token(1)}";\n`],
  ["a plugin registered under another name", `const a = "${token(1)}"; // eslint-disable-line msi/${RULE.split("/")[1]}\n`],
];

function eslintLines(code: string): number[] {
  // A user may register the plugin under another name: enable the rule under the name used.
  const rule = code.includes("msi/no-") && !code.includes(RULE) ? "msi/no-hardcoded-credentials" : RULE;
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(code, [
    { files: ["**/*.ts"], plugins: { "azure-msi": plugin, msi: plugin }, rules: { [rule]: "error" } },
  ], "file.ts");
  return messages.filter((m) => m.ruleId?.endsWith("/no-hardcoded-credentials")).map((m) => m.line);
}

function coreLines(code: string): number[] {
  const lines = new LineIndex(code);
  return applyEslintDirectives(code, scanText(code), lines).kept.map((f) => lines.lineOf(f.start));
}

describe("ESLint disable comments", () => {
  it.each(cases)("%s: the scanner keeps what ESLint reports", (_name, code) => {
    expect(coreLines(code)).toEqual(eslintLines(code));
  });

  it("keeps the reason after --", () => {
    const [d] = findEslintDirectives(`// eslint-disable-next-line ${RULE} -- published sample\n`);
    expect(d).toMatchObject({ kind: "disable-next-line", reason: "published sample" });
  });

  it("stays linear on a long run of slashes and quotes", () => {
    const text = `${"/".repeat(200_000)}${'"'.repeat(200_000)}${"/*".repeat(50_000)}`;
    expect(() => findEslintDirectives(`${text} eslint-disable`)).not.toThrow();
  });
});
