/**
 * The ESLint plugin (flat config): rules, configs computed from rule metadata, and a small text
 * language so that config files (.env, YAML, XML, Bicep, Terraform, shell, Dockerfile) get the same
 * findings as code. JSON files use `@eslint/json` (an optional peer dependency) when installed.
 */
import type { ESLint, Linter } from "eslint";
import { createRequire } from "node:module";
import { textLanguage } from "./language/text.js";
import { rules, type RuleName } from "./rules/index.js";

const require = createRequire(import.meta.url);
// src/index.ts and dist/index.js both sit one level below package.json.
const pkg = require("../package.json") as { name: string; version: string };

export type Severity = "error" | "warn";

/** The plugin's configs: flat-config objects (`config-files` is an array of them). */
export interface AzureMsiConfigs {
  recommended: Linter.Config;
  strict: Linter.Config;
  "config-files": Linter.Config[];
}

/**
 * The plugin object: an ESLint plugin whose `rules` keep their typescript-eslint types (meta,
 * options, message ids) for those who read them.
 */
export type AzureMsiPlugin = ESLint.Plugin & {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: AzureMsiConfigs;
};

/** Files the text language handles (`configs["config-files"]`). */
export const TEXT_FILES = [
  "**/.env",
  "**/.env.*",
  "**/*.env",
  "**/.npmrc",
  "**/*.yaml",
  "**/*.yml",
  "**/*.xml",
  "**/*.config",
  "**/*.properties",
  "**/*.ini",
  "**/*.toml",
  "**/*.bicep",
  "**/*.bicepparam",
  "**/*.tf",
  "**/*.tfvars",
  "**/*.sh",
  "**/*.bash",
  "**/*.ps1",
  "**/*.psm1",
  "**/Dockerfile",
  "**/Dockerfile.*",
  "**/*.dockerfile",
];

/** Files `@eslint/json` handles in `configs["config-files"]` (parsed as JSONC: comments allowed). */
export const JSON_FILES = ["**/*.json", "**/*.jsonc"];

const NAMESPACE = "azure-msi";

type RuleDocs = { recommended?: boolean; strict?: boolean };

/** Level of a rule in a config: problems are errors, suggestions warnings (strict: all errors). */
function ruleLevels(which: "recommended" | "strict"): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const [name, rule] of Object.entries(rules) as Array<[RuleName, (typeof rules)[RuleName]]>) {
    const docs = rule.meta.docs as RuleDocs | undefined;
    const included = which === "recommended" ? docs?.recommended === true : docs?.recommended === true || docs?.strict === true;
    if (!included) continue;
    out[`${NAMESPACE}/${name}`] = which === "strict" || rule.meta.type === "problem" ? "error" : "warn";
  }
  return out;
}

/** `@eslint/json` when it is installed (optional peer dependency), else undefined. */
function loadJsonPlugin(): ESLint.Plugin | undefined {
  try {
    const mod = require("@eslint/json") as { default?: ESLint.Plugin } & ESLint.Plugin;
    const json = mod.default ?? mod;
    return json.languages?.["jsonc"] ? json : undefined;
  } catch {
    return undefined;
  }
}

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: NAMESPACE },
  rules,
  languages: { text: textLanguage },
  configs: {},
} as unknown as AzureMsiPlugin;

const plugins: Record<string, ESLint.Plugin> = { [NAMESPACE]: plugin };
const json = loadJsonPlugin();
const hardcoded = { [`${NAMESPACE}/no-hardcoded-credentials`]: "error" } satisfies Linter.RulesRecord;

plugin.configs.recommended = { name: `${NAMESPACE}/recommended`, plugins, rules: ruleLevels("recommended") };
plugin.configs.strict = { name: `${NAMESPACE}/strict`, plugins, rules: ruleLevels("strict") };
plugin.configs["config-files"] = [
  {
    name: `${NAMESPACE}/config-files/text`,
    files: TEXT_FILES,
    plugins,
    language: `${NAMESPACE}/text`,
    rules: hardcoded,
  },
  ...(json
    ? [
        {
          name: `${NAMESPACE}/config-files/json`,
          files: JSON_FILES,
          plugins: { ...plugins, json },
          language: "json/jsonc",
          languageOptions: { allowTrailingCommas: true },
          rules: hardcoded,
        },
      ]
    : []),
];

export default plugin;
