/**
 * Step 1 of `azure-msi fix`: find every file with findings. The scanner's walk (given paths,
 * .gitignore, config ignore globs); each file with a finding is read again as bytes for fixing
 * (the writer later checks the file still holds them). Findings: the engine, inline suppressions
 * and the config allow list; info-level findings (the storage emulator key) are not fixed.
 */
import path from "node:path";
import { scanText } from "../../core/index.js";
import { LineIndex } from "../../core/text/lines.js";
import { applyInlineSuppressions } from "../../core/engine/suppress.js";
import type { Finding } from "../../core/types.js";
import { walkFiles } from "../files.js";
import { isJsTs } from "../scan.js";
import type { FileWork, FixContext, FixOptions, Raw } from "./context.js";
import { readRaw, refuse } from "./work.js";

/** The findings the fix works on: engine, inline suppressions, config allow list; no info. */
export function findingsOf(text: string, file: string, allow: FixOptions["allow"]): Finding[] {
  const { kept } = applyInlineSuppressions(text, scanText(text, { path: file }));
  return kept.filter((f) => f.severity !== "info" && !allow?.({ file, ruleId: f.ruleId, secret: f.secret }));
}

/** Fill `ctx.files` with every file that has findings, in walk order, and `ctx.scripts` with every JS/TS file. */
export async function findFiles(ctx: FixContext): Promise<void> {
  const { options } = ctx;
  for await (const entry of walkFiles(options.paths, {
    cwd: options.cwd,
    gitignore: options.gitignore !== false,
    ...(options.ignore ? { ignore: options.ignore } : {}),
    ...(options.ignoreBase ? { ignoreBase: options.ignoreBase } : {}),
  })) {
    if ("skipped" in entry) continue;
    if (isJsTs(entry.file)) ctx.scripts.push({ file: entry.file, abs: path.resolve(ctx.cwd, entry.file), text: entry.text });
    const found = findingsOf(entry.text, entry.file, options.allow);
    if (found.length > 0) ctx.files.push(readWork(ctx, entry.file, entry.text, found));
  }
}

/** The file read again for fixing; a symbolic link, an unreadable or non-UTF-8 file is left alone. */
function readWork(ctx: FixContext, file: string, walkedText: string, found: readonly Finding[]): FileWork {
  const abs = path.resolve(ctx.cwd, file);
  let raw: Raw;
  let unreadable: string | undefined;
  try {
    raw = readRaw(abs);
  } catch (error) {
    unreadable = (error as NodeJS.ErrnoException).code === "ESYMLINK" ? "the file is a symbolic link, so it is not rewritten" : "the file could not be read again";
    raw = { abs, buf: Buffer.alloc(0), mtimeMs: 0, mode: 0, bom: false };
  }
  const text = raw.text;
  const work: FileWork = {
    file,
    raw,
    lines: new LineIndex(text ?? walkedText),
    initial: text !== undefined ? findingsOf(text, file, ctx.options.allow) : found,
    fixed: new Map(),
    notFixed: new Map(),
    keys: new Map(),
    touched: [],
  };
  if (unreadable !== undefined) refuse(work, unreadable);
  else if (text === undefined) refuse(work, "the file is not UTF-8, so it is not rewritten");
  return work;
}
