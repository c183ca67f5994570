import { fakeHex } from "../keys/fake.js";
import { isPlaceholder } from "../keys/validators.js";
import type { Detector } from "../types.js";
import { matchesInWindow } from "../text/window.js";

// `dapi` + 32 hex characters (optionally a `-` and a 1-2 digit suffix used by workspace tokens).
const PATTERN = /(?<![A-Za-z0-9])dapi[0-9a-f]{32}(?:-\d{1,2})?(?![A-Za-z0-9])/g;

export const databricksToken: Detector = {
  id: "databricks-token",
  service: "databricks",
  title: "Azure Databricks personal access token",
  description:
    "A Databricks personal access token (`dapi` followed by 32 hex characters). It acts as the user who created it on the workspace.",
  keywords: ["dapi"],
  window: { before: 0, after: 40 },
  severity: "error",
  priority: 50,
  find({ text, from, to }) {
    const out = [];
    for (const m of matchesInWindow(PATTERN, text, from, to, 48)) {
      if (isPlaceholder(m[0].slice(4))) continue;
      out.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
  },
  samples() {
    const token = `dapi${fakeHex(32, "databricks-1")}`;
    return {
      positive: [
        `DATABRICKS_TOKEN=${token}`,
        `const token = "${token}";`,
        `headers: { Authorization: "Bearer dapi${fakeHex(32, "databricks-2")}-2" }`,
      ],
      negative: [
        "DATABRICKS_TOKEN=dapi<your-token>",
        `const t = "dapi${"0".repeat(32)}";`,
        `rapid${fakeHex(32, "databricks-3")} is not a token`,
        "dapi is the prefix of Databricks tokens",
      ],
    };
  },
};
