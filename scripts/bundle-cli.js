// Bundles the command line (bin/azure-msi.js) into dist/cli/ after `tsc`: a pre-commit hook pays
// Node's per-module cost (resolve, read, compile, link) for every file `scan --staged` loads,
// about 110 modules unbundled. The bundle is CommonJS (dist/cli/package.json says so) so that
// neither the entry nor its chunks need Node's ES module loader.
//
// Only the CLI uses it: the ESLint plugin entries (dist/index.js, dist/index.cjs, dist/core/...)
// stay tsc's one-file-per-module output. Lazy boundaries stay lazy: each dynamic import() of the
// sources (reporters, git, the fix command, pool.js, report-finding.js, ...) is its own chunk,
// loaded when the command reaches it; the worker (scan-worker.js, started by URL from pool.js) is
// an entry of its own. Packages (typescript, picomatch, ignore, ...) are not bundled.
//
// dist/cli/modules.json lists the source modules of each chunk, for the test that checks what
// `scan --staged` loads (test/gate/cli-e2e.test.ts).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = fileURLToPath(new URL("../dist/cli", import.meta.url));

/** Whether a module (path relative to the repository) belongs to the chunk every scan loads. */
function inScanChunk(path) {
  const m = path.replace(/^dist\//, "");
  if (/^(scanner\/(scan|decode|reporters\/index|reporters\/text)|project\/(config|git-root|json-error))\.js$/.test(m)) return true;
  if (!m.startsWith("core/") || m === "core/types.js" || m === "core/index.js") return false;
  if (/^core\/(catalog\/|report\/(docs|mask|advice|fingerprint)\.js|detectors\/lookup\.js|text\/lines\.js|engine\/(eslint-directives|suppress)\.js)/.test(m)) return false;
  return !m.startsWith("core/fixes/") || /^core\/fixes\/(sink\.js|recipes\/)/.test(m);
}

rmSync(out, { recursive: true, force: true });
const bundle = await rolldown({
  cwd: root,
  input: { "azure-msi": "dist/scanner/cli.js", "scan-worker": "dist/scanner/scan-worker.js" },
  platform: "node",
  // Only our own modules: relative paths; packages and node: built-ins are required at run time.
  external: (id) => !id.startsWith(".") && !id.startsWith("/"),
  logLevel: "warn",
});
const result = await bundle.write({
  dir: out,
  format: "cjs",
  entryFileNames: "[name].js",
  chunkFileNames: "[name]-[hash].js",
  // import("picomatch"), import("node:path"): require() them too, so that the ES module loader is never started.
  dynamicImportInCjs: false,
  // ASCII only (non-ASCII characters escaped) and no doc comments: V8 keeps a pure ASCII source as
  // a one-byte string; the scan chunk reads in 0.65 ms instead of 1.2 and its cached script is
  // created in 1.35 ms instead of 2.0. The comments are in src/.
  charset: "ascii",
  comments: { legal: true, annotation: true, jsdoc: false },
  // What every scan needs (the engine with its detectors, the config, the scan loop, the text
  // reporter) is one chunk instead of a dozen: each file costs a pre-commit run about 0.5 ms
  // (resolve, stat, read, code cache). Not in it: what the entry itself imports (core/types.js,
  // else `--help` would load the engine), and what only the report of a finding, another
  // command or another format needs (catalog, advice, suppressions, docs, fix machinery).
  codeSplitting: { groups: [{ name: "scan", test: (id) => inScanChunk(relative(root, id).split("\\").join("/")) }] },
});
await bundle.close();
writeFileSync(`${out}/package.json`, '{ "type": "commonjs" }\n');
const modules = {};
for (const chunk of result.output) {
  if (chunk.type !== "chunk") continue;
  modules[chunk.fileName] = Object.keys(chunk.modules)
    .filter((id) => !id.startsWith("\0"))
    .map((id) => relative(root, id).split("\\").join("/"));
}
mkdirSync(out, { recursive: true });
writeFileSync(`${out}/modules.json`, `${JSON.stringify(modules, null, 2)}\n`);
