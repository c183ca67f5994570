import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { scanText } from "../../src/core/index.js";
import { findChains, mayHaveChains, toFileOffset } from "../../src/core/text/concat.js";
import { fakeHex } from "../../src/core/keys/fake.js";

describe("string concatenation", () => {
  const token = `dapi${fakeHex(32, "concat")}`;

  it("finds a secret split over two literals, spanning both pieces", () => {
    const text = `const t = "${token.slice(0, 14)}" +\n  "${token.slice(14)}";\n`;
    const found = scanText(text).filter((f) => f.ruleId === "databricks-token");
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f!.secret).toBe(token);
    expect(f!.start).toBe(text.indexOf(token.slice(0, 14)));
    expect(f!.end).toBe(text.indexOf(token.slice(14)) + token.length - 14);
    expect(f!.note).toMatch(/concatenation/);
  });

  it("handles three pieces, single quotes and template literals", () => {
    const text = `x = '${token.slice(0, 10)}' + \`${token.slice(10, 20)}\` + "${token.slice(20)}"`;
    const found = scanText(text).filter((f) => f.ruleId === "databricks-token");
    expect(found.map((f) => f.secret)).toEqual([token]);
  });

  it("does not report twice what one piece already holds", () => {
    const text = `const t = "${token}" + "suffix";`;
    expect(scanText(text).filter((f) => f.ruleId === "databricks-token")).toHaveLength(1);
  });

  it("ignores concatenations that hold no secret", () => {
    expect(scanText(`const a = "hello " + "world" + 'dapi' + name;`)).toEqual([]);
  });

  it("maps joined offsets back to the file", () => {
    const text = `"abc" + "def"`;
    const [chain] = findChains(text);
    expect(chain!.joined).toBe("abcdef");
    expect(text[toFileOffset(chain!, 4)]).toBe("e");
    expect(toFileOffset(chain!, 6, true)).toBe(text.length - 1);
    expect(toFileOffset(chain!, 3, true)).toBe(4);
  });
});

describe("mayHaveChains", () => {
  it("gives the same answer as the regex it replaces (property)", () => {
    const reference = /["'\x60][ \t]*(?:\r?\n[ \t]*)?\+/;
    const unit = fc.constantFrom('"', "'", "`", " ", "\t", "\n", "\r", "+", "a", "=", ";");
    let yes = 0;
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (s) => {
        const expected = reference.test(s);
        if (expected) yes++;
        expect(mayHaveChains(s)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
    expect(yes).toBeGreaterThan(100);
  });
});
