/**
 * Fix fixture cases: test/fixtures/fix/<case>/
 *
 *   input/**              the tree to fix (`__FAKE_<NAME>__` tokens and file-name suffixes as in the
 *                         scan fixtures: name.crlf, name.utf8bom, _gitignore ...; see test/scanner/fixtures.ts)
 *   expected/**           the tree after `azure-msi fix` (same conventions); a file absent from the
 *                         input and expected trees does not exist; unchanged files are listed too
 *   args.json             optional extra CLI arguments
 *   expected-report.json  the parts of the JSON report that matter (see `reportSubset`)
 *
 * UPDATE_FIX_FIXTURES=1 writes expected/ and expected-report.json from the current output (review
 * the git diff before committing).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { FAKES, fake } from "../../scripts/make-example.js";
import { materialize } from "../scanner/fixtures.js";

export const FIX_FIXTURES = path.resolve(import.meta.dirname, "../fixtures/fix");

export interface FixCase {
  readonly name: string;
  readonly dir: string;
  readonly args: readonly string[];
}

export function listFixCases(): FixCase[] {
  return readdirSync(FIX_FIXTURES)
    .filter((n) => statSync(path.join(FIX_FIXTURES, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(FIX_FIXTURES, name);
      let args: string[] = [];
      try {
        args = JSON.parse(readFileSync(path.join(dir, "args.json"), "utf8")) as string[];
      } catch {
        args = [];
      }
      return { name, dir, args };
    });
}

/** A temporary copy of `<case>/<part>` with tokens filled. */
export function materializeTree(c: FixCase, part: "input" | "expected"): string {
  const dir = mkdtempSync(path.join(tmpdir(), `azure-msi-fix-${c.name}-${part}-`));
  materialize(path.join(c.dir, part), dir);
  return dir;
}

/** Relative paths (with `/`) of every file under `dir`. */
export function listTree(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTree(p, base));
    else out.push(path.relative(base, p).split(path.sep).join("/"));
  }
  return out.sort();
}

/** Every fake value (longest first), for masking checks and for turning outputs back into templates. */
export function fakeValues(): Array<[string, string]> {
  return Object.keys(FAKES)
    .map((name): [string, string] => [name, fake(name)])
    .sort((a, b) => b[1].length - a[1].length);
}

const untemplate = (text: string): string => {
  let out = text;
  for (const [name, value] of fakeValues()) out = out.split(value).join(`__FAKE_${name}__`);
  return out;
};

/** Materialized name -> template name (suffixes kept), for a template tree. */
function templateNames(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      templateNames(p, base, out);
      continue;
    }
    const relTemplate = path.relative(base, p).split(path.sep).join("/");
    const ext = path.extname(e.name);
    const stripped = [".crlf", ".cr", ".utf8bom"].includes(ext) ? relTemplate.slice(0, -ext.length) : relTemplate;
    out.set(stripped.replace(/(^|\/)_gitignore$/, "$1.gitignore").replace(/(^|\/)_node_modules\//g, "$1node_modules/"), relTemplate);
  }
  return out;
}

/** Write `<case>/expected/**` from a fixed tree (update mode). */
export function writeExpectedTree(c: FixCase, fixedDir: string): void {
  const names = templateNames(path.join(c.dir, "input"));
  const expectedDir = path.join(c.dir, "expected");
  for (const file of listTree(fixedDir)) {
    const template = names.get(file) ?? file;
    let bytes = readFileSync(path.join(fixedDir, file));
    if (template.endsWith(".crlf")) bytes = Buffer.from(bytes.toString("utf8").replace(/\r\n/g, "\n"));
    if (template.endsWith(".utf8bom")) bytes = bytes.subarray(3);
    const text = untemplate(bytes.toString("utf8"));
    mkdirSync(path.dirname(path.join(expectedDir, template)), { recursive: true });
    writeFileSync(path.join(expectedDir, template), text);
  }
}

/** In-memory TypeScript files live here (a folder of the repository, so node_modules resolves). */
export const virtualDir = path.resolve(import.meta.dirname, "__fixed__");

export const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  allowJs: true,
  checkJs: true,
  jsx: ts.JsxEmit.Preserve,
  types: ["node"],
};


/** In-memory files -> diagnostics (file:line message). */
export function typeCheck(files: ReadonlyMap<string, string>): { messages: string[]; program: ts.Program } {
  const host = ts.createCompilerHost(OPTIONS, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(path.resolve(f)) || fileExists.call(host, f);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => path.resolve(d).startsWith(virtualDir) || (directoryExists ? directoryExists(d) : true);
  host.readFile = (f) => files.get(path.resolve(f)) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, onError, create) => {
    const text = files.get(path.resolve(f));
    if (text !== undefined) return ts.createSourceFile(f, text, lang, true);
    return getSourceFile.call(host, f, lang, onError, create);
  };
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || files.has(path.resolve(d.file.fileName)));
  const messages = diagnostics.map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(virtualDir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  return { messages, program };
}

