/**
 * The project's `.azure-msi.json` (or `package.json#azureMsi`), as `azure-msi scan` reads it, so
 * that the rule and the scanner agree on `allow` entries and `ignore` globs. Found from ESLint's
 * working directory, like the CLI finds it from its own; cached per directory and reloaded when the
 * file changes.
 */
import { statSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { DETECTORS } from "../core/detectors/index.js";
import { ConfigError, allowMatcher, loadConfig, type AllowCandidate, type AllowRule } from "../scanner/config.js";

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

function load(cwd: string): Entry {
  const at = Date.now();
  try {
    const loaded = loadConfig({ cwd, knownRuleIds: new Set(DETECTORS.map((d) => d.id)) });
    const ignore = loaded.config.ignore ?? [];
    const isIgnored = ignore.length > 0 ? picomatch([...ignore], { dot: true }) : undefined;
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

/** The project configuration seen from `cwd`. */
export function projectConfig(cwd: string): ProjectConfig {
  const hit = cache.get(cwd);
  const fresh = hit && (hit.file ? mtime(hit.file) === hit.mtimeMs : Date.now() - hit.at < MISS_TTL_MS);
  if (hit && fresh) return hit.value;
  const entry = load(cwd);
  cache.set(cwd, entry);
  return entry.value;
}
