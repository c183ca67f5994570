/**
 * Step 4 of `azure-msi fix`: collect every new text (fixed files, package.json, infrastructure code)
 * in file order and render their unified diff (diff/unified.ts). Every line of the diff is masked with
 * the secrets of all files found and of the infrastructure files edited, so a removed line never shows a full secret. Always computed:
 * --dry-run prints it.
 */
import { maskAll } from "../../core/report/redact.js";
import type { Change, FixContext } from "./context.js";
import { unifiedDiff } from "./diff/unified.js";

export function renderDiff(ctx: FixContext): void {
  const changes: Change[] = [];
  for (const w of ctx.files) if (w.newText !== undefined) changes.push({ file: w.file, raw: w.raw, text: w.newText });
  changes.push(...ctx.packages.values(), ...ctx.infra);
  changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const secrets = [...ctx.files.flatMap((w) => w.initial.map((f) => f.secret)), ...ctx.infraSecrets];
  ctx.changes = changes;
  ctx.diff = changes.map((c) => unifiedDiff(c.raw.text ?? "", c.text, { path: c.file, mask: (l) => maskAll(l, secrets) })).join("");
}
