/**
 * The layout's promises (README "Where things are", the folder READMEs): imports only run
 * downwards, src/core stays pure, and the two front-ends (rules/, scanner/) never import each other.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

/** src/core, bottom to top: a module may import its own folder and any folder listed before it. */
const CORE_ORDER = ["types.ts", "text", "keys", "catalog", "fixes", "detect", "detectors", "engine", "report", "index.ts"];

/** src, bottom to top; folders of the same rank may not import each other. */
const SRC_RANK: Record<string, number> = {
  core: 0,
  project: 1,
  adapters: 1,
  language: 1,
  rules: 2,
  scanner: 2,
  "index.ts": 3,
};

/** Node built-ins src/core may use at run time: pure computation only (no fs, no process state). */
const CORE_BUILTINS = new Set(["node:crypto"]);

interface Import {
  readonly spec: string;
  /** `import type` / `export type`: erased at run time. */
  readonly typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/**
 * The imports of a module, read from its syntax tree (so that code inside strings, such as the
 * before/after samples of the fix recipes, is not taken for imports).
 */
function importsOf(text: string): Import[] {
  const out: Import[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(n) ? n.importClause?.isTypeOnly === true : n.isTypeOnly;
      out.push({ spec: n.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) {
      out.push({ spec: n.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      // `typeof import("x")` in a type position is erased.
      out.push({ spec: n.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(n, visit);
  };
  visit(ts.createSourceFile("module.ts", text, ts.ScriptTarget.Latest, false));
  return out;
}

/** The first path segment under `base` (a folder name, or a file name at that level). */
const topUnder = (base: string, file: string): string => path.relative(base, file).split(path.sep)[0]!;

const files = sources(SRC);
const edges = files.flatMap((file) =>
  importsOf(readFileSync(file, "utf8")).map((imp) => ({
    file,
    ...imp,
    target: imp.spec.startsWith(".") ? path.resolve(path.dirname(file), imp.spec).replace(/\.js$/, ".ts") : undefined,
  })),
);
const rel = (p: string) => path.relative(SRC, p).split(path.sep).join("/");

describe("layout", () => {
  it("reads the imports of every source file", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.filter((e) => e.target).length).toBeGreaterThan(200);
  });

  it("src/core imports only downwards (types < text < keys < catalog < fixes < detect < detectors < engine < report)", () => {
    const core = path.join(SRC, "core");
    const wrong = edges
      .filter((e) => e.target && e.file.startsWith(core + path.sep) && e.target.startsWith(core + path.sep))
      .filter((e) => {
        const from = CORE_ORDER.indexOf(topUnder(core, e.file));
        const to = CORE_ORDER.indexOf(topUnder(core, e.target!));
        if (from < 0 || to < 0) return true; // a new folder must be placed in CORE_ORDER
        return topUnder(core, e.file) !== topUnder(core, e.target!) && to >= from;
      })
      .map((e) => `${rel(e.file)} -> ${rel(e.target!)}`);
    expect(wrong).toEqual([]);
  });

  it("src/core is pure: no imports from outside it and no run-time imports but node:crypto", () => {
    const core = path.join(SRC, "core");
    const wrong = edges
      .filter((e) => e.file.startsWith(core + path.sep))
      .filter((e) =>
        e.target ? !e.target.startsWith(core + path.sep) : !e.typeOnly && !CORE_BUILTINS.has(e.spec),
      )
      .map((e) => `${rel(e.file)} -> ${e.spec}`);
    expect(wrong).toEqual([]);
  });

  it("src folders import only downwards; rules/ and scanner/ never import each other", () => {
    const wrong = edges
      .filter((e) => e.target?.startsWith(SRC + path.sep))
      .filter((e) => {
        const from = topUnder(SRC, e.file);
        const to = topUnder(SRC, e.target!);
        if (from === to) return false;
        const rf = SRC_RANK[from];
        const rt = SRC_RANK[to];
        return rf === undefined || rt === undefined || rt >= rf;
      })
      .map((e) => `${rel(e.file)} -> ${rel(e.target!)}`);
    expect(wrong).toEqual([]);
  });

  it("the checker catches an upward import", () => {
    const fake = importsOf('import { scanText } from "../engine/scan-all.js";\nimport type { X } from "y";');
    expect(fake).toEqual([
      { spec: "../engine/scan-all.js", typeOnly: false },
      { spec: "y", typeOnly: true },
    ]);
    const core = path.join(SRC, "core");
    const from = CORE_ORDER.indexOf(topUnder(core, path.join(core, "text", "a.ts")));
    const to = CORE_ORDER.indexOf(topUnder(core, path.join(core, "engine", "scan-all.ts")));
    expect(to).toBeGreaterThan(from);
  });
});
