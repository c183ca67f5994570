/**
 * Step 2 of `azure-msi fix`: decide, for every finding of every file found, whether it is fixed
 * (and the new text of its file) or not (and why, with the manual path). By kind of file:
 *
 * - JS/TS: the same FixPlans as the ESLint rule (plan/js.ts), file by file; then the rewrites
 *   across files over one TypeScript program of every JS/TS file walked, and the type check of
 *   every rewrite (plan/cross-file.ts);
 * - Azure Functions local.settings.json: identity-based connection settings (plan/settings.ts);
 * - any other file: no rewrite, the manual path by kind of file (plan/advice.ts).
 *
 * Then a safety net over every new text, and @azure/identity in package.json (plan/dependency.ts).
 * A file that holds merge conflict markers is left alone.
 */
import { isLocalSettings } from "../../core/fixes/config/functions-settings.js";
import { isJsTs } from "../scan.js";
import { occurrenceKey, type FileWork, type FixContext } from "./context.js";
import { keyNameAt, manualPath } from "./plan/advice.js";
import { planCrossFile } from "./plan/cross-file.js";
import { planDependencies } from "./plan/dependency.js";
import { parseJs, planJsFiles } from "./plan/js.js";
import { planSettingsFiles } from "./plan/settings.js";
import { refuse } from "./work.js";

const CONFLICT = /^(?:<{7}(?: |$)|={7}$|>{7}(?: |$))/m;

export function planFixes(ctx: FixContext): void {
  const js: FileWork[] = [];
  const settings: FileWork[] = [];
  for (const w of ctx.files) {
    // A file left alone by the find step (unreadable, not UTF-8) has no text to plan on.
    if (w.skipped !== undefined || w.raw.text === undefined) continue;
    const rewritable = isJsTs(w.file) || isLocalSettings(w.file);
    if (rewritable && CONFLICT.test(w.raw.text)) refuse(w, "the file has unresolved merge conflict markers");
    else if (isJsTs(w.file)) js.push(w);
    else if (isLocalSettings(w.file)) settings.push(w);
    else planManual(w, w.raw.text);
  }
  planJsFiles(ctx, js);
  planSettingsFiles(ctx, settings);
  planCrossFile(ctx);
  for (const w of ctx.files) verify(w);
  planDependencies(ctx);
}

/** No identity-based form in this kind of file: the manual path, and the key the value sits under. */
function planManual(work: FileWork, text: string): void {
  for (const f of work.initial) {
    work.notFixed.set(occurrenceKey(f), `No identity-based form in this kind of file. ${manualPath(work.file, f, text)}`);
    const key = keyNameAt(work.file, text, f.container?.start ?? f.start, f.container?.end ?? f.end);
    if (key) work.keys.set(occurrenceKey(f), key);
  }
}

/**
 * Safety net on every new text: it parses and has no conflict markers. (A second run changes
 * nothing: JS/TS rewrites stop only when no plan applies, settings keep no secret-bearing value.)
 */
function verify(w: FileWork): void {
  if (w.newText === undefined) return;
  const bad = isJsTs(w.file) ? "error" in parseJs(w.newText, w.file) : !isValidJson(w.newText);
  if (!bad && !CONFLICT.test(w.newText)) return;
  for (const [k] of w.fixed) w.notFixed.set(k, "The rewritten file would not parse, so it was left as it was: fix it by hand.");
  w.fixed.clear();
  w.touched.length = 0;
  delete w.newText;
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
