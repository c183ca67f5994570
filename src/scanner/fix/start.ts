/**
 * Step 0 of `azure-msi fix`: check the options and the git state of the paths before anything is
 * read, and make the context the other steps fill in. A dirty tree (without --allow-dirty) or a bad
 * client id stops here with a FixError.
 */
import { spawnSync } from "node:child_process";
import { isClientId } from "../../core/fixes/credential.js";
import { findGitRoot } from "../../project/git-root.js";
import { FixError, type FixContext, type FixOptions } from "./context.js";

export function start(options: FixOptions): FixContext {
  if (options.clientId !== undefined && !isClientId(options.clientId)) throw new FixError(`--client-id must be the client id (a GUID) of a user-assigned identity, got "${options.clientId.slice(0, 40)}"`);
  return {
    options,
    cwd: options.cwd,
    credential: options.credential ?? "default",
    dryRun: options.dryRun === true,
    warnings: checkGit(options),
    files: [],
    scripts: [],
    packages: new Map(),
    dependencies: [],
    moves: [],
    iac: { files: [], unreadable: [], changes: [], notes: [] },
    infra: [],
    infraSecrets: [],
    changes: [],
    diff: "",
    rows: [],
    failed: new Map(),
    azure: [],
  };
}

function git(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): { ok: boolean; out: string } {
  // The caller's environment (GIT_DIR and friends), with a PATH to find git and no prompts.
  const e: NodeJS.ProcessEnv = { ...(env ?? process.env), GIT_TERMINAL_PROMPT: "0" };
  if (!e["PATH"]) e["PATH"] = process.env["PATH"];
  const r = spawnSync("git", [...args], { cwd, encoding: "utf8", env: e, maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout ?? "" };
}

/** Checks before anything is read: git state of the paths. Returns warnings. */
function checkGit(options: FixOptions): string[] {
  const warnings: string[] = [];
  const root = findGitRoot(options.cwd);
  if (root === undefined) {
    warnings.push("not a git repository: there is no history to revert these changes to");
    return warnings;
  }
  const paths = options.paths.length > 0 ? options.paths : ["."];
  const status = git(options.cwd, ["status", "--porcelain", "--untracked-files=all", "--", ...paths], options.env);
  if (!status.ok) {
    warnings.push("git status failed: cannot tell whether the working tree is clean");
  } else if (status.out.trim() !== "" && !options.allowDirty) {
    const n = status.out.trim().split("\n").length;
    throw new FixError(`the git working tree has ${n} uncommitted change${n === 1 ? "" : "s"} under the given paths: commit or stash them first, or pass --allow-dirty`);
  }
  const ignored = git(options.cwd, ["check-ignore", "--", ...paths], options.env);
  for (const p of ignored.out.split("\n").filter(Boolean)) warnings.push(`${p} is ignored by git: there is no history to revert its changes to`);
  return warnings;
}
