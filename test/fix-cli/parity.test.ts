/**
 * One implementation: on every JS/TS file of the fix fixtures, applying the ESLint rule's
 * suggestions one at a time (through ESLint's Linter, re-linting in between) gives exactly the
 * file `azure-msi fix` writes (the expected tree), up to line breaks: the CLI also gives inserted
 * lines the line break of the line they join (CRLF and mixed files), which fixtures.test.ts checks
 * byte for byte.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { listFixCases, listTree, materializeTree } from "./helpers.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const RULE = "azure-msi/no-hardcoded-credentials";

function configFor(file: string, clientId: string | undefined): Linter.Config[] {
  return [
    {
      files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
      languageOptions: {
        parser: tsParser as Linter.Parser,
        sourceType: /\.c[jt]s$/.test(file) ? "commonjs" : "module",
        parserOptions: { ecmaFeatures: { jsx: /\.[jt]sx$/.test(file) } },
      },
      plugins: { "azure-msi": plugin as unknown as NonNullable<Linter.Config["plugins"]>[string] },
      rules: { [RULE]: ["error", clientId ? { clientId } : {}] },
    },
  ];
}

// xfile-* cases need the whole program (a secret defined in another module): azure-msi fix edits both
// files, the rule only the client, with type information (test/rules/no-hardcoded-credentials-typed.test.ts).
const cases = listFixCases().filter((c) => {
  if (c.name.startsWith("xfile-")) return false;
  const input = materializeTree(c, "input");
  temps.push(input);
  return listTree(input).some((f) => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(f));
});

describe.each(cases)("ESLint suggestions = azure-msi fix on $name", (c) => {
  it("gives the expected tree's text for every JS/TS file", () => {
    const input = materializeTree(c, "input");
    const expected = materializeTree(c, "expected");
    temps.push(input, expected);
    const credential = c.args.includes("managed-identity") ? "ManagedIdentityCredential" : "DefaultAzureCredential";
    const clientIdAt = c.args.indexOf("--client-id");
    const clientId = clientIdAt >= 0 ? c.args[clientIdAt + 1] : undefined;
    const linter = new Linter({ cwd: input });
    for (const file of listTree(input).filter((f) => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(f))) {
      const abs = path.join(input, file);
      let text = readFileSync(abs, "utf8").replace(/^\uFEFF/, "");
      for (let round = 0; round < 50; round++) {
        const messages = linter.verify(text, configFor(file, clientId), abs).filter((m) => m.ruleId === RULE);
        expect(messages.filter((m) => m.fatal)).toEqual([]);
        const suggestion = messages.flatMap((m) => m.suggestions ?? []).find((s) => s.desc.startsWith(`Use ${credential}`));
        if (!suggestion) break;
        text = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
      }
      const want = readFileSync(path.join(expected, file), "utf8").replace(/^\uFEFF/, "");
      const lf = (t: string): string => t.replace(/\r\n/g, "\n");
      expect(lf(text), file).toBe(lf(want));
    }
  });
});
