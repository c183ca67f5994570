// Writes docs/services.md and docs/detectors.md from the build output. `npm run docs` builds first,
// then runs this script; test/docs.test.ts fails when the committed files are stale.
import { writeFileSync } from "node:fs";

let docs;
try {
  docs = await import("../dist/core/report/docs.js");
} catch {
  console.error("gen-docs: dist/core/report/docs.js is missing; run `npm run build` first.");
  process.exit(2);
}

const files = [
  ["../docs/services.md", docs.renderServicesMarkdown()],
  ["../docs/detectors.md", docs.renderDetectorsMarkdown()],
];
for (const [path, text] of files) {
  writeFileSync(new URL(path, import.meta.url), text);
  console.log(`wrote ${path.slice(3)}`);
}
