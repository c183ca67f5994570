/**
 * The TypeScript tracer (src/adapters/typescript): a value followed through imports, re-exports,
 * CommonJS, object properties, class fields, destructuring and env fallbacks to its literal; and the
 * reads of a definition across files (direct, and through the objects that contain it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createProgram, projectGroups } from "../../src/adapters/typescript/program.js";
import { ReadIndex } from "../../src/adapters/typescript/reads.js";
import { Tracer } from "../../src/adapters/typescript/trace.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A project on disk; returns its folder. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-ts-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The program over the project's JS/TS files, and the argument of the first call to `use(...)` in `file`. */
function useArg(dir: string, file: string): { program: ts.Program; arg: ts.Expression } {
  const files = ["a.ts", "b.ts", "c.ts", "config.ts", "config.js", "client.js", "index.ts", "settings.ts", "client.ts", "client.mjs", "config.cjs"]
    .map((f) => path.join(dir, f))
    .filter((f) => ts.sys.fileExists(f));
  const [group] = projectGroups(files, dir);
  const program = createProgram(group!.files, group!.options);
  const sf = program.getSourceFile(path.join(dir, file))!;
  let arg: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (!arg && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "use") arg = n.arguments[0];
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!arg) throw new Error(`no use() in ${file}`);
  return { program, arg };
}

function trace(files: Record<string, string>, file = "client.ts"): { value?: string; unknown?: string; defs?: string[]; env?: string; literalFile?: string; fallback?: boolean } {
  const dir = project(files);
  const { program, arg } = useArg(dir, file);
  const r = new Tracer(program.getTypeChecker()).trace(arg);
  if ("unknown" in r) return { unknown: r.unknown };
  const t = r.traced;
  return {
    value: t.value,
    defs: t.definitions.map((d) => `${d.kind}:${d.name}@${path.basename(d.node.getSourceFile().fileName)}`),
    literalFile: path.basename(t.literal.getSourceFile().fileName),
    fallback: t.fallback !== undefined,
    ...(t.fallback?.env ? { env: t.fallback.env } : {}),
  };
}

const USE = "declare function use(x: unknown): void;\n";

describe("Tracer", () => {
  it("follows an object property of an imported config module", () => {
    expect(
      trace({
        "config.ts": `export const config = { storage: { connectionString: "cs-1" }, other: 1 };\n`,
        "client.ts": `${USE}import { config } from "./config";\nuse(config.storage.connectionString);\n`,
      }),
    ).toEqual({ value: "cs-1", defs: ["property:connectionString@config.ts"], literalFile: "config.ts", fallback: false });
  });

  it("follows re-exports, renames, `as const` and a const string", () => {
    expect(
      trace({
        "settings.ts": `const BASE = "cs-2";\nexport const STORAGE = BASE as string;\n`,
        "index.ts": `export { STORAGE as CS } from "./settings";\n`,
        "client.ts": `${USE}import { CS } from "./index";\nconst local = CS;\nuse(local);\n`,
      }),
    ).toEqual({ value: "cs-2", defs: ["variable:local@client.ts", "variable:STORAGE@settings.ts", "variable:BASE@settings.ts"], literalFile: "settings.ts", fallback: false });
  });

  it("follows a static class field and an instance field", () => {
    const files = {
      "config.ts": `export class Settings {\n  static readonly storage = "cs-3";\n  readonly search = { apiKey: "key-3" };\n}\n`,
      "client.ts": `${USE}import { Settings } from "./config";\nuse(Settings.storage);\n`,
      "a.ts": `${USE}import { Settings } from "./config";\nconst s = new Settings();\nuse(s.search.apiKey);\n`,
    };
    expect(trace(files)).toMatchObject({ value: "cs-3", defs: ["class-field:storage@config.ts"] });
    expect(trace(files, "a.ts")).toMatchObject({ value: "key-3", defs: ["property:apiKey@config.ts"] });
  });

  it("follows CommonJS module.exports through require", () => {
    expect(
      trace(
        {
          "config.js": `module.exports = { storage: { connectionString: "cs-4" } };\n`,
          "client.js": `const config = require("./config");\n/** @type {(x: unknown) => void} */\nconst use = () => {};\nuse(config.storage.connectionString);\n`,
        },
        "client.js",
      ),
    ).toMatchObject({ value: "cs-4", defs: ["property:connectionString@config.js"], literalFile: "config.js" });
  });

  it("follows destructuring and a template of constants", () => {
    expect(
      trace({
        "config.ts": `const account = "acct";\nexport const config = { storage: { connectionString: \`AccountName=\${account};AccountKey=k\` } };\n`,
        "client.ts": `${USE}import { config } from "./config";\nconst { connectionString } = config.storage;\nuse(connectionString);\n`,
      }),
    ).toMatchObject({ value: "AccountName=acct;AccountKey=k", defs: ["property:connectionString@config.ts"] });
  });

  it("reports an environment fallback and its variable", () => {
    expect(
      trace({
        "config.ts": `export const config = { key: process.env.SEARCH_KEY ?? "key-5" };\n`,
        "client.ts": `${USE}import { config } from "./config";\nuse(config.key);\n`,
      }),
    ).toMatchObject({ value: "key-5", fallback: true, env: "SEARCH_KEY", literalFile: "config.ts" });
  });

  it("says why when the value is computed at run time", () => {
    expect(trace({ "client.ts": `${USE}declare function load(): string;\nconst cs = load();\nuse(cs);\n` }).unknown).toMatch(/computed at run time/);
    expect(trace({ "client.ts": `${USE}use(process.env.CS);\n` }).unknown).toMatch(/environment/);
    expect(trace({ "client.ts": `${USE}export function f(cs: string) { use(cs); }\n` }).unknown).toMatch(/parameter/);
    expect(
      trace({
        "config.ts": `export interface C { cs: string }\nexport declare const config: C;\n`,
        "client.ts": `${USE}import { config } from "./config";\nuse(config.cs);\n`,
      }).unknown,
    ).toMatch(/type/);
  });
});

describe("ReadIndex", () => {
  function reads(files: Record<string, string>, file: string, decl: (sf: ts.SourceFile) => ts.Node): string[] {
    const dir = project(files);
    const all = Object.keys(files).map((f) => path.join(dir, f));
    const [group] = projectGroups(all, dir);
    const program = createProgram(group!.files, group!.options);
    const index = new ReadIndex(program);
    return index
      .readsOf(decl(program.getSourceFile(path.join(dir, file))!))
      .map((r) => `${path.basename(r.file)}:${r.line}${r.write ? " write" : ""} ${r.node.getText()}`)
      .sort();
  }
  const prop = (name: string) => (sf: ts.SourceFile): ts.Node => {
    let found: ts.Node | undefined;
    const visit = (n: ts.Node): void => {
      if (!found && ts.isPropertyAssignment(n) && n.name.getText() === name) found = n;
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return found!;
  };

  it("finds direct reads across files and re-exports, and reads of the containing objects", () => {
    const files = {
      "config.ts": `export const config = { storage: { connectionString: "x", account: "a" }, other: 1 };\n`,
      "index.ts": `export { config as cfg } from "./config";\n`,
      "a.ts": `import { cfg } from "./index";\nexport const a = cfg.storage.connectionString;\nexport const b = cfg.storage.account;\nexport const c = cfg.other;\n`,
      "b.ts": `import { config } from "./config";\nexport const whole = { ...config.storage };\nconsole.log(config);\nconst { other } = config;\nconst { storage } = config;\nconfig.storage.connectionString = "y";\n`,
    };
    expect(reads(files, "config.ts", prop("connectionString"))).toEqual([
      "a.ts:2 cfg.storage.connectionString",
      "b.ts:2 config.storage",
      "b.ts:3 config",
      "b.ts:5 config",
      "b.ts:6 write config.storage.connectionString",
    ]);
  });

  it("finds reads of a CommonJS export through require", () => {
    const files = {
      "config.js": `module.exports = { storage: { connectionString: "x" }, other: 2 };\n`,
      "client.js": `const config = require("./config");\nexports.a = config.storage.connectionString;\nexports.b = config.other;\n`,
    };
    expect(reads(files, "config.js", prop("connectionString"))).toEqual(["client.js:2 config.storage.connectionString"]);
  });
});
