/** The plugin's public types fit ESLint's: a user's eslint.config.ts compiles without diagnostics. */
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

it("a TypeScript eslint.config using the plugin type-checks against ESLint's types", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const configFile = ts.readConfigFile(`${root}tsconfig.json`, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const program = ts.createProgram([fileURLToPath(new URL("eslint-config.fixture.ts", import.meta.url))], { ...parsed.options, noEmit: true });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || /eslint-config\.fixture|src[\\/](index|rules|language)/.test(d.file.fileName))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(diagnostics).toEqual([]);
}, 180_000);
