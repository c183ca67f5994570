/**
 * Finding the infrastructure code of a repository: Bicep files, Terraform modules (a folder of
 * .tf files) and ARM templates (JSON with a deploymentTemplate $schema), each read with positions
 * and turned into a list of resources that matter to the fix (compute, targets, user-assigned
 * identities, existing role assignments). A file that does not parse is listed as unreadable and
 * never edited.
 */
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { parseJsonText, member, type JsonNode } from "../../../core/fixes/config/json-text.js";
import { DEFAULT_IGNORED_DIRS } from "../../files.js";
import { prop, readBicep, type BicepFile, type BicepResource } from "./bicep-reader.js";
import { attr, readHcl, type HclBlock, type HclFile } from "./hcl-reader.js";
import { ARM_COMPUTE, TF_COMPUTE, targetByArm, targetByTf, type ComputeType, type TargetType } from "./resources.js";

export type IacFormat = "bicep" | "terraform" | "arm";

/** A file as read (for the atomic writer: bytes, mtime, mode). */
export interface IacSource {
  /** Relative to cwd, `/` separators. */
  readonly file: string;
  readonly abs: string;
  readonly buf: Buffer;
  readonly mtimeMs: number;
  readonly mode: number;
  readonly bom: boolean;
  readonly text: string;
}

interface ResourceBase {
  readonly file: string;
  /** Bicep symbol, Terraform address (type.name), ARM resource name expression. */
  readonly ref: string;
  readonly type: string;
  /** The resource's name when it is a literal (or a param/var with a literal value). */
  readonly literalName?: string;
  readonly existing: boolean;
  readonly compute?: ComputeType;
  readonly target?: TargetType;
  /** Functions app (Bicep/ARM kind contains "functionapp", or an azurerm function app type). */
  readonly functions?: boolean;
}

export type IacResource =
  | (ResourceBase & { readonly format: "bicep"; readonly node: BicepResource })
  | (ResourceBase & { readonly format: "terraform"; readonly node: HclBlock })
  | (ResourceBase & { readonly format: "arm"; readonly node: Extract<JsonNode, { kind: "object" }> });

/** One unit whose resources can reference each other: a Bicep file, a Terraform folder, an ARM template. */
export interface IacModule {
  readonly format: IacFormat;
  /** The file (Bicep, ARM) or folder (Terraform). */
  readonly id: string;
  readonly sources: readonly IacSource[];
  readonly resources: readonly IacResource[];
  readonly bicep?: ReadonlyMap<string, BicepFile>;
  readonly hcl?: ReadonlyMap<string, HclFile>;
}

export interface Discovery {
  readonly modules: readonly IacModule[];
  /** Infrastructure files that could not be read or parsed: never edited. */
  readonly unreadable: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
}

const MAX_FILES = 2000;
const MAX_SIZE = 2 * 1024 * 1024;
const IGNORED = new Set(DEFAULT_IGNORED_DIRS);

/** Infrastructure files under `root` (dot folders, node_modules and build folders skipped). */
function listIacFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!IGNORED.has(e.name) && !e.name.startsWith(".")) walk(p);
      } else if (e.isFile() && /\.(?:bicep|tf|json)$/i.test(e.name) && !/\.tfvars\.json$|^local\.settings\.json$|^package(?:-lock)?\.json$/i.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

const ARM_SCHEMA = /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json#?"/i;

/** Whether a .json file is an ARM template: its $schema, from the first 4 KB only. */
function isArmTemplate(abs: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(abs, "r");
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return ARM_SCHEMA.test(head.subarray(0, n).toString("utf8"));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readSource(cwd: string, abs: string): IacSource | { file: string; reason: string } {
  const file = path.relative(cwd, abs).split(path.sep).join("/");
  try {
    if (lstatSync(abs).isSymbolicLink()) return { file, reason: "a symbolic link" };
    const st = statSync(abs);
    if (st.size > MAX_SIZE) return { file, reason: "larger than 2 MB" };
    const buf = readFileSync(abs);
    const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    const body = bom ? buf.subarray(3) : buf;
    const text = body.toString("utf8");
    if (!Buffer.from(text, "utf8").equals(body)) return { file, reason: "not UTF-8" };
    return { file, abs, buf, mtimeMs: st.mtimeMs, mode: st.mode, bom, text };
  } catch {
    return { file, reason: "could not be read" };
  }
}

const CONFLICT = /^(?:<{7}(?: |$)|={7}$|>{7}(?: |$))/m;

/** The literal a Bicep expression stands for: a string, or a param/var holding one. */
function bicepLiteral(file: BicepFile, node: ReturnType<typeof prop>): string | undefined {
  if (!node) return undefined;
  const v = node.value;
  if (v.kind === "string") return v.value;
  if (v.kind === "expr" && /^[A-Za-z_]\w*$/.test(v.text)) return file.literals.get(v.text);
  return undefined;
}

function bicepResources(file: string, parsed: BicepFile): IacResource[] {
  const out: IacResource[] = [];
  for (const r of parsed.resources) {
    if (r.loop) continue;
    const lower = r.type.toLowerCase();
    const compute = ARM_COMPUTE[lower];
    const target = targetByArm(r.type);
    const kind = r.body ? prop(r.body, "kind") : undefined;
    const functions = lower === "microsoft.web/sites" && kind?.value.kind === "string" && /functionapp/i.test(kind.value.value ?? "");
    const literalName = r.body ? bicepLiteral(parsed, prop(r.body, "name")) : undefined;
    out.push({
      format: "bicep",
      file,
      ref: r.symbol,
      type: r.type,
      ...(literalName !== undefined ? { literalName } : {}),
      existing: r.existing,
      ...(compute ? { compute } : {}),
      ...(target ? { target } : {}),
      ...(functions ? { functions } : {}),
      node: r,
    });
  }
  return out;
}

/** Terraform string literal: `"name"` without templates, or var.x / local.x with a literal default. */
function tfLiteral(value: string | undefined, vars: ReadonlyMap<string, string>): string | undefined {
  if (value === undefined) return undefined;
  const m = /^"([^"\\$%]*)"$/.exec(value.trim());
  if (m) return m[1];
  return vars.get(value.trim());
}

function tfResources(file: string, parsed: HclFile, vars: ReadonlyMap<string, string>): IacResource[] {
  const out: IacResource[] = [];
  for (const b of parsed.blocks) {
    const existing = b.type === "data";
    if ((b.type !== "resource" && b.type !== "data") || b.labels.length !== 2) continue;
    if (attr(b, "count") || attr(b, "for_each")) continue;
    const [type, name] = b.labels as [string, string];
    const compute = existing ? undefined : TF_COMPUTE[type];
    const target = targetByTf(type);
    const literalName = tfLiteral(attr(b, "name")?.value, vars);
    out.push({
      format: "terraform",
      file,
      ref: `${existing ? "data." : ""}${type}.${name}`,
      type,
      ...(literalName !== undefined ? { literalName } : {}),
      existing,
      ...(compute ? { compute } : {}),
      ...(target ? { target } : {}),
      ...(compute?.kind === "functions" ? { functions: true } : {}),
      node: b,
    });
  }
  return out;
}

/** `var.x` -> default, `local.x` -> value, when they are string literals. */
function tfVariables(files: ReadonlyMap<string, HclFile>): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files.values()) {
    for (const b of f.blocks) {
      if (b.type === "variable" && b.labels.length === 1) {
        const d = tfLiteral(attr(b, "default")?.value, new Map());
        if (d !== undefined) out.set(`var.${b.labels[0]}`, d);
      }
      if (b.type === "locals") {
        for (const it of b.items) {
          if (it.kind !== "attribute") continue;
          const d = tfLiteral(it.value, new Map());
          if (d !== undefined) out.set(`local.${it.name}`, d);
        }
      }
    }
  }
  return out;
}

function armResources(file: string, root: Extract<JsonNode, { kind: "object" }>, params: ReadonlyMap<string, string>): IacResource[] {
  const out: IacResource[] = [];
  const list = member(root, "resources")?.value;
  const items = list?.kind === "array" ? list.items : list?.kind === "object" ? list.members.map((m) => m.value) : [];
  for (const r of items) {
    if (r.kind !== "object") continue;
    const type = member(r, "type")?.value;
    const name = member(r, "name")?.value;
    if (type?.kind !== "string" || name?.kind !== "string" || member(r, "copy")) continue;
    const compute = ARM_COMPUTE[type.value.toLowerCase()];
    const target = targetByArm(type.value);
    const kind = member(r, "kind")?.value;
    const p = /^\[parameters\('([^']+)'\)\]$/.exec(name.value);
    const literalName = name.value.startsWith("[") ? (p ? params.get(p[1]!) : undefined) : name.value;
    out.push({
      format: "arm",
      file,
      ref: name.value,
      type: type.value,
      ...(literalName !== undefined ? { literalName } : {}),
      existing: member(r, "existing")?.value.kind === "other",
      ...(compute ? { compute } : {}),
      ...(target ? { target } : {}),
      ...(type.value.toLowerCase() === "microsoft.web/sites" && kind?.kind === "string" && /functionapp/i.test(kind.value) ? { functions: true } : {}),
      node: r,
    });
  }
  return out;
}

/** Every infrastructure module under `root` (relative paths from `cwd`). */
export function discover(cwd: string, root = cwd): Discovery {
  const unreadable: Array<{ file: string; reason: string }> = [];
  const modules: IacModule[] = [];
  const tfDirs = new Map<string, IacSource[]>();
  for (const abs of listIacFiles(root)) {
    const ext = path.extname(abs).toLowerCase();
    // Other JSON files are not read at all.
    if (ext === ".json" && !isArmTemplate(abs)) continue;
    const src = readSource(cwd, abs);
    if (!("text" in src)) {
      unreadable.push(src);
      continue;
    }
    if (CONFLICT.test(src.text)) {
      unreadable.push({ file: src.file, reason: "it has merge conflict markers" });
      continue;
    }
    if (ext === ".bicep") {
      const parsed = readBicep(src.text);
      if ("error" in parsed) {
        unreadable.push({ file: src.file, reason: `it does not parse (${parsed.error})` });
        continue;
      }
      modules.push({ format: "bicep", id: src.file, sources: [src], resources: bicepResources(src.file, parsed), bicep: new Map([[src.file, parsed]]) });
    } else if (ext === ".tf") {
      const dir = path.dirname(src.file);
      tfDirs.set(dir, [...(tfDirs.get(dir) ?? []), src]);
    } else {
      const root = parseJsonText(src.text);
      if (root?.kind !== "object") {
        unreadable.push({ file: src.file, reason: "it is not valid JSON" });
        continue;
      }
      const params = new Map<string, string>();
      const ps = member(root, "parameters")?.value;
      if (ps?.kind === "object") {
        for (const m of ps.members) {
          const d = m.value.kind === "object" ? member(m.value, "defaultValue")?.value : undefined;
          if (d?.kind === "string") params.set(m.key, d.value);
        }
      }
      modules.push({ format: "arm", id: src.file, sources: [src], resources: armResources(src.file, root, params) });
    }
  }
  for (const [dir, sources] of tfDirs) {
    const parsed = new Map<string, HclFile>();
    let bad = false;
    for (const s of sources) {
      const p = readHcl(s.text);
      if ("error" in p) {
        unreadable.push({ file: s.file, reason: `it does not parse (${p.error})` });
        bad = true;
      } else parsed.set(s.file, p);
    }
    // A module with a file we cannot read is not edited at all (references may live there).
    if (bad) {
      for (const s of sources) if (parsed.has(s.file)) unreadable.push({ file: s.file, reason: "another .tf file of its folder does not parse" });
      continue;
    }
    const vars = tfVariables(parsed);
    const resources = sources.flatMap((s) => tfResources(s.file, parsed.get(s.file)!, vars));
    modules.push({ format: "terraform", id: dir === "." ? "*.tf" : `${dir}/*.tf`, sources, resources, hcl: parsed });
  }
  modules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  unreadable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { modules, unreadable };
}
