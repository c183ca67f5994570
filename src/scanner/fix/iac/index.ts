/**
 * The infrastructure step of `azure-msi fix`: from the fix's "what to do in Azure" steps (service,
 * catalog roles, resource names) and the Functions settings it moved, find the Bicep, Terraform
 * and ARM code of the repository (discover.ts), decide the identity, role assignments, key
 * switches and app settings (plan.ts), and write them as minimal edits (render-bicep.ts,
 * render-terraform.ts) or, with --emit-iac, as one standalone module instead (emit.ts).
 *
 *   iacStep(input) -> { report, changed, secrets, warnings }
 *
 * `changed` holds new file texts for the fix's diff and atomic writer; nothing is written here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { scanText } from "../../../core/index.js";
import type { AzureStep } from "../azure/assignments.js";
import { findGitRoot } from "../../../project/git-root.js";
import { discover, type IacSource } from "./discover.js";
import { emitModule, type EmitFormat } from "./emit.js";
import { planModule, type FormatHooks, type SettingMove } from "./plan.js";
import { bicepHooks, editBicep } from "./render-bicep.js";
import { editTerraform, terraformHooks } from "./render-terraform.js";
import { armHooks, editArm } from "./render-arm.js";
import type { IacChange } from "./text.js";

export type { SettingMove } from "./plan.js";
export type { IacChange } from "./text.js";
export type { EmitFormat } from "./emit.js";

export interface IacInput {
  readonly cwd: string;
  /** The paths given to `fix` (default "."): the infrastructure is looked for in their repository. */
  readonly paths?: readonly string[];
  readonly steps: readonly AzureStep[];
  readonly moves: readonly SettingMove[];
  /** The code uses a user-assigned identity (--client-id). */
  readonly userAssigned: boolean;
  readonly disableLocalAuth: boolean;
  readonly emit?: { readonly format: EmitFormat; readonly file: string };
  readonly allowDirty: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** The infrastructure part of the fix report (`iac` in --format json). */
export interface IacReport {
  /** Infrastructure files found (relative paths). */
  readonly files: readonly string[];
  /** Files that could not be parsed: never edited. */
  readonly unreadable: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
  readonly changes: readonly IacChange[];
  readonly notes: readonly string[];
  /** The module written by --emit-iac. */
  readonly emitted?: { readonly format: EmitFormat; readonly file: string; readonly status: "proposed" | "present" };
}

export interface IacChanged {
  readonly file: string;
  readonly raw: Omit<IacSource, "file">;
  readonly text: string;
  /** A new file (--emit-iac): it must not exist when written. */
  readonly create?: boolean;
}

export interface IacResult {
  readonly report: IacReport;
  readonly changed: readonly IacChanged[];
  /** Secrets found in the edited files, to mask in the diff. */
  readonly secrets: readonly string[];
  readonly warnings: readonly string[];
}

/** Thrown for a bad --emit-iac path (exit 2). */
export class IacUsageError extends Error {}

const HOOKS: Record<"bicep" | "terraform" | "arm", FormatHooks> = { bicep: bicepHooks, terraform: terraformHooks, arm: armHooks };

function dirtyFiles(cwd: string, files: readonly string[], env?: NodeJS.ProcessEnv): Set<string> {
  if (files.length === 0) return new Set();
  const e: NodeJS.ProcessEnv = { ...(env ?? process.env), GIT_TERMINAL_PROMPT: "0" };
  if (!e["PATH"]) e["PATH"] = process.env["PATH"];
  const r = spawnSync("git", ["status", "--porcelain", "--", ...files], { cwd, encoding: "utf8", env: e });
  if (r.status !== 0) return new Set();
  const top = spawnSync("git", ["rev-parse", "--show-prefix"], { cwd, encoding: "utf8", env: e }).stdout?.trim() ?? "";
  const out = new Set<string>();
  for (const line of (r.stdout ?? "").split("\n")) {
    const p = line.slice(3).trim().replace(/^"|"$/g, "");
    if (p) out.add(top && p.startsWith(top) ? p.slice(top.length) : p);
  }
  return out;
}

/**
 * Where the app's infrastructure is looked for: the git repository holding the given paths
 * (Bicep/Terraform usually sit beside the code, in infra/), else the folder that holds them all.
 * Never the working directory as such: `fix ../other-app` reads the other app's infrastructure.
 */
export function infrastructureRoot(cwd: string, paths: readonly string[]): string {
  const dirs = (paths.length > 0 ? paths : ["."]).map((p) => {
    const abs = path.resolve(cwd, p);
    return existsSync(abs) && !statSync(abs).isDirectory() ? path.dirname(abs) : abs;
  });
  let common = dirs[0]!;
  for (const d of dirs.slice(1)) {
    while (common !== path.dirname(common) && path.relative(common, d).startsWith("..")) common = path.dirname(common);
  }
  return findGitRoot(common) ?? common;
}

export function iacStep(input: IacInput): IacResult {
  const steps = input.steps
    .filter((s) => s.kind === "shell")
    .map((s) => ({ service: s.service, roles: s.roles, resources: s.resources ?? [], ...(s.hostStorage ? { hostStorage: true } : {}) }));
  if (input.emit) return emit(input, steps);
  // Nothing moved to identity: nothing to grant, the infrastructure code is not read.
  if (steps.length === 0 && input.moves.length === 0) return { report: { files: [], unreadable: [], changes: [], notes: [] }, changed: [], secrets: [], warnings: [] };
  const found = discover(input.cwd, infrastructureRoot(input.cwd, input.paths ?? []));
  const files = found.modules.flatMap((m) => m.sources.map((s) => s.file)).sort();
  const notes: string[] = [];
  const changes: IacChange[] = [];
  const texts = new Map<string, string>();
  const sources = new Map<string, IacSource>();
  {
    for (const module of found.modules) {
      for (const s of module.sources) sources.set(s.file, s);
      const plan = planModule(module, steps, input.moves, { userAssigned: input.userAssigned, disableLocalAuth: input.disableLocalAuth }, HOOKS[module.format]);
      notes.push(...plan.notes);
      if (module.format === "bicep" || module.format === "arm") {
        const r = module.format === "bicep" ? editBicep(plan) : editArm(plan);
        notes.push(...r.notes);
        changes.push(...r.changes);
        if (r.text !== undefined) texts.set(module.sources[0]!.file, r.text);
      } else {
        const r = editTerraform(plan);
        notes.push(...r.notes);
        changes.push(...r.changes);
        for (const [f, t] of r.texts) texts.set(f, t);
      }
    }
  }
  const warnings: string[] = [];
  const dirty = input.allowDirty ? new Set<string>() : dirtyFiles(input.cwd, [...texts.keys()], input.env);
  const changed: IacChanged[] = [];
  const secrets: string[] = [];
  for (const [file, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (dirty.has(file)) {
      warnings.push(`${file} has uncommitted changes: its infrastructure edits were left out (commit or stash it, or pass --allow-dirty)`);
      for (let i = changes.length - 1; i >= 0; i--) if (changes[i]!.file === file && changes[i]!.status === "proposed") changes.splice(i, 1);
      continue;
    }
    const src = sources.get(file)!;
    changed.push({ file, raw: src, text });
    for (const f of scanText(src.text, { path: file })) secrets.push(f.secret);
  }
  return { report: { files, unreadable: found.unreadable, changes, notes: [...new Set(notes)] }, changed, secrets, warnings };
}

function emit(input: IacInput, steps: Parameters<typeof emitModule>[1]): IacResult {
  const { format, file } = input.emit!;
  const abs = path.resolve(input.cwd, file);
  const rel = path.relative(input.cwd, abs).split(path.sep).join("/");
  if (!existsSync(path.dirname(abs)) || !statSync(path.dirname(abs)).isDirectory()) throw new IacUsageError(`--emit-iac: the folder of ${file} does not exist`);
  const { text, notes } = emitModule(format, steps);
  const report = (status: "proposed" | "present"): IacReport => ({ files: [], unreadable: [], changes: [], notes, emitted: { format, file: rel, status } });
  if (text === undefined) return { report: { files: [], unreadable: [], changes: [], notes }, changed: [], secrets: [], warnings: [] };
  if (!existsSync(abs)) {
    return { report: report("proposed"), changed: [{ file: rel, raw: { abs, buf: Buffer.alloc(0), mtimeMs: 0, mode: 0o644, bom: false, text: "" }, text, create: true }], secrets: [], warnings: [] };
  }
  let before: Buffer;
  try {
    if (!statSync(abs).isFile()) throw new Error("not a file");
    before = readFileSync(abs);
  } catch {
    throw new IacUsageError(`--emit-iac: ${file} is not a readable file`);
  }
  const st = statSync(abs);
  if (before.toString("utf8") === text) return { report: report("present"), changed: [], secrets: [], warnings: [] };
  // Only a module this command wrote before is replaced.
  if (!/^(?:\/\/|#) Role assignments for the app's managed identity, written by `azure-msi fix --emit-iac/.test(before.toString("utf8"))) {
    throw new IacUsageError(`--emit-iac: ${file} exists and was not written by azure-msi fix; choose another file`);
  }
  return { report: report("proposed"), changed: [{ file: rel, raw: { abs, buf: before, mtimeMs: st.mtimeMs, mode: st.mode, bom: false, text: before.toString("utf8") }, text }], secrets: [], warnings: [] };
}

