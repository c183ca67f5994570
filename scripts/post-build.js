// Writes the CommonJS entry next to the ESM build. Node >= 20.19 can require() an ES module
// without top-level await, so the CommonJS entry simply re-exports the plugin object.
import { writeFileSync } from "node:fs";

writeFileSync(
  new URL("../dist/index.cjs", import.meta.url),
  '"use strict";\nconst plugin = require("./index.js");\nmodule.exports = plugin.default ?? plugin;\n',
);
