/**
 * Step 5 of `azure-msi fix`: write the changes, atomically and checked for concurrent edits
 * (write/atomic.ts), or with --dry-run only say which files would change. A change that does not
 * reach the disk turns its file's fixes into "not fixed" (the report step reads ctx.failed), and a
 * package.json that was not written still misses @azure/identity.
 */
import type { FixContext } from "./context.js";
import { nodeFs, writeAll, type PendingWrite } from "./write/atomic.js";
import { encode } from "./work.js";

export function writeChanges(ctx: FixContext): void {
  if (ctx.dryRun) {
    for (const c of ctx.changes) ctx.rows.push({ file: c.file, status: "would-change" });
    return;
  }
  const writes: PendingWrite[] = ctx.changes.map((c) => ({ abs: c.raw.abs, file: c.file, before: c.raw.buf, mtimeMs: c.raw.mtimeMs, mode: c.raw.mode, after: encode(c.raw, c.text), ...(c.create ? { create: true } : {}) }));
  for (const o of writeAll(writes, ctx.options.fs ?? nodeFs)) {
    if (o.status === "written") ctx.rows.push({ file: o.file, status: "written" });
    else if (o.status === "changed-meanwhile") {
      ctx.rows.push({ file: o.file, status: "changed-meanwhile", reason: "the file changed while azure-msi fix ran; it was not written" });
      ctx.failed.set(o.file, "the file changed while azure-msi fix ran, so it was not written: run azure-msi fix again");
    } else {
      ctx.rows.push({ file: o.file, status: "not-written", reason: o.reason });
      ctx.failed.set(o.file, `the file was not written (${o.reason})`);
    }
  }
  for (const { file } of ctx.packages.values()) {
    const i = ctx.dependencies.findIndex((d) => d.packageJson === file);
    if (ctx.failed.has(file) && i >= 0) ctx.dependencies[i] = { ...ctx.dependencies[i]!, status: "missing" };
  }
}
