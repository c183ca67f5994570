/**
 * Secrets assembled at run time (text/assembled.ts), through the real engine: array joins, Python
 * joins and implicit concatenation, String.join / string.Concat, builder appends, `+` and template
 * literals over same-file constants; and the hard negatives (joins of words, references).
 */
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/core/index.js";
import { findAssembled, fileSpan } from "../../src/core/text/assembled.js";
import { fakeBase64 } from "../../src/core/keys/fake.js";

const key = fakeBase64(64, "assembled-storage");
const conn = `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`;
const cut = 70;
const [a, b] = [conn.slice(0, cut), conn.slice(cut)];

const storage = (text: string, path = "app.ts") => scanText(text, { path }).filter((f) => f.ruleId === "storage-connection-string");

describe("assembled strings", () => {
  const cases: Array<[string, string, string]> = [
    ["an array join", "app.ts", `const conn = [\n  "${a}",\n  "${b}",\n].join("");\n`],
    ["a Python join", "app.py", `CONN = "".join([\n    "${a}",\n    "${b}",\n])\n`],
    ["Python implicit concatenation", "app.py", `CONN = (\n    "${a}"\n    "${b}"\n)\n`],
    ["string.Concat", "App.cs", `var conn = string.Concat("${a}", "${b}");\n`],
    ["String.join", "App.java", `String conn = String.join("", "${a}", "${b}");\n`],
    ["a builder chain", "App.java", `String conn = new StringBuilder()\n    .append("${a}")\n    .append("${b}")\n    .toString();\n`],
    ["a + over constants", "app.ts", `const head = "${a}";\nconst tail = "${b}";\nexport const conn = head +\n  tail;\n`],
    ["a template over constants", "app.ts", `const head = "${a}";\nconst tail = "${b}";\nexport const conn = \`\${head}\${tail}\`;\n`],
  ];
  it.each(cases)("finds a connection string split by %s", (_name, path, text) => {
    const found = storage(text, path);
    expect(found).toHaveLength(1);
    expect(found[0]!.secret).toBe(key);
    expect(found[0]!.note).toMatch(/Split|Assembled/);
    // The finding spans the parts in the file.
    expect(found[0]!.start).toBeGreaterThanOrEqual(text.indexOf(key.slice(0, 8)));
    expect(found[0]!.end).toBeLessThanOrEqual(text.lastIndexOf(key.slice(-4)) + 4);
  });

  it("reads the name before the parts (a bare key split over + needs its name)", () => {
    const text = `const accountKey = "${key.slice(0, 44)}" +\n  "${key.slice(44)}";\n`;
    const found = scanText(text, { path: "app.ts" }).filter((f) => f.ruleId === "storage-account-key");
    expect(found.map((f) => f.secret)).toEqual([key]);
  });

  it("does not report twice what one form and another (or the direct scan) already found", () => {
    const text = `const conn = ["${conn}", "x"].join("");\nconst other = "${a}" + "${b}";\n`;
    expect(storage(text)).toHaveLength(2);
  });

  const negatives: Array<[string, string, string]> = [
    ["joins of words", "app.ts", `const title = ["Azure", "Storage", "Explorer"].join(" ");\nconst c = ["DefaultEndpointsProtocol=https", \`AccountName=\${account}\`, \`AccountKey=\${key}\`].join(";");\n`],
    ["a template with references", "app.ts", `const PREFIX = "DefaultEndpointsProtocol=https;AccountName=";\nexport const conn = \`\${PREFIX}\${account};AccountKey=\${process.env.STORAGE_KEY}\`;\n`],
    ["constants that are reassigned (let)", "app.ts", `let head = "${a}";\nlet tail = "${b}";\nexport const conn = head + tail;\n`],
    ["a constant bound twice", "app.ts", `const tail = "${b}";\nfunction f() { const tail = "x"; }\nconst head = "${a}";\nexport const conn = head + tail;\n`],
    ["Python hints split over lines", "app.py", `hint = ("Set AZURE_STORAGE_CONNECTION_STRING "\n        "before running the app")\n`],
    ["adjacent literals outside Python and C", "app.ts", `const a = "${a}"\n"${b}"\n`],
  ];
  it.each(negatives)("ignores %s", (_name, path, text) => {
    expect(scanText(text, { path }).filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("puts a join's separator between the parts", () => {
    const chains = findAssembled(`const c = ["AccountName=x", "AccountKey=y"].join(";");`, "a.ts");
    expect(chains.map((c) => c.joined)).toEqual(["AccountName=x;AccountKey=y"]);
  });

  it("maps parts of constants back to their literals", () => {
    const text = `const t = "ghi";\nconst h = "abc";\nx = h + "def" + t;\n`;
    const [chain] = findAssembled(text, "a.ts").filter((c) => c.form === "concatenation");
    expect(chain!.joined).toBe("abcdefghi");
    // "cde": from h's literal to the inline "def".
    const span = fileSpan(chain!, 2, 5);
    expect(text.slice(span.start, span.start + 1)).toBe("c");
    expect(text.slice(span.end - 1, span.end)).toBe("e");
  });
});
