// V8 code cache for the CLI bundle (dist/cli, scripts/bundle-cli.js): compiling the chunks that
// `scan --staged` loads, and the functions it then runs, is about 7 ms of CPU of a pre-commit
// run; with the cache V8 deserializes the compiled code instead. (Node 22's
// module.enableCompileCache() does this for every module; Node 20 has no such switch.)
//
// Only files directly in dist/cli are affected, and only through the `.js` extension handler
// of Node's CommonJS loader: require.cache, resolution and the module objects are Node's own.
// The cache is written at exit, for each chunk compiled without one, to dist/cli/.cache (wiped by
// every build); one file per chunk, Node version and architecture, keyed by the chunk's size and
// modification time, so an edited chunk is never run from stale code. If the folder cannot be
// written (a read-only install), nothing is cached and nothing else changes. V8 itself rejects
// a cache made by another V8 or with other flags; the chunk is then compiled as usual.
"use strict";
const Module = require("node:module");
const { Script } = require("node:vm");
const { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { basename, dirname, join } = require("node:path");

/** Use the code cache for the chunks in `dir` (an absolute path). */
function useCodeCache(dir) {
  const cacheDir = join(dir, ".cache");
  const tag = `${process.version}-${process.arch}`;
  const pending = [];
  const compileJs = Module._extensions[".js"];
  Module._extensions[".js"] = function (module, filename) {
    if (dirname(filename) !== dir) return compileJs(module, filename);
    const source = readFileSync(filename, "utf8");
    // import() needs Node's own compile (a vm.Script has no loader for it); the bundle has none.
    if (source.includes("import(")) return compileJs(module, filename);
    const { size, mtimeMs } = statSync(filename);
    const file = join(cacheDir, `${basename(filename, ".js")}-${size}-${Math.round(mtimeMs)}-${tag}.bin`);
    let cachedData;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(Module.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, file });
    const moduleRequire = (id) => module.require(id);
    moduleRequire.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    moduleRequire.main = require.main;
    moduleRequire.cache = Module._cache;
    script.runInThisContext({ displayErrors: true }).call(module.exports, module.exports, moduleRequire, module, filename, dir);
  };
  process.once("exit", () => {
    if (pending.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
    } catch {
      return; // not writable: run without a cache
    }
    for (const { script, file } of pending) {
      // Written aside and renamed: a concurrent run reads a whole cache or none.
      const temporary = `${file}.${process.pid}`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, file);
      } catch {
        rmSync(temporary, { force: true });
      }
    }
  });
}

module.exports = { useCodeCache };
