/**
 * Sink builders shared by the Azure Storage families (blob, queue, file share, data lake, tables):
 * the same two construction shapes, with the service's endpoint derived from the connection string.
 */
import { callOf, newOf, type Sink } from "./sink.js";

export const FILE_INTENT = { fileRequestIntent: '"backup"' };
export const FILE_CAVEAT =
  'Azure Files accepts Entra tokens over REST only with `fileRequestIntent: "backup"`, which grants admin-level access that bypasses file and directory ACLs; share management still needs ARM.';

/** Storage service clients built from a connection string: `X.fromConnectionString(cs, options?)`. */
export function storageFromCs(id: string, service: "blob" | "queue" | "file" | "dfs" | "table", modules: string[], cls: string): Sink {
  const file = service === "file";
  return {
    id,
    service: "storage",
    modules,
    callee: callOf(cls, "fromConnectionString"),
    form: `${cls}.fromConnectionString(connectionString)`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}("https://<account>.${service}.core.windows.net", credential${file ? ', { fileRequestIntent: "backup" }' : ""})`,
    rewrite: {
      type: "construct",
      callee: newOf(cls),
      args: [
        { from: "endpoint", endpoint: service },
        { from: "credential" },
        file ? { from: "options-with", index: 1, properties: FILE_INTENT } : { from: "rest", index: 1 },
      ],
    },
    ...(file ? { caveat: FILE_CAVEAT } : {}),
  };
}

/** Storage clients whose constructor takes `(cs, name..., options?)`: the names join the URL. */
export function storageNamed(id: string, service: "blob" | "queue" | "file", modules: string[], cls: string, names: string[]): Sink {
  const file = service === "file";
  const append = names.map((_, i) => i + 1);
  const restIndex = names.length + 1;
  return {
    id,
    service: "storage",
    modules,
    callee: newOf(cls),
    form: `new ${cls}(connectionString, ${names.join(", ")})`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}(\`https://<account>.${service}.core.windows.net/${names.map((n) => `\${${n}}`).join("/")}\`, credential${file ? ', { fileRequestIntent: "backup" }' : ""})`,
    rewrite: {
      type: "construct",
      args: [
        { from: "endpoint", endpoint: service, append },
        { from: "credential" },
        file ? { from: "options-with", index: restIndex, properties: FILE_INTENT } : { from: "rest", index: restIndex },
      ],
    },
    ...(file ? { caveat: FILE_CAVEAT } : {}),
  };
}
