/** The plugin's text language: parsing, offsets <-> locations, language options. */
import { describe, expect, it } from "vitest";
import { TextSourceCode, textLanguage } from "../../src/language/text.js";

const make = (text: string | Uint8Array) => {
  const file = { path: "/p/.env", physicalPath: "/p/.env", bom: false, body: text };
  const parsed = textLanguage.parse(file);
  return textLanguage.createSourceCode(file, parsed);
};

describe("azure-msi/text language", () => {
  it("declares the ESLint language contract", () => {
    expect(textLanguage).toMatchObject({ fileType: "text", lineStart: 1, columnStart: 0, nodeTypeKey: "type" });
    expect(textLanguage.visitorKeys).toEqual({ Document: [] });
  });

  it("parses a file into one Document spanning the text", () => {
    const sc = make("A=1\r\nB=2\nC=3");
    expect(sc).toBeInstanceOf(TextSourceCode);
    expect(sc.ast).toEqual({ type: "Document", range: [0, 12], loc: { start: { line: 1, column: 0 }, end: { line: 3, column: 3 } } });
    expect(sc.lines).toEqual(["A=1", "B=2", "C=3"]);
    expect(sc.getText()).toBe("A=1\r\nB=2\nC=3");
    expect(sc.getText({ range: [5, 8] }, 1, 1)).toBe("\nB=2\n");
    expect([...sc.traverse()].map((s) => [s.kind, s.phase, s.target.type])).toEqual([
      [1, 1, "Document"],
      [1, 2, "Document"],
    ]);
  });

  it("converts offsets and locations both ways, with CRLF, CR and LF line breaks", () => {
    const text = "ab\r\ncd\ref\ngh";
    const sc = make(text);
    const expected = [
      [0, 1, 0], [2, 1, 2], [4, 2, 0], [5, 2, 1], [7, 3, 0], [10, 4, 0], [12, 4, 2],
    ] as const;
    for (const [index, line, column] of expected) {
      expect(sc.getLocFromIndex(index)).toEqual({ line, column });
      expect(sc.getIndexFromLoc({ line, column })).toBe(index);
    }
    expect(() => sc.getLocFromIndex(-1)).toThrow(RangeError);
    expect(() => sc.getLocFromIndex(text.length + 1)).toThrow(RangeError);
    expect(() => sc.getIndexFromLoc({ line: 9, column: 0 })).toThrow(RangeError);
    expect(() => sc.getIndexFromLoc({ line: 1, column: 9 })).toThrow(RangeError);
  });

  it("handles an empty file, a trailing newline and a byte body", () => {
    const empty = make("");
    expect(empty.ast.loc).toEqual({ start: { line: 1, column: 0 }, end: { line: 1, column: 0 } });
    expect(empty.getLocFromIndex(0)).toEqual({ line: 1, column: 0 });
    const trailing = make("A=1\n");
    expect(trailing.lines).toEqual(["A=1", ""]);
    expect(trailing.getLocFromIndex(4)).toEqual({ line: 2, column: 0 });
    const bytes = make(new TextEncoder().encode("KEY=é\n"));
    expect(bytes.text).toBe("KEY=é\n");
  });

  it("takes no language options", () => {
    expect(() => textLanguage.validateLanguageOptions({})).not.toThrow();
    expect(() => textLanguage.validateLanguageOptions({ mode: "yaml" })).toThrow(/no language options/);
  });
});
