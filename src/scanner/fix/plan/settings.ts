/**
 * Azure Functions local.settings.json: connection settings that carry a key become identity-based
 * settings (src/core/fixes/config/functions-settings.ts), with the binding kinds that use each
 * connection name read from the app folder (function.json, host.json, v4 code).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { collectBindings, collectCodeBindings, planFunctionsSettings, type BindingKind, type SettingChange } from "../../../core/fixes/config/functions-settings.js";
import { applyEdits } from "../../../core/fixes/edits.js";
import { resourceNameOf } from "../azure/resources.js";
import { occurrenceKey, type FileWork, type FixContext } from "../context.js";
import { refuse } from "../work.js";
import { manualPath } from "./advice.js";

export function planSettingsFiles(ctx: FixContext, works: readonly FileWork[]): void {
  for (const work of works) planSettingsFile(ctx, work, work.raw.text ?? "");
}

function planSettingsFile(ctx: FixContext, work: FileWork, text: string): void {
  const { clientId } = ctx.options;
  const plan = planFunctionsSettings({
    text,
    findings: work.initial,
    credential: ctx.credential,
    ...(clientId !== undefined ? { clientId } : {}),
    bindings: functionsBindings(path.dirname(work.raw.abs)),
  });
  if ("invalid" in plan) return refuse(work, `the file is ${plan.invalid}`);
  for (const c of plan.changes) recordChange(ctx, work, c);
  for (const m of plan.manual) {
    work.notFixed.set(occurrenceKey(m.finding), `${m.reason ? `${m.reason[0]!.toUpperCase()}${m.reason.slice(1)}. ` : ""}${manualPath(work.file, m.finding)}`);
    work.keys.set(occurrenceKey(m.finding), m.name);
  }
  if (plan.edits.length === 0) return;
  const after = applyEdits(text, plan.edits);
  try {
    JSON.parse(after);
    work.newText = after;
  } catch {
    for (const c of plan.changes) for (const f of c.findings) work.fixed.delete(occurrenceKey(f));
    refuse(work, "the rewritten settings would not be valid JSON");
  }
}

/** One setting moved to its identity-based form: its findings are fixed, its service touched, the move noted for the iac step. */
function recordChange(ctx: FixContext, work: FileWork, c: SettingChange): void {
  const what = c.added.length > 0 ? `${c.name} -> ${c.added.map(([k, v]) => `${k}=${v}`).join(", ")}` : `removed ${c.name} (${c.existing.join(", ")} already set)`;
  for (const f of c.findings) {
    work.fixed.set(occurrenceKey(f), `identity-based connection: ${what}${c.note ? `; ${c.note}` : ""}`);
    work.keys.set(occurrenceKey(f), c.name);
  }
  const fromFields = c.findings.map((f) => resourceNameOf(f.fields)).find(Boolean);
  const name = c.service === "storage" ? c.added.find(([k]) => /__accountName$/.test(k))?.[1] ?? fromFields : fromFields;
  work.touched.push({ service: c.service, resources: new Set(name ? [name] : []), hostStorage: c.name === "AzureWebJobsStorage", roles: c.roles });
  ctx.moves.push({ name: c.name, service: c.service, added: c.added });
}

/** Binding kinds per connection name for a Functions app folder (function.json one level down, host.json, v4 code). */
function functionsBindings(dir: string): Map<string, Set<BindingKind>> {
  const map = new Map<string, Set<BindingKind>>();
  const load = (file: string): void => {
    try {
      collectBindings(JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")), map);
    } catch {
      // unreadable or not JSON: no binding information
    }
  };
  if (existsSync(path.join(dir, "host.json"))) load(path.join(dir, "host.json"));
  for (const e of listDir(dir)) {
    const f = path.join(dir, e, "function.json");
    if (existsSync(f)) load(f);
  }
  // Node.js v4 programming model: bindings declared in code (src/functions/*.js|ts by convention).
  for (const sub of ["src/functions", "src", "functions", "."]) {
    const files = listDir(path.join(dir, sub)).filter((n) => /\.(?:[cm]?[jt]s)$/.test(n)).slice(0, 200);
    for (const n of files) {
      try {
        collectCodeBindings(readFileSync(path.join(dir, sub, n), "utf8"), map);
      } catch {
        // unreadable: no binding information
      }
    }
  }
  return map;
}

const listDir = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};
