/**
 * A `ts.Program` over the JS/TS files `azure-msi fix` was given: one program per nearest
 * `tsconfig.json` (its compiler options, with `allowJs` so that JavaScript files and CommonJS
 * `require`s take part), or defaults for a folder without one. Texts can be overlaid in memory,
 * which is how a fix is type-checked before it is written.
 */
import path from "node:path";
import { typescript, type TS } from "./load.js";

/** Options for files without a tsconfig.json: modern JS/TS, extensionless relative imports allowed. */
function defaultOptions(ts: typeof TS): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowJs: true,
    checkJs: false,
    esModuleInterop: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.Preserve,
  };
}

export interface ProjectGroup {
  /** The tsconfig.json the options come from, if any. */
  readonly tsconfig?: string;
  readonly options: TS.CompilerOptions;
  /** Absolute paths of the given files in this group. */
  readonly files: readonly string[];
  /** One line per tsconfig.json problem (the defaults are used then). */
  readonly problems: readonly string[];
}

const configCache = new Map<string, { options: TS.CompilerOptions; problems: string[] }>();

function readTsconfig(ts: typeof TS, file: string): { options: TS.CompilerOptions; problems: string[] } {
  const cached = configCache.get(file);
  if (cached) return cached;
  const problems: string[] = [];
  const read = ts.readConfigFile(file, ts.sys.readFile);
  let options: TS.CompilerOptions;
  if (read.error) {
    problems.push(`${file}: ${ts.flattenDiagnosticMessageText(read.error.messageText, " ")}`);
    options = defaultOptions(ts);
  } else {
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
    // "No inputs were found" only means the include patterns miss the given files: not a problem here.
    for (const e of parsed.errors) if (e.code !== 18003) problems.push(`${file}: ${ts.flattenDiagnosticMessageText(e.messageText, " ")}`);
    options = parsed.options;
  }
  const out = { options: { ...options, allowJs: true, noEmit: true, declaration: false, composite: false, incremental: false }, problems };
  delete out.options.tsBuildInfoFile;
  configCache.set(file, out);
  return out;
}

/** Group files by their nearest tsconfig.json (searched from each file's folder up to `top`). */
export function projectGroups(files: readonly string[], top: string): ProjectGroup[] {
  const ts = typescript();
  const groups = new Map<string, { tsconfig?: string; files: string[] }>();
  const root = path.resolve(top);
  for (const f of files) {
    let found: string | undefined;
    for (let d = path.dirname(f); ; d = path.dirname(d)) {
      const candidate = path.join(d, "tsconfig.json");
      if (ts.sys.fileExists(candidate)) {
        found = candidate;
        break;
      }
      if (d === root || path.dirname(d) === d || !d.startsWith(root)) break;
    }
    const key = found ?? "";
    const g = groups.get(key) ?? { ...(found ? { tsconfig: found } : {}), files: [] };
    g.files.push(f);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const c = g.tsconfig ? readTsconfig(ts, g.tsconfig) : { options: { ...defaultOptions(ts), noEmit: true }, problems: [] };
    return { ...(g.tsconfig ? { tsconfig: g.tsconfig } : {}), options: c.options, files: g.files, problems: c.problems };
  });
}

/**
 * A program over `files` with `overlay` texts (absolute path -> text) replacing the disk. `old`
 * lets TypeScript reuse the unchanged source files (node_modules type definitions) of a previous
 * program built with the same options.
 */
export function createProgram(files: readonly string[], options: TS.CompilerOptions, overlay?: ReadonlyMap<string, string>, old?: TS.Program): TS.Program {
  const ts = typescript();
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => overlay?.has(path.resolve(f)) === true || fileExists.call(host, f);
  host.readFile = (f) => overlay?.get(path.resolve(f)) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, onError, create) => {
    const abs = path.resolve(f);
    const text = overlay?.get(abs);
    const version = typeof language === "object" ? `${language.languageVersion}:${language.impliedNodeFormat ?? ""}` : String(language);
    // One SourceFile object per path, version and text: programs built one after another (each
    // round of a fix, the type check of each change) reuse the parsed lib and SDK declarations.
    const key = `${abs}\u0000${version}`;
    const cached = sourceFiles.get(key);
    if (text !== undefined) {
      if (cached && cached.text === text) return cached;
      const sf = ts.createSourceFile(f, text, language, true);
      sourceFiles.set(key, sf);
      return sf;
    }
    const onDisk = readFile.call(host, f);
    if (onDisk === undefined) return getSourceFile.call(host, f, language, onError, create);
    if (cached && cached.text === onDisk) return cached;
    const sf = ts.createSourceFile(f, onDisk, language, true);
    sourceFiles.set(key, sf);
    return sf;
  };
  return ts.createProgram({ rootNames: [...files], options, host, ...(old ? { oldProgram: old } : {}) });
}

/** Parsed files shared by the programs of one process (keyed by path and language version; checked by text). */
const sourceFiles = new Map<string, TS.SourceFile>();

/** The program's own files: not declaration files, not from node_modules. */
export function userFiles(program: TS.Program): TS.SourceFile[] {
  return program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf) && !/[\\/]node_modules[\\/]/.test(sf.fileName));
}
