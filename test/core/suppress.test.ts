import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/core/text/lines.js";
import { applyInlineSuppressions, findDirectives } from "../../src/core/engine/suppress.js";

/** A "finding" at the first occurrence of `needle`. */
const at = (text: string, needle: string, n = 0): { start: number; end: number } => {
  let start = -1;
  for (let i = 0; i <= n; i++) start = text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`no ${needle}`);
  return { start, end: start + needle.length };
};

describe("findDirectives", () => {
  it.each([
    ["x = 1 // azure-msi-ignore", "ignore"],
    ["x = 1 //azure-msi-ignore", "ignore"],
    ["x = 1 /* azure-msi-ignore */", "ignore"],
    ["KEY=1 # azure-msi-ignore", "ignore"],
    ["<!-- azure-msi-ignore-next-line -->", "ignore-next-line"],
    ["x = 1 ' azure-msi-ignore", "ignore"],
    ["REM azure-msi-ignore-next-line", "ignore-next-line"],
    ["rem azure-msi-ignore-next-line", "ignore-next-line"],
    ["-- azure-msi-ignore-next-line", "ignore-next-line"],
    ["select 1; -- azure-msi-ignore", "ignore"],
    ["; azure-msi-ignore-next-line", "ignore-next-line"],
    ["  * azure-msi-ignore-next-line", "ignore-next-line"],
    ["# AZURE-MSI-IGNORE", "ignore"],
  ])("recognises %j", (line, kind) => {
    expect(findDirectives(line).map((d) => d.kind)).toEqual([kind]);
  });

  it.each([
    ['const s = "azure-msi-ignore";'],
    ["const s = 'azure-msi-ignore';"],
    ["lorem azure-msi-ignore"],
    ["x = a--azure-msi-ignore"],
    ["// azure-msi-ignored"],
    ["// azure-msi-ignore-next-lines"],
    ["azure-msi-ignore"],
  ])("ignores %j (not a comment directive)", (line) => {
    expect(findDirectives(line)).toEqual([]);
  });

  it("takes the text after the marker as the reason", () => {
    expect(findDirectives("k = 1 // azure-msi-ignore -- rotated on 2024-05-01")[0]?.reason).toBe("rotated on 2024-05-01");
    expect(findDirectives("<!-- azure-msi-ignore-next-line: docs sample -->")[0]?.reason).toBe("docs sample");
    expect(findDirectives("/* azure-msi-ignore */ x")[0]?.reason).toBeUndefined();
  });
});

describe("applyInlineSuppressions", () => {
  it("suppresses same-line and next-line findings only", () => {
    const text = [
      'a = "SECRET_A" // azure-msi-ignore',
      "# azure-msi-ignore-next-line -- fixture",
      'b = "SECRET_B"',
      'c = "SECRET_C"',
      "",
      "// azure-msi-ignore-next-line",
      "",
      'd = "SECRET_D"',
    ].join("\n");
    const findings = ["SECRET_A", "SECRET_B", "SECRET_C", "SECRET_D"].map((s) => ({ id: s, ...at(text, s) }));
    const { kept, suppressed } = applyInlineSuppressions(text, findings);
    expect(kept.map((f) => f.id)).toEqual(["SECRET_C", "SECRET_D"]);
    expect(suppressed.map((s) => [s.finding.id, s.directive.kind, s.directive.line, s.directive.reason])).toEqual([
      ["SECRET_A", "ignore", 1, undefined],
      ["SECRET_B", "ignore-next-line", 2, "fixture"],
    ]);
  });

  it("handles CRLF and lone CR line breaks", () => {
    for (const eol of ["\r\n", "\r"]) {
      const text = ["# azure-msi-ignore-next-line", "K=SECRET_1", "K=SECRET_2 # azure-msi-ignore", "K=SECRET_3"].join(eol);
      const findings = ["SECRET_1", "SECRET_2", "SECRET_3"].map((s) => ({ id: s, ...at(text, s) }));
      expect(applyInlineSuppressions(text, findings).kept.map((f) => f.id)).toEqual(["SECRET_3"]);
    }
  });

  it("applies a same-line directive to any line a multi-line finding spans", () => {
    const text = 'const k = "PART_ONE" +\n  "PART_TWO"; // azure-msi-ignore\nconst j = 1;';
    const start = text.indexOf("PART_ONE");
    const end = text.indexOf("PART_TWO") + 8;
    expect(applyInlineSuppressions(text, [{ start, end }]).suppressed).toHaveLength(1);
  });

  it("is a no-op without any marker", () => {
    const text = 'k = "SECRET"';
    const f = at(text, "SECRET");
    expect(applyInlineSuppressions(text, [f])).toEqual({ kept: [f], suppressed: [] });
  });
});

describe("LineIndex", () => {
  it("maps offsets to 1-based lines and UTF-16 columns", () => {
    const text = "ab\r\nc🙂d\re\n";
    const lines = new LineIndex(text);
    expect(lines.lineCount).toBe(4);
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(text.indexOf("d"))).toEqual({ line: 2, column: 4 });
    expect(lines.position(text.indexOf("e"))).toEqual({ line: 3, column: 1 });
    expect(lines.lineText(1)).toBe("ab");
    expect(lines.lineText(2)).toBe("c🙂d");
    expect(lines.lineText(4)).toBe("");
  });
});
