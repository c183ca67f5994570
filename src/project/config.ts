/**
 * Project configuration: `.azure-msi.json`, or the `azureMsi` key of package.json, found from the
 * working directory upward to the git root (or given with --config <file>).
 *
 *   { "allow": [{ "path": "test/**", "ruleId": "storage-account-key", "value": "^Eby8", "reason": "..." }],
 *     "ignore": ["fixtures/**"], "maxFileSize": 5242880, "failOn": "error" }
 *
 * The schema is checked by hand: an unknown key or a wrong type is a ConfigError whose message
 * names the file and the key (`.azure-msi.json: "allow[0].path" must be a string`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Severity } from "../core/types.js";
import { findGitRoot } from "./git-root.js";
import { jsonErrorText } from "./json-error.js";

/** picomatch (CommonJS, a few ms to load) only when a config has globs: a plain run never needs it. */
const requireCjs = createRequire(import.meta.url);
let picomatchModule: typeof import("picomatch") | undefined;
const picomatch = (): typeof import("picomatch") => (picomatchModule ??= requireCjs("picomatch") as typeof import("picomatch"));

export const CONFIG_FILE = ".azure-msi.json";

export interface AllowRule {
  /** Glob matched against the path relative to the config file's folder. */
  readonly path?: string;
  readonly ruleId?: string;
  /** Regular expression tested against the secret value. */
  readonly value?: string;
  readonly reason?: string;
}

export interface AzureMsiConfig {
  readonly allow?: readonly AllowRule[];
  /** Globs (relative to the config file's folder) never scanned. */
  readonly ignore?: readonly string[];
  readonly maxFileSize?: number;
  readonly failOn?: Severity;
}

export interface LoadedConfig {
  /** Absolute path of the file the config came from; undefined when none was found. */
  readonly file?: string;
  /** Folder that relative globs refer to. */
  readonly dir: string;
  readonly config: AzureMsiConfig;
}

/** A bad or unreadable config file (exit 2). The message starts with the file name. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

type Check = (value: unknown, at: string, fail: (at: string, expected: string) => never) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const string: Check = (v, at, fail) => {
  if (typeof v !== "string") fail(at, "must be a string");
};
const nonEmptyString: Check = (v, at, fail) => {
  if (typeof v !== "string" || v.length === 0) fail(at, "must be a non-empty string");
};
const glob: Check = (v, at, fail) => {
  nonEmptyString(v, at, fail);
  try {
    picomatch().makeRe(v as string);
  } catch {
    fail(at, "must be a valid glob");
  }
};
const regex: Check = (v, at, fail) => {
  nonEmptyString(v, at, fail);
  try {
    new RegExp(v as string);
  } catch {
    fail(at, "must be a valid regular expression");
  }
};
const severity: Check = (v, at, fail) => {
  if (v !== "error" && v !== "warning" && v !== "info") fail(at, 'must be one of "error", "warning", "info"');
};
const positiveInteger: Check = (v, at, fail) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) fail(at, "must be a positive integer");
};
const arrayOf =
  (item: Check): Check =>
  (v, at, fail) => {
    if (!Array.isArray(v)) fail(at, "must be an array");
    (v as unknown[]).forEach((x, i) => item(x, `${at}[${i}]`, fail));
  };
const objectOf =
  (shape: Record<string, Check>, refine?: (v: Record<string, unknown>, at: string, fail: Parameters<Check>[2]) => void): Check =>
  (v, at, fail) => {
    if (!isObject(v)) fail(at, "must be an object");
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const check = shape[key];
      const keyAt = at ? `${at}.${key}` : key;
      if (!check) fail(keyAt, `is not a known key (expected one of: ${Object.keys(shape).join(", ")})`);
      check!(o[key], keyAt, fail);
    }
    refine?.(o, at, fail);
  };

/** The schema, one checker per key. Add keys here (and to AzureMsiConfig). */
export const CONFIG_SCHEMA: Record<string, Check> = {
  $schema: string,
  allow: arrayOf(
    objectOf({ path: glob, ruleId: nonEmptyString, value: regex, reason: string }, (o, at, fail) => {
      if (o.path === undefined && o.ruleId === undefined && o.value === undefined) {
        fail(at, 'needs at least one of "path", "ruleId", "value"');
      }
    }),
  ),
  ignore: arrayOf(glob),
  maxFileSize: positiveInteger,
  failOn: severity,
};

/**
 * Check `raw` against the schema; `label` names the file in errors. `knownRuleIds`, when given,
 * turns an unknown `allow[].ruleId` (a typo that would silently allow nothing) into an error.
 */
export function validateConfig(raw: unknown, label: string, knownRuleIds?: ReadonlySet<string>): AzureMsiConfig {
  const fail = (at: string, expected: string): never => {
    throw new ConfigError(at ? `${label}: "${at}" ${expected}` : `${label}: the configuration ${expected}`);
  };
  objectOf(CONFIG_SCHEMA)(raw, "", fail);
  const config = raw as AzureMsiConfig;
  if (knownRuleIds) {
    config.allow?.forEach((rule, i) => {
      if (rule.ruleId !== undefined && !knownRuleIds.has(rule.ruleId)) {
        fail(`allow[${i}].ruleId`, `is not a known detector id ("${rule.ruleId.slice(0, 60)}"; see azure-msi explain)`);
      }
    });
  }
  return config;
}

function readJson(file: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${label}: cannot read the file (${code === "ENOENT" ? "not found" : (code ?? "error")})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ConfigError(`${label}: invalid JSON (${jsonErrorText(error)})`);
  }
}

export interface LoadConfigOptions {
  readonly cwd: string;
  /** --config <file>: use exactly this file (.json; a package.json uses its azureMsi key). */
  readonly configPath?: string;
  readonly knownRuleIds?: ReadonlySet<string>;
}

/** Find and validate the configuration. No file found: an empty config rooted at cwd. */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const { cwd, knownRuleIds } = options;
  const label = (file: string): string => {
    const rel = path.relative(cwd, file).split(path.sep).join("/");
    return rel === "" || rel.startsWith("../../") ? file : rel;
  };
  const fromFile = (file: string, explicit: boolean): LoadedConfig | undefined => {
    const raw = readJson(file, label(file));
    if (path.basename(file) === "package.json") {
      if (!isObject(raw)) throw new ConfigError(`${label(file)}: must hold a JSON object`);
      if (raw.azureMsi === undefined) {
        if (explicit) throw new ConfigError(`${label(file)}: has no "azureMsi" key`);
        return undefined;
      }
      const config = validateConfig(raw.azureMsi, `${label(file)}#azureMsi`, knownRuleIds);
      return { file, dir: path.dirname(file), config };
    }
    return { file, dir: path.dirname(file), config: validateConfig(raw, label(file), knownRuleIds) };
  };

  if (options.configPath !== undefined) {
    return fromFile(path.resolve(cwd, options.configPath), true)!;
  }
  const gitRoot = findGitRoot(cwd);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of [CONFIG_FILE, "package.json"]) {
      const file = path.join(dir, name);
      if (!existsSync(file)) continue;
      const loaded = fromFile(file, false);
      if (loaded) return loaded;
    }
    if (gitRoot === undefined || dir === gitRoot || path.dirname(dir) === dir) break;
  }
  return { dir: path.resolve(cwd), config: {} };
}

/** What an allow rule matches against. */
export interface AllowCandidate {
  /** Relative to cwd, `/` separators. */
  readonly file: string;
  readonly ruleId: string;
  readonly secret: string;
}

/** Compile the allow list into a matcher that returns the first matching rule. */
export function allowMatcher(loaded: LoadedConfig, cwd: string): (c: AllowCandidate) => AllowRule | undefined {
  const rules = (loaded.config.allow ?? []).map((rule) => ({
    rule,
    path: rule.path !== undefined ? picomatch()(rule.path, { dot: true }) : undefined,
    value: rule.value !== undefined ? new RegExp(rule.value) : undefined,
  }));
  if (rules.length === 0) return () => undefined;
  return (c) => {
    let rel: string | undefined;
    for (const r of rules) {
      if (r.rule.ruleId !== undefined && r.rule.ruleId !== c.ruleId) continue;
      if (r.path) {
        rel ??= path.relative(loaded.dir, path.resolve(cwd, c.file)).split(path.sep).join("/");
        if (!r.path(rel)) continue;
      }
      if (r.value && !r.value.test(c.secret)) continue;
      return r.rule;
    }
    return undefined;
  };
}

// The same configuration for the ESLint rules: found from ESLint's working directory, like the CLI
// finds it from its own; cached per directory and reloaded when the file changes.

export interface ProjectConfig {
  /** The allow entry that suppresses a finding (file relative to cwd), if any. */
  readonly allowed: (candidate: AllowCandidate) => AllowRule | undefined;
  /** Whether the config's `ignore` globs exclude this absolute path. */
  readonly ignored: (file: string) => boolean;
  /** A bad config file: one line, starting with the file name. */
  readonly error?: string;
}

const NONE: ProjectConfig = { allowed: () => undefined, ignored: () => false };

/** How long a "no config file" answer is trusted before looking again. */
const MISS_TTL_MS = 2000;

interface Entry {
  readonly value: ProjectConfig;
  readonly file?: string;
  readonly mtimeMs?: number;
  readonly at: number;
}

const cache = new Map<string, Entry>();

const mtime = (file: string): number | undefined => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

function load(cwd: string, knownRuleIds: ReadonlySet<string>): Entry {
  const at = Date.now();
  try {
    const loaded = loadConfig({ cwd, knownRuleIds });
    const ignore = loaded.config.ignore ?? [];
    const isIgnored = ignore.length > 0 ? picomatch()([...ignore], { dot: true }) : undefined;
    const value: ProjectConfig = {
      allowed: allowMatcher(loaded, cwd),
      ignored: (file) => {
        if (!isIgnored) return false;
        const rel = path.relative(loaded.dir, path.resolve(cwd, file)).split(path.sep).join("/");
        return !rel.startsWith("../") && isIgnored(rel);
      },
    };
    const m = loaded.file ? mtime(loaded.file) : undefined;
    return { value, at, ...(loaded.file ? { file: loaded.file } : {}), ...(m !== undefined ? { mtimeMs: m } : {}) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { value: { ...NONE, error: error.message.split("\n")[0]! }, at };
  }
}

/** The project configuration seen from `cwd`; `knownRuleIds` are the detector ids an allow entry may name. */
export function projectConfig(cwd: string, knownRuleIds: ReadonlySet<string>): ProjectConfig {
  const hit = cache.get(cwd);
  const fresh = hit && (hit.file ? mtime(hit.file) === hit.mtimeMs : Date.now() - hit.at < MISS_TTL_MS);
  if (hit && fresh) return hit.value;
  const entry = load(cwd, knownRuleIds);
  cache.set(cwd, entry);
  return entry.value;
}
