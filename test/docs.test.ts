/** The generated docs: fresh on disk, complete, and the terminal table fits ~100 columns. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/core/catalog/index.js";
import { DETECTORS } from "../src/core/detectors/index.js";
import { SERVICE_IDS } from "../src/core/types.js";
import { renderDetectorsMarkdown, renderServicesMarkdown, renderServicesText, wrap } from "../src/core/report/docs.js";

const read = (name: string): string | undefined => {
  try {
    return readFileSync(new URL(`../docs/${name}`, import.meta.url), "utf8");
  } catch {
    return undefined;
  }
};

describe.each([
  ["services.md", renderServicesMarkdown],
  ["detectors.md", renderDetectorsMarkdown],
] as const)("docs/%s", (name, render) => {
  it("is up to date", () => {
    const committed = read(name);
    const fresh = render();
    if (committed !== fresh) expect.fail(`docs/${name} is stale: run npm run docs`);
  });

  it("renders deterministically", () => {
    expect(render()).toBe(render());
  });
});

describe("renderServicesMarkdown", () => {
  const md = renderServicesMarkdown();
  it("has a table row and a section for every service", () => {
    for (const id of SERVICE_IDS) {
      const e = CATALOG[id];
      expect(md).toContain(`| [${e.displayName}](#${id}) |`);
      expect(md).toContain(`<a id="${id}"></a>`);
      expect(md).toContain(e.docs);
    }
  });

  it("keeps every table row to the header's column count", () => {
    for (const line of md.split("\n").filter((l) => l.startsWith("| ["))) {
      const cells = line.replace(/\\\|/g, "").split("|").length - 2;
      expect(cells, line).toBe(7);
    }
  });
});

describe("renderDetectorsMarkdown", () => {
  it("lists every detector with its id, service, title, keywords and severity", () => {
    const md = renderDetectorsMarkdown();
    for (const d of DETECTORS) {
      expect(md).toContain(`<a id="${d.id}"></a>`);
      expect(md).toContain(`**${d.title}**`);
      expect(md).toContain(`(services.md#${d.service})`);
      for (const k of d.keywords) expect(md).toContain(`\`${k}\``);
    }
  });
});

describe("renderServicesText", () => {
  const text = renderServicesText();
  it("lists every service with its support level", () => {
    for (const id of SERVICE_IDS) expect(text).toMatch(new RegExp(`^${id} +(yes|partial|no) `, "m"));
  });

  it("fits in 100 columns, except the documentation URLs", () => {
    for (const line of text.split("\n")) {
      if (line.includes("https://")) continue;
      expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });

  it("has no Markdown or trailing spaces", () => {
    expect(text).not.toMatch(/ $/m);
    expect(text).not.toContain("**");
  });
});

describe("wrap", () => {
  it("wraps at word boundaries and splits words longer than the width", () => {
    expect(wrap("aa bb cc", 5)).toEqual(["aa bb", "cc"]);
    expect(wrap("abcdefghij k", 4)).toEqual(["abcd", "efgh", "ij k"]);
    expect(wrap("", 10)).toEqual([""]);
  });
});
