/**
 * Walking the file system.
 *
 * - The paths the user names are always scanned (a named folder is walked even if a .gitignore
 *   above it ignores it); below them, .gitignore files (nested ones too, and those between the
 *   named folder and the git root) and a default list of dependency/build folders apply.
 * - Config `ignore` globs apply to everything, named files included.
 * - Binary files, files over the size limit, symbolic links (not followed) and unreadable files are
 *   skipped and reported as such, never silently; so are folders that cannot be listed.
 * - The tree is listed by a plain readdir walk, not a glob: glob patterns do not match names that
 *   contain a newline (fast-glob's `**` silently left such files and folders out of the scan).
 * - Each file is read once and decoded: UTF-8 (BOM stripped, invalid bytes become U+FFFD, one
 *   code unit each, so offsets stay sane), UTF-16 LE/BE with a BOM or recognisable without one.
 * - Performance: paths relative to cwd and to each .gitignore are built while walking (no
 *   path.relative per file); a folder .gitignore rules ignore is not listed when no rule in scope
 *   can re-include anything; listing (listFiles) and reading (read.ts) are separate, so that
 *   worker threads can read their own share of a listing (scanner/pool.ts).
 */
import { lstat, stat } from "node:fs/promises";
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { decodedEntry, readCandidate, skipBeforeReading, tooLargeReason, unreadableReason, type Candidate, type WalkEntry } from "./read.js";
import { findGitRoot } from "../project/git-root.js";

export { decodeText, isBinaryExtension } from "./decode.js";
export { findGitRoot } from "../project/git-root.js";
export type { Candidate, ReadFile, WalkEntry } from "./read.js";

/** Folders never walked into (unless named on the command line). */
export const DEFAULT_IGNORED_DIRS: readonly string[] = [
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  "bower_components",
  "jspm_packages",
  ".pnpm-store",
  ".yarn",
  "dist",
  "build",
  "out",
  "coverage",
  ".nyc_output",
  ".next",
  ".nuxt",
  ".svelte-kit",
  ".turbo",
  ".cache",
  ".parcel-cache",
  "vendor",
  ".venv",
  "venv",
  "__pycache__",
  ".tox",
  ".terraform",
  ".gradle",
  "target",
  "bin/Debug",
  "bin/Release",
  "obj",
];

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** A path named on the command line does not exist (exit 2). */
export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`path not found: ${path}`);
    this.name = "PathNotFoundError";
  }
}

export interface WalkOptions {
  /** Working directory: paths are resolved against it and reported relative to it. */
  readonly cwd: string;
  /** Honour .gitignore files (default true). */
  readonly gitignore?: boolean;
  /** Files larger than this many bytes are skipped (default 5 MB). */
  readonly maxFileSize?: number;
  /** Extra globs to skip (config `ignore`), relative to `ignoreBase`. */
  readonly ignore?: readonly string[];
  /** Folder the `ignore` globs are relative to (the config file's folder; default cwd). */
  readonly ignoreBase?: string;
  /** With an injected `readFile`: how many files to read ahead while the previous ones are scanned (default 8). */
  readonly readAhead?: number;
  /**
   * Reads one file; tests inject failures such as EACCES here. Default: read.ts, synchronously
   * (open, one read into a reused buffer, close), which is also what worker threads run.
   */
  readonly readFile?: (abs: string) => Promise<Uint8Array>;
}

const toSlash = (p: string): string => p.split(path.sep).join("/");

/** .gitignore rules of one folder. */
interface IgnoreFile {
  readonly dir: string; // absolute
  readonly rules: Ignore;
  /** Has a `!` rule (may re-include what another rule ignores). */
  readonly negation: boolean;
}

function loadIgnoreFile(dir: string): IgnoreFile | undefined {
  try {
    const text = readFileSync(path.join(dir, ".gitignore"), "utf8");
    return { dir, rules: ignore({ allowRelativePaths: true }).add(text), negation: /^\s*!/m.test(text) };
  } catch {
    return undefined;
  }
}

/** Git's precedence: deeper files override shallower ones; the last matching rule wins. */
function isIgnoredBy(files: readonly IgnoreFile[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const f of files) {
    const rel = toSlash(path.relative(f.dir, abs));
    if (rel === "" || rel.startsWith("..")) continue;
    const r = f.rules.test(isDir ? `${rel}/` : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/**
 * A .gitignore file placed relative to the walked folder, so that the path of an entry relative
 * to the file's folder is a slice or a concatenation of strings built while walking (no
 * path.relative per entry and rule file): `up` for a file above the walked folder (the folder's
 * path from there), `base` for one inside it (its folder's path from the walked folder).
 */
interface PlacedIgnore {
  readonly rules: Ignore;
  readonly up?: string;
  readonly base?: string;
}

function place(f: IgnoreFile, root: string): PlacedIgnore {
  const rel = toSlash(path.relative(f.dir, root));
  if (rel !== "" && !rel.startsWith("..")) return { rules: f.rules, up: rel };
  return { rules: f.rules, base: toSlash(path.relative(root, f.dir)) };
}

/** isIgnoredBy for an entry of the walked folder, `rel` its path from there ("" the folder itself). */
function isIgnoredRel(files: readonly PlacedIgnore[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const f of files) {
    let r: string;
    if (f.up !== undefined) r = rel === "" ? f.up : `${f.up}/${rel}`;
    else if (f.base === "") r = rel;
    else if (rel.length > f.base!.length && rel.charCodeAt(f.base!.length) === 47 && rel.startsWith(f.base!)) r = rel.slice(f.base!.length + 1);
    else continue;
    if (r === "" || r.startsWith("..")) continue;
    const t = f.rules.test(isDir ? `${r}/` : r);
    if (t.ignored) ignored = true;
    else if (t.unignored) ignored = false;
  }
  return ignored;
}

/** The .gitignore files that apply in a folder (its own and those above it), shallowest first. */
interface IgnoreScope {
  readonly files: readonly PlacedIgnore[];
  /** Some file has a `!` rule: then no folder is skipped unlisted (a rule may re-include a file in it). */
  readonly negation: boolean;
}

const IGNORED_NAMES = new Set(DEFAULT_IGNORED_DIRS.filter((d) => !d.includes("/")));
const IGNORED_PATHS = DEFAULT_IGNORED_DIRS.filter((d) => d.includes("/"));

/** A folder being listed: its entries in listing order (pruned folders left out), the next one to look at. */
interface Frame {
  readonly rel: string;
  readonly scope: IgnoreScope;
  readonly dirents: readonly Dirent[];
  next: number;
}

/**
 * The order of two entries of one folder by name, a folder's name with a `/` after it (without
 * building that string): the order of the sorted paths of the files below them.
 */
function byWalkOrder(a: Dirent, b: Dirent): number {
  const x = a.name;
  const y = b.name;
  if (x.length < y.length && y.startsWith(x)) return a.isDirectory() ? 47 - y.charCodeAt(x.length) : -1;
  if (y.length < x.length && x.startsWith(y)) return b.isDirectory() ? x.charCodeAt(y.length) - 47 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Folders listed per chunk of the walk (the caller may scan or dispatch between chunks). */
const CHUNK_FILES = 256;

/**
 * The tree below one named folder, walked depth-first with each folder's entries sorted by name
 * (a folder's name with a `/` after it), which yields the files in the order of their sorted
 * paths, so the listing can be streamed (scanner/pool.ts starts on the first files while the walk
 * goes on) and is the same as a sort of the whole listing. Links are not followed, default folders
 * are pruned. A folder's own .gitignore is loaded (`load`) when the folder is listed, unless the
 * rules above it ignore the folder; a folder the rules ignore is not even listed when no rule in
 * scope can re-include anything (no `!` rule): everything in it would be ignored. Folders that
 * cannot be listed come after the files (`unlisted`, in walk order).
 */
class TreeWalk {
  private readonly stack: Frame[] = [];
  readonly unlisted: Array<{ rel: string; code: string | undefined; scope: IgnoreScope }> = [];

  constructor(
    private readonly root: string,
    rootScope: IgnoreScope,
    private readonly load: ((rel: string) => IgnoreFile | undefined) | undefined,
  ) {
    this.enter("", rootScope);
  }

  private enter(rel: string, parentScope: IgnoreScope): void {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(rel === "" ? this.root : path.join(this.root, rel), { withFileTypes: true });
    } catch (error) {
      if (rel !== "") this.unlisted.push({ rel, code: (error as NodeJS.ErrnoException).code, scope: parentScope });
      return;
    }
    let scope = parentScope;
    if (this.load && dirents.some((d) => d.name === ".gitignore" && d.isFile()) && !isIgnoredRel(scope.files, rel, true)) {
      const f = this.load(rel);
      if (f) scope = { files: [...scope.files, { rules: f.rules, base: rel }], negation: scope.negation || f.negation };
    }
    const kept: Dirent[] = [];
    for (const d of dirents) {
      if (d.isDirectory()) {
        if (IGNORED_NAMES.has(d.name)) continue;
        if (IGNORED_PATHS.length > 0 || (!scope.negation && scope.files.length > 0)) {
          const p = rel === "" ? d.name : `${rel}/${d.name}`;
          if (IGNORED_PATHS.some((x) => p === x || p.endsWith(`/${x}`))) continue;
          if (!scope.negation && scope.files.length > 0 && isIgnoredRel(scope.files, p, true)) continue;
        }
      }
      kept.push(d);
    }
    kept.sort(byWalkOrder);
    this.stack.push({ rel, scope, dirents: kept, next: 0 });
  }

  /** The next files (at least one, about CHUNK_FILES) with their scope, or false when the walk is done. */
  chunk(emit: (rel: string, d: Dirent, scope: IgnoreScope) => void): boolean {
    let emitted = 0;
    while (emitted < CHUNK_FILES) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) return emitted > 0;
      if (top.next >= top.dirents.length) {
        this.stack.pop();
        continue;
      }
      const d = top.dirents[top.next++]!;
      const p = top.rel === "" ? d.name : `${top.rel}/${d.name}`;
      if (d.isDirectory()) this.enter(p, top.scope);
      else {
        emit(p, d, top.scope);
        emitted++;
      }
    }
    return true;
  }
}

/** The files a walk will read, listed (and filtered by the config's ignore globs) but not read. */
export interface FileListing {
  readonly candidates: readonly Candidate[];
  readonly maxFileSize: number;
}

/**
 * A listing that grows while the tree is walked: `more()` walks on and appends to `candidates`
 * (in the final listing order), false once everything is listed.
 */
export interface ListingStream extends FileListing {
  more(): boolean;
}

/**
 * Resolve the named paths (throws PathNotFoundError before listing anything) and list what they
 * hold, files and folders, in a stable order (each named path in turn, its files in the order of
 * their sorted paths, then its folders that could not be listed), as the walk goes.
 */
export async function streamListing(paths: readonly string[], options: WalkOptions): Promise<ListingStream> {
  const cwd = options.cwd;
  const useGitignore = options.gitignore !== false;
  const named: Array<{ abs: string; isDir: boolean }> = [];
  for (const p of paths.length > 0 ? paths : ["."]) {
    const abs = path.resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch {
      throw new PathNotFoundError(p);
    }
    named.push({ abs, isDir });
  }

  const base = options.ignoreBase ?? options.cwd;
  const extraIgnore =
    options.ignore && options.ignore.length > 0 ? picomatch([...options.ignore], { dot: true }) : undefined;
  const candidates: Candidate[] = [];
  // Overlapping named paths: each file once (one named folder lists each file once anyway).
  const seen = named.length > 1 ? new Set<string>() : undefined;
  const add = (c: Candidate): void => {
    if (seen) {
      if (seen.has(c.abs)) return;
      seen.add(c.abs);
    }
    if (extraIgnore) {
      const rel = toSlash(path.relative(base, c.abs));
      if (!rel.startsWith("..") && extraIgnore(rel)) return;
    }
    candidates.push(c);
  };

  let index = 0;
  let walk: { tree: TreeWalk; fileOf: (rel: string) => string; absOf: (rel: string) => string } | undefined;
  /** Start on the next named path: a file is added, a folder's walk begins. False when none is left. */
  const nextNamed = (): boolean => {
    const next = named[index++];
    if (next === undefined) return false;
    const { abs, isDir } = next;
    if (!isDir) {
      add({ abs, file: toSlash(path.relative(cwd, abs)) || path.basename(abs) });
      return true;
    }
    // Entries' paths relative to cwd: the folder's own, then the walk's relative path.
    const prefix = toSlash(path.relative(cwd, abs));
    const fileOf = (rel: string): string => (prefix === "" ? rel : `${prefix}/${rel}`);
    const under = abs.endsWith(path.sep) ? abs : abs + path.sep;
    const absOf = path.sep === "/" ? (rel: string): string => under + rel : (rel: string): string => path.join(abs, rel);
    let rootScope: IgnoreScope = { files: [], negation: false };
    if (useGitignore) {
      // .gitignore files between the git root and the named folder apply, unless they ignore the
      // named folder itself (then the user asked for it explicitly).
      const gitRoot = findGitRoot(abs);
      const ancestors: IgnoreFile[] = [];
      if (gitRoot !== undefined) {
        for (let d = path.dirname(abs); d.length >= gitRoot.length; d = path.dirname(d)) {
          const f = loadIgnoreFile(d);
          if (f) ancestors.unshift(f);
          if (d === gitRoot || path.dirname(d) === d) break;
        }
      }
      if (!isIgnoredBy(ancestors, abs, true)) rootScope = { files: ancestors.map((f) => place(f, abs)), negation: ancestors.some((f) => f.negation) };
    }
    walk = { tree: new TreeWalk(abs, rootScope, useGitignore ? (rel) => loadIgnoreFile(absOf(rel)) : undefined), fileOf, absOf };
    return true;
  };
  const emit = (rel: string, d: Dirent, scope: IgnoreScope): void => {
    if (scope.files.length > 0 && isIgnoredRel(scope.files, rel, false)) return;
    const isLink = d.isSymbolicLink();
    // FIFOs, sockets, devices: never opened (a FIFO would block the read forever).
    const special = !isLink && !d.isFile();
    const file = walk!.fileOf(rel);
    const fileAbs = walk!.absOf(rel);
    add(isLink ? { abs: fileAbs, file, symlink: true } : special ? { abs: fileAbs, file, skip: "not a regular file" } : { abs: fileAbs, file, regular: true });
  };
  const more = (): boolean => {
    const had = candidates.length;
    while (candidates.length === had) {
      if (walk === undefined) {
        if (!nextNamed()) return candidates.length > had;
        continue;
      }
      if (walk.tree.chunk(emit)) continue;
      for (const u of walk.tree.unlisted) {
        if (u.scope.files.length > 0 && isIgnoredRel(u.scope.files, u.rel, true)) continue;
        const skip = u.code === "EACCES" || u.code === "EPERM" ? "folder not readable (permission denied)" : `folder not readable (${u.code ?? "error"})`;
        add({ abs: walk.absOf(u.rel), file: walk.fileOf(u.rel), skip });
      }
      walk = undefined;
    }
    return true;
  };
  return { candidates, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, more };
}

/**
 * List what `paths` (files or folders, default ".") hold: the first half of walkFiles. Throws
 * PathNotFoundError.
 */
export async function listFiles(paths: readonly string[], options: WalkOptions): Promise<FileListing> {
  const stream = await streamListing(paths, options);
  while (stream.more());
  return { candidates: stream.candidates, maxFileSize: stream.maxFileSize };
}

/**
 * Walk `paths` (files or folders, default ".") and yield each text file read and decoded, or a
 * skipped entry. Throws PathNotFoundError (before yielding anything) when a named path is missing.
 */
export async function* walkFiles(paths: readonly string[], options: WalkOptions): AsyncGenerator<WalkEntry> {
  yield* readListing(await listFiles(paths, options), options);
}

/** Read a listing's files in order (walkFiles' second half); a listing stream is walked to its end. */
export async function* readListing(
  listing: FileListing | ListingStream,
  options: Pick<WalkOptions, "readAhead" | "readFile"> = {},
): AsyncGenerator<WalkEntry> {
  const { candidates, maxFileSize } = listing;
  if ("more" in listing) while (listing.more());
  const inject = options.readFile;
  if (inject === undefined) {
    for (const c of candidates) yield readCandidate(c, maxFileSize);
    return;
  }
  // An injected reader (tests: EACCES and other failures): the same checks, the bytes from it.
  const read = async (c: Candidate): Promise<WalkEntry> => {
    const file = c.file;
    const skip = (reason: string): WalkEntry => ({ skipped: { file, reason } });
    const before = skipBeforeReading(c);
    if (before !== undefined) return skip(before);
    try {
      const info = await lstat(c.abs);
      const target = info.isSymbolicLink() ? await stat(c.abs) : info;
      if (!target.isFile()) return skip("not a regular file");
      if (target.size > maxFileSize) return skip(tooLargeReason(maxFileSize, target.size));
      return decodedEntry(file, await inject(c.abs), maxFileSize);
    } catch (error) {
      return skip(unreadableReason(error));
    }
  };
  // Read a few files ahead so that I/O overlaps with scanning; yield in order.
  const ahead = Math.max(1, options.readAhead ?? 8);
  const pending: Array<Promise<WalkEntry>> = [];
  let next = 0;
  while (next < candidates.length && pending.length < ahead) pending.push(read(candidates[next++]!));
  while (pending.length > 0) {
    const entry = await pending.shift()!;
    if (next < candidates.length) pending.push(read(candidates[next++]!));
    yield entry;
  }
}
