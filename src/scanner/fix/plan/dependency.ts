/**
 * @azure/identity in package.json: for every JS/TS file whose new text imports it, the nearest
 * package.json inside the working directory must list it. Present: noted. Missing: a warning, or
 * with --add-dependency a change to package.json (formatting kept), shown in the diff and written
 * with the other files.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { eolAt, indentAt, indentUnit, member, parseJsonText, type JsonMember, type JsonNode } from "../../../core/fixes/config/json-text.js";
import { isJsTs } from "../../scan.js";
import type { FixContext, Raw } from "../context.js";
import { readRaw, rel } from "../work.js";

const DEFAULT_IDENTITY_RANGE = "^4.13.1";
const DEP_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
const ENTRY = "@azure/identity";

type JsonObject = Extract<JsonNode, { kind: "object" }>;

export function planDependencies(ctx: FixContext): void {
  const seen = new Set<string>();
  for (const w of ctx.files) {
    if (w.newText === undefined || !isJsTs(w.file) || !w.newText.includes(ENTRY)) continue;
    const pkg = nearestPackageJson(path.dirname(w.raw.abs), path.resolve(ctx.cwd));
    if (!pkg || seen.has(pkg)) continue;
    seen.add(pkg);
    planPackage(ctx, pkg);
  }
}

function planPackage(ctx: FixContext, pkg: string): void {
  const label = rel(ctx.cwd, pkg);
  let raw: Raw;
  let json: Record<string, Record<string, string> | undefined>;
  try {
    raw = readRaw(pkg);
    json = JSON.parse(raw.text ?? "") as typeof json;
  } catch {
    ctx.warnings.push(`${label} is not readable JSON: add @azure/identity to its dependencies by hand`);
    return;
  }
  if (DEP_FIELDS.some((k) => json[k] && typeof json[k] === "object" && Object.hasOwn(json[k]!, ENTRY))) {
    ctx.dependencies.push({ packageJson: label, status: "present" });
    return;
  }
  const range = identityRange(path.dirname(pkg));
  if (!ctx.options.addDependency) {
    ctx.dependencies.push({ packageJson: label, status: "missing", version: range });
    ctx.warnings.push(`${label} does not list @azure/identity: run with --add-dependency (adds "${range}") or npm install @azure/identity`);
    return;
  }
  const after = raw.text !== undefined ? addDependencyText(raw.text, range) : undefined;
  if (after === undefined) {
    ctx.warnings.push(`could not add @azure/identity to ${label}: add it by hand`);
    ctx.dependencies.push({ packageJson: label, status: "missing", version: range });
    return;
  }
  ctx.packages.set(pkg, { file: label, raw, text: after });
  ctx.dependencies.push({ packageJson: label, status: ctx.dryRun ? "would-add" : "added", version: range });
}

/** Nearest package.json from `dir` up to (and including) `top`. */
function nearestPackageJson(dir: string, top: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const p = path.join(d, "package.json");
    if (existsSync(p)) return p;
    if (d === top || path.dirname(d) === d || !d.startsWith(top)) return undefined;
  }
}

/** Caret range of the installed @azure/identity seen from `dir`, or the default. */
function identityRange(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const v = (JSON.parse(readFileSync(path.join(d, "node_modules", "@azure", "identity", "package.json"), "utf8")) as { version?: string }).version;
      if (v && /^\d+\.\d+\.\d+$/.test(v)) return `^${v}`;
    } catch {
      // not installed here
    }
    if (path.dirname(d) === d) return DEFAULT_IDENTITY_RANGE;
  }
}

/** package.json text with `"@azure/identity": range` added to dependencies, formatting kept; undefined if it cannot. */
export function addDependencyText(text: string, range: string): string | undefined {
  const root = parseJsonText(text);
  if (root?.kind !== "object") return undefined;
  const deps = member(root, "dependencies");
  const entry = `"${ENTRY}": ${JSON.stringify(range)}`;
  let out: string | undefined;
  if (deps && deps.value.kind === "object") out = addToDependencies(text, deps, deps.value, entry);
  else if (!deps) out = addDependenciesObject(text, root, entry);
  if (out === undefined) return undefined;
  try {
    JSON.parse(out);
  } catch {
    return undefined;
  }
  return out;
}

/** The entry added to an existing "dependencies" object. */
function addToDependencies(text: string, deps: JsonMember, obj: JsonObject, entry: string): string {
  const ms = obj.members;
  if (ms.length === 0) {
    const eol = eolAt(text, deps.keyStart);
    const ind = indentAt(text, deps.keyStart);
    return `${text.slice(0, obj.start)}{${eol}${ind}${indentUnit(text)}${entry}${eol}${ind}}${text.slice(obj.end)}`;
  }
  // Sorted position when the keys are sorted, else at the end; same indentation as the others.
  const sorted = ms.every((m, i) => i === 0 || ms[i - 1]!.key <= m.key);
  const after = sorted ? ms.filter((m) => m.key < ENTRY).pop() : ms[ms.length - 1];
  const first = ms[0]!;
  const sameLine = !/^[ \t]*$/.test(text.slice(text.lastIndexOf("\n", first.keyStart - 1) + 1, first.keyStart));
  const sep = sameLine ? ", " : `,${eolAt(text, first.keyStart)}${indentAt(text, first.keyStart)}`;
  if (after) return `${text.slice(0, after.valueEnd)}${sep}${entry}${text.slice(after.valueEnd)}`;
  return `${text.slice(0, first.keyStart)}${entry}${sep}${text.slice(first.keyStart)}`;
}

/** A new "dependencies" object holding the entry, after the last member of the root object. */
function addDependenciesObject(text: string, root: JsonObject, entry: string): string {
  const ms = root.members;
  const last = ms[ms.length - 1];
  const eol = eolAt(text, root.start);
  const unit = indentUnit(text);
  if (!last) return `${text.slice(0, root.start)}{${eol}${unit}"dependencies": {${eol}${unit}${unit}${entry}${eol}${unit}}${eol}}${text.slice(root.end)}`;
  const ind = indentAt(text, last.keyStart);
  return `${text.slice(0, last.valueEnd)},${eol}${ind}"dependencies": {${eol}${ind}${unit}${entry}${eol}${ind}}${text.slice(last.valueEnd)}`;
}
