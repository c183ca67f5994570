/**
 * The cross-file rewrite is one implementation too: on the client modules of the xfile-* fix
 * fixtures, applying the rule's "Use DefaultAzureCredential" suggestions under typed linting
 * (projectService, re-linting in between) gives exactly the client file `azure-msi fix` writes.
 * The defining modules are left out: ESLint fixes edit the current file only, the CLI also removes
 * the definition there (test/fix-cli/cross-file.test.ts).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const JS_TS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
// The type check refuses this one in the CLI (the interface requires the property the CLI removes).
const cases = listFixCases().filter((c) => c.name.startsWith("xfile-") && c.name !== "xfile-typed-config");

describe.each(cases)("typed ESLint suggestions = azure-msi fix on the client modules of $name", (c) => {
  it("gives the expected client files", () => {
    const input = materializeTree(c, "input");
    const expected = materializeTree(c, "expected");
    temps.push(input, expected);
    if (!existsSync(path.join(input, "tsconfig.json"))) {
      writeFileSync(path.join(input, "tsconfig.json"), JSON.stringify({ compilerOptions: { allowJs: true, module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, target: "ES2022" } }));
    }
    const config: Linter.Config[] = [
      {
        files: ["**/*.{ts,js,cjs,mjs}"],
        languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { projectService: true, tsconfigRootDir: input } },
        plugins: { "azure-msi": plugin as unknown as NonNullable<Linter.Config["plugins"]>[string] },
        rules: { [RULE]: "error" },
      },
    ];
    const linter = new Linter({ cwd: input });
    let clients = 0;
    for (const file of listTree(input).filter((f) => JS_TS.test(f))) {
      const abs = path.join(input, file);
      let text = readFileSync(abs, "utf8");
      const first = linter.verify(text, config, abs).filter((m) => m.ruleId === RULE);
      if (!first.some((m) => m.messageId === "hardcodedInOtherModule")) continue;
      clients++;
      for (let round = 0; round < 10; round++) {
        const messages = linter.verify(text, config, abs).filter((m) => m.ruleId === RULE && m.messageId === "hardcodedInOtherModule");
        const suggestion = messages.flatMap((m) => m.suggestions ?? []).find((s) => s.desc.startsWith("Use DefaultAzureCredential"));
        if (!suggestion) break;
        text = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
        // The rewritten text is linted again from disk by the project service: keep them in step.
        writeFileSync(abs, text);
      }
      expect(text, file).toBe(readFileSync(path.join(expected, file), "utf8"));
    }
    expect(clients, "client modules reported under typed linting").toBeGreaterThan(0);
  });
});
