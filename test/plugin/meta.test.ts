/**
 * The plugin's metadata agrees with itself, its docs, its tests and package.json: every rule has
 * docs (title and description equal to meta) and a test file, configs match the rules' flags.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import plugin, { JSON_FILES, TEXT_FILES } from "../../src/index.js";
import { rules } from "../../src/rules/index.js";

const root = new URL("../../", import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), "utf8");
const pkg = JSON.parse(read("package.json")) as { name: string; version: string };

type Docs = { description: string; url?: string; recommended?: boolean; strict?: boolean };
const ruleEntries = Object.entries(rules).map(([name, rule]) => [name, rule, rule.meta.docs as Docs] as const);

describe("plugin meta", () => {
  it("reads name and version from package.json", () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: "azure-msi" });
  });

  it("has rules", () => {
    expect(ruleEntries.length).toBeGreaterThanOrEqual(1);
    expect(plugin.rules).toBe(rules);
  });

  it("computes configs.recommended from meta.docs.recommended", () => {
    const expected = ruleEntries.filter(([, , d]) => d.recommended).map(([n]) => `azure-msi/${n}`).sort();
    expect(Object.keys(plugin.configs.recommended.rules ?? {}).sort()).toEqual(expected);
    expect(plugin.configs.recommended.plugins?.["azure-msi"]).toBe(plugin);
  });

  it("computes configs.strict from meta.docs.recommended and strict, all errors", () => {
    const expected = ruleEntries.filter(([, , d]) => d.recommended || d.strict).map(([n]) => `azure-msi/${n}`).sort();
    expect(Object.keys(plugin.configs.strict.rules ?? {}).sort()).toEqual(expected);
    expect(new Set(Object.values(plugin.configs.strict.rules ?? {}))).toEqual(new Set(["error"]));
  });

  it("config-files uses the plugin's text language and only rules that exist", () => {
    const [text] = plugin.configs["config-files"];
    expect(text?.language).toBe("azure-msi/text");
    for (const config of plugin.configs["config-files"]) {
      for (const id of Object.keys(config.rules ?? {})) expect(Object.keys(plugin.rules)).toContain(id.replace(/^azure-msi\//, ""));
    }
  });

  it.skipIf(!existsSync(new URL("dist/index.cjs", root)))("the CommonJS entry (dist/index.cjs) exports the same plugin", async () => {
    const { createRequire } = await import("node:module");
    const cjs = createRequire(import.meta.url)("../../dist/index.cjs") as typeof plugin;
    expect(cjs.meta).toEqual(plugin.meta);
    expect(Object.keys(cjs.rules).sort()).toEqual(Object.keys(plugin.rules).sort());
    expect(cjs.configs.recommended.rules).toEqual(plugin.configs.recommended.rules);
    expect(cjs.configs.recommended.plugins?.["azure-msi"]).toBe(cjs);
  });

  it("the no-hardcoded-credentials docs list every file pattern of configs[\"config-files\"]", () => {
    const doc = read("docs/rules/no-hardcoded-credentials.md");
    for (const glob of [...TEXT_FILES, ...JSON_FILES]) expect(doc).toContain(`\`${glob.replace(/^\*\*\//, "")}\``);
    expect(plugin.configs["config-files"].map((c) => c.files)).toEqual([TEXT_FILES, JSON_FILES]);
  });

  it("prefer-managed-identity's docs list exactly the constructions of the sink table", async () => {
    const { SINKS } = await import("../../src/core/fixes/recipes/index.js");
    const doc = read("docs/rules/prefer-managed-identity.md");
    const section = doc.slice(doc.indexOf("### Every construction it knows"), doc.indexOf("\n\n", doc.indexOf("- ", doc.indexOf("### Every construction it knows"))));
    const listed = [...section.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(SINKS.map((s) => s.form)));
  });

  it("the README's ESLint snippet uses configs that exist and links every rule's docs", () => {
    const readme = read("README.md");
    const used = [...readme.matchAll(/azureMsi\.configs(?:\.([a-z-]+)|\["([a-z-]+)"\])/g)].map((m) => m[1] ?? m[2]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(Object.keys(plugin.configs)).toContain(name);
    for (const name of Object.keys(rules)) expect(readme).toContain(`(docs/rules/${name}.md)`);
  });

  it("every docs/rules file belongs to a rule", () => {
    const docs = readdirSync(new URL("docs/rules/", root)).filter((f) => f.endsWith(".md"));
    expect(docs.map((f) => f.replace(/\.md$/, "")).sort()).toEqual(Object.keys(plugin.rules).sort());
  });
});

describe.each(ruleEntries)("rule %s", (name, rule, docs) => {
  const doc = existsSync(new URL(`docs/rules/${name}.md`, root)) ? read(`docs/rules/${name}.md`) : "";

  it("has a docs page whose title and description match meta", () => {
    const lines = doc.split("\n");
    expect(lines[0]).toBe(`# ${name}`);
    expect(lines.find((l) => l.startsWith("> "))).toBe(`> ${docs.description}`);
    expect(docs.url).toBe(`https://github.com/azure-msi/eslint-plugin-azure-msi/blob/main/docs/rules/${name}.md`);
  });

  it("documents the configs it is in", () => {
    const configs = doc.split("\n").find((l) => l.startsWith("- In configs:")) ?? "";
    expect(configs.includes("`recommended`")).toBe(docs.recommended === true);
    expect(configs.includes("`strict`")).toBe(docs.recommended === true || docs.strict === true);
  });

  it("documents every option and has a What/Why/Examples/Options/When-not section", () => {
    for (const heading of ["## What", "## Why", "## Examples", "## Options", "## When not to use it"]) expect(doc).toContain(heading);
    expect(doc).toContain("❌");
    expect(doc).toContain("✅");
    const schema = (Array.isArray(rule.meta.schema) ? rule.meta.schema : [rule.meta.schema]) as Array<{ properties?: object }>;
    for (const option of schema.flatMap((s) => Object.keys(s?.properties ?? {}))) expect(doc).toContain(`\`${option}\``);
  });

  it("has a test file", () => {
    expect(existsSync(new URL(`test/rules/${name}.test.ts`, root))).toBe(true);
  });

  it("follows the message and option conventions", () => {
    const ids = Object.keys(rule.meta.messages);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    const suggestions = ids.filter((id) => id.startsWith("suggest"));
    expect(rule.meta.hasSuggestions === true).toBe(suggestions.length > 0);
    expect(rule.meta.defaultOptions).toBeDefined();
  });
});
