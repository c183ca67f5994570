/**
 * Helpers for the CI-gate tests: real temporary git repositories and runs of the built CLI.
 * Fake secrets are generated here at test time (src/core/keys/fake.ts); nothing realistic is committed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fakeHex } from "../../src/core/keys/fake.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = join(ROOT, "bin", "azure-msi.js");

/** A Databricks token: the one format whose detector is part of the skeleton. */
export const fakeToken = (label: string): string => `dapi${fakeHex(32, `gate-${label}`)}`;

/** Environment for git and the CLI that ignores the machine's global and system git config. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("GIT_")) delete env[k];
  delete env.NO_COLOR;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Test Author",
    GIT_AUTHOR_EMAIL: "author@example.com",
    GIT_COMMITTER_NAME: "Test Committer",
    GIT_COMMITTER_EMAIL: "committer@example.com",
    ...extra,
  };
}

export interface Repo {
  readonly dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  remove(path: string): void;
  commit(message: string, date?: string): string;
  cleanup(): void;
}

export function makeRepo(prefix = "azure-msi-gate "): Repo {
  // A space and non-ASCII characters in the repository path itself.
  const dir = mkdtempSync(join(tmpdir(), `${prefix}é-`));
  const env = cleanEnv();
  const git = (...args: string[]): string => execFileSync("git", args, { cwd: dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Test Author");
  git("config", "user.email", "author@example.com");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    remove(path) {
      rmSync(join(dir, path));
    },
    commit(message, date) {
      const e = date ? { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : env;
      execFileSync("git", ["commit", "-q", "--allow-empty", "-m", message], { cwd: dir, env: e, stdio: "ignore" });
      return git("rev-parse", "HEAD").trim();
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A depth-1 clone of `r` with branch `feature` checked out, whose merge base with `origin/main`
 * is not in the clone (main and feature each moved on after the fork). The caller removes it.
 */
export function shallowFeatureClone(r: Repo): string {
  r.write("a.txt", "a\n");
  r.git("add", ".");
  r.commit("base");
  r.git("checkout", "-q", "-b", "feature");
  for (let i = 0; i < 3; i++) {
    r.write("a.txt", `a${i}\n`);
    r.git("add", ".");
    r.commit(`f${i}`);
  }
  r.git("checkout", "-q", "main");
  r.write("m.txt", "m\n");
  r.git("add", ".");
  r.commit("m");
  const clone = mkdtempSync(join(tmpdir(), "azure-msi-shallow-"));
  const env = cleanEnv();
  execFileSync("git", ["clone", "-q", "--depth", "1", "--no-single-branch", `file://${r.dir}`, clone], { env, stdio: "ignore" });
  execFileSync("git", ["checkout", "-q", "feature"], { cwd: clone, env });
  return clone;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the BUILT CLI (`npm run build` first) in `cwd`. */
export function runCli(cwd: string, args: readonly string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: cleanEnv({ NO_COLOR: "1", ...env }), encoding: "utf8", timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Collect an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * A blob-less partial clone of `r` (`git clone --filter=blob:none` over file://, the origin allowing
 * filters): HEAD's files are there, the older versions of files are not. The caller removes it.
 */
export function partialClone(r: Repo): string {
  r.git("config", "uploadpack.allowFilter", "true");
  const clone = mkdtempSync(join(tmpdir(), "azure-msi-partial-"));
  execFileSync("git", ["clone", "-q", "--no-local", "--filter=blob:none", `file://${r.dir}`, clone], { env: cleanEnv(), stdio: "ignore" });
  return clone;
}

/** The objects of HEAD's history that the repository at `dir` lacks (`rev-list --missing=print`, which never fetches). */
export function missingObjects(dir: string): string[] {
  const out = execFileSync("git", ["rev-list", "--objects", "--no-object-names", "--missing=print", "HEAD"], { cwd: dir, env: cleanEnv(), encoding: "utf8" });
  return out.split("\n").filter((l) => l.startsWith("?"));
}
