/**
 * The ESLint plugin (flat config): rules, configs computed from rule metadata, and a small text
 * language so that config files (.env, YAML, XML, Bicep, Terraform, shell, Dockerfile) get the same
 * findings as code. JSON files use `@eslint/json` (an optional peer dependency) when installed.
 */
import { createRequire } from "node:module";
import { textLanguage } from "./language/text.js";
import { rules, type RuleName } from "./rules/index.js";

const require = createRequire(import.meta.url);
// src/index.ts and dist/index.js both sit one level below package.json.
const pkg = require("../package.json") as { name: string; version: string };

export type Severity = "error" | "warn";

/** A flat config object as the plugin's configs use it (kept local: eslint is an optional peer). */
export interface FlatConfig {
  name: string;
  files?: string[];
  ignores?: string[];
  plugins: Record<string, unknown>;
  language?: string;
  languageOptions?: Record<string, unknown>;
  rules: Record<string, Severity>;
}

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
function loadJsonPlugin(): { languages?: Record<string, unknown> } | undefined {
  try {
    const mod = require("@eslint/json") as { default?: { languages?: Record<string, unknown> }; languages?: Record<string, unknown> };
    const json = mod.default ?? mod;
    return json.languages?.jsonc ? json : undefined;
  } catch {
    return undefined;
  }
}

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: NAMESPACE },
  rules,
  languages: { text: textLanguage },
  configs: {} as {
    recommended: FlatConfig;
    strict: FlatConfig;
    "config-files": FlatConfig[];
  },
};

const plugins = { [NAMESPACE]: plugin };
const json = loadJsonPlugin();

plugin.configs.recommended = { name: `${NAMESPACE}/recommended`, plugins, rules: ruleLevels("recommended") };
plugin.configs.strict = { name: `${NAMESPACE}/strict`, plugins, rules: ruleLevels("strict") };
plugin.configs["config-files"] = [
  {
    name: `${NAMESPACE}/config-files/text`,
    files: TEXT_FILES,
    plugins,
    language: `${NAMESPACE}/text`,
    rules: { [`${NAMESPACE}/no-hardcoded-credentials`]: "error" },
  },
  ...(json
    ? [
        {
          name: `${NAMESPACE}/config-files/json`,
          files: JSON_FILES,
          plugins: { ...plugins, json },
          language: "json/jsonc",
          languageOptions: { allowTrailingCommas: true },
          rules: { [`${NAMESPACE}/no-hardcoded-credentials`]: "error" as const },
        },
      ]
    : []),
];

export default plugin;
