/**
 * The ESLint plugin on hostile input: files with syntax errors (the rules never crash; ESLint
 * reports the parse error), Vue- and Svelte-like files through the plugin's text language (no
 * extra parser installed), and huge literals (bounded time, the secret at the end still found).
 */
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import plugin from "../../src/index.js";

const key = fakeBase64(64, "hardening-eslint");
const cs = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${key};EndpointSuffix=core.windows.net`;
const recommended = plugin.configs.recommended as unknown as Linter.Config;
const strict = plugin.configs.strict as unknown as Linter.Config;
const ts: Linter.Config = { files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tsParser } };
const textFor = (files: string[]): Linter.Config => ({
  files,
  plugins: { "azure-msi": plugin as never },
  language: "azure-msi/text",
  rules: { "azure-msi/no-hardcoded-credentials": "error" },
});

function lint(code: string, filename: string, configs: Linter.Config[]): Linter.LintMessage[] {
  return new Linter({ cwd: "/project" }).verify(code, configs, `/project/${filename}`);
}

describe("syntax errors", () => {
  const broken: Record<string, string> = {
    "unclosed call": `import { BlobServiceClient } from "@azure/storage-blob";\nBlobServiceClient.fromConnectionString("${cs}"\n`,
    "unterminated string": `const c = "${cs}\n`,
    "stray tokens": `const c = "${cs}"; const = ;\n`,
    "half a class": `class A { m() { return new BlobServiceClient("${cs}"`,
    "binary garbage": `\u0000\u0001const c = "${cs}";\uFFFD{{{`,
    "merge conflict": `<<<<<<< HEAD\nconst c = "${cs}";\n=======\nconst c = 1;\n>>>>>>> topic\n`,
  };
  it.each(Object.keys(broken))("%s: one fatal parse error, no rule crash (espree and typescript-eslint)", (name) => {
    for (const [file, configs] of [
      ["src/a.js", [strict]],
      ["src/a.ts", [ts, strict]],
    ] as const) {
      const messages = lint(broken[name]!, file, [...configs]);
      expect(messages, file).toHaveLength(1);
      expect(messages[0]!.fatal, file).toBe(true);
      expect(messages[0]!.ruleId).toBeNull();
      expect(messages[0]!.message).not.toContain(key);
    }
  });

  it("the same broken files through the text language still report the secret", () => {
    for (const code of Object.values(broken)) {
      const messages = lint(code, "src/a.js", [textFor(["**/*.js"])]);
      expect(messages.map((m) => m.ruleId)).toContain("azure-msi/no-hardcoded-credentials");
      expect(messages.every((m) => !m.fatal)).toBe(true);
    }
  });
});

describe("Vue- and Svelte-like files (no vue-eslint-parser installed: the text language)", () => {
  const vue = `<template>\n  <div :conn="'${cs}'">{{ msg }}</div>\n</template>\n<script setup lang="ts">\nconst key: string = "${key}";\nconst storageKey = key;\n</script>\n<style scoped>.a { color: red }</style>\n`;
  const svelte = `<script>\n  export let name;\n  const conn = "${cs}";\n</script>\n<h1>Hello {name}!</h1>\n{#each items as item}<p>{item}</p>{/each}\n`;
  it("reports the secret at its position in a .vue file", () => {
    const messages = lint(vue, "src/App.vue", [textFor(["**/*.vue"])]);
    expect(messages.map((m) => [m.ruleId, m.line])).toContainEqual(["azure-msi/no-hardcoded-credentials", 2]);
    expect(messages.every((m) => !m.fatal && !m.message.includes(key))).toBe(true);
  });

  it("reports the secret in a .svelte file", () => {
    const messages = lint(svelte, "src/App.svelte", [textFor(["**/*.svelte"])]);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["azure-msi/no-hardcoded-credentials", 3]]);
  });

  it("a .vue file given to espree is a parse error, not a crash", () => {
    const messages = lint(vue, "src/App.vue", [{ files: ["**/*.vue"] }, { ...recommended, files: ["**/*.vue"] }]);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.fatal).toBe(true);
  });
});

describe("huge literals", () => {
  const MB = 1024 * 1024;
  it("a 2 MB string literal with the connection string at its end: found, in bounded time", () => {
    const code = `const blob = "${"a".repeat(2 * MB)} ${cs}";\n`;
    // Bounded by the test timeout; speed itself is measured by the benchmark (npm run bench).
    const messages = lint(code, "src/big.js", [recommended]);
    expect(messages.map((m) => m.ruleId)).toEqual(["azure-msi/no-hardcoded-credentials"]);
    expect(messages[0]!.message).not.toContain(key);
  });

  it("a 1 MB template literal and 50k small literals (TypeScript parser)", () => {
    const tpl = `const t = \`${"x ${y} ".repeat(MB / 8)}${cs}\`;\n`;
    const many = `const list = [${Array.from({ length: 50_000 }, (_, i) => `"v${i}"`).join(",")}];\nconst k = "${cs}";\n`;
    for (const [code, file] of [
      [tpl, "src/tpl.ts"],
      [many, "src/many.ts"],
    ] as const) {
      const messages = lint(code, file, [ts, recommended]);
      expect(messages.map((m) => m.ruleId), file).toEqual(["azure-msi/no-hardcoded-credentials"]);
    }
  });

  it("a 1 MB line of minified code through the text language", () => {
    const code = `${"var a=function(b){return b};".repeat(MB / 28)}var c="${cs}";`;
    const messages = lint(code, "dist/app.min.js", [textFor(["**/*.js"])]);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["azure-msi/no-hardcoded-credentials", 1]]);
    expect(messages[0]!.message).not.toContain(key);
  });
});
