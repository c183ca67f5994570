#!/usr/bin/env node
// CommonJS (bin/package.json), like the bundle it starts (dist/cli, scripts/bundle-cli.js): a
// pre-commit hook does not wait for Node's ES module loader.
"use strict";
const { dirname } = require("node:path");

const entry = require.resolve("../dist/cli/azure-msi.js");
require("./code-cache.js").useCodeCache(dirname(entry));
const { main } = require(entry);

main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
