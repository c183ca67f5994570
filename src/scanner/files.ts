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
 */
import { lstat, readFile, stat } from "node:fs/promises";
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync, type Dirent } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import type { SkippedFile } from "./report.js";
import { decodeText, formatBytes, isBinaryExtension } from "./decode.js";
import { findGitRoot } from "../project/git-root.js";

export { decodeText, isBinaryExtension } from "./decode.js";
export { findGitRoot } from "../project/git-root.js";

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
  /** How many files to read ahead while the previous ones are scanned (default 8). */
  readonly readAhead?: number;
  /** Reads one file (default fs/promises readFile); tests inject failures such as EACCES here. */
  readonly readFile?: (abs: string) => Promise<Uint8Array>;
}

export interface ReadFile {
  /** Relative to cwd, `/` separators. */
  readonly file: string;
  readonly text: string;
  /** Size on disk. */
  readonly bytes: number;
}

export type WalkEntry = ReadFile | { readonly skipped: SkippedFile };

const toSlash = (p: string): string => p.split(path.sep).join("/");

/** .gitignore rules of one folder. */
interface IgnoreFile {
  readonly dir: string; // absolute
  readonly rules: Ignore;
}

function loadIgnoreFile(dir: string): IgnoreFile | undefined {
  try {
    const text = readFileSync(path.join(dir, ".gitignore"), "utf8");
    return { dir, rules: ignore({ allowRelativePaths: true }).add(text) };
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

interface Candidate {
  readonly abs: string;
  /** Known to be a symbolic link that we do not follow. */
  readonly symlink?: boolean;
  /** Known not to be readable (a folder that could not be listed): the reason. */
  readonly skip?: string;
  /** readdir's entry says a regular file: read it without an lstat first (readRegular). */
  readonly regular?: boolean;
}

interface TreeEntry {
  /** Relative to the walked folder, `/` separators. */
  readonly path: string;
  readonly name: string;
  readonly dirent: Dirent;
}

const IGNORED_NAMES = new Set(DEFAULT_IGNORED_DIRS.filter((d) => !d.includes("/")));
const IGNORED_PATHS = DEFAULT_IGNORED_DIRS.filter((d) => d.includes("/"));

/**
 * Every entry below `root`, links not followed, default folders pruned. `unreadable` gets the
 * folders that could not be listed (relative path, error code).
 */
function walkTree(root: string, unreadable: (rel: string, code: string | undefined) => void): TreeEntry[] {
  const out: TreeEntry[] = [];
  const stack = [""];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(rel === "" ? root : path.join(root, rel), { withFileTypes: true });
    } catch (error) {
      if (rel !== "") unreadable(rel, (error as NodeJS.ErrnoException).code);
      continue;
    }
    for (const d of dirents) {
      const p = rel === "" ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (!IGNORED_NAMES.has(d.name) && !IGNORED_PATHS.some((x) => p === x || p.endsWith(`/${x}`))) stack.push(p);
      } else out.push({ path: p, name: d.name, dirent: d });
    }
  }
  return out;
}

/** Resolve the named paths and list the files to read, in a stable order. */
async function listCandidates(paths: readonly string[], options: WalkOptions): Promise<Candidate[]> {
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

  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate): void => {
    if (seen.has(c.abs)) return;
    seen.add(c.abs);
    out.push(c);
  };

  for (const { abs, isDir } of named) {
    if (!isDir) {
      add({ abs });
      continue;
    }
    const unlisted: Candidate[] = [];
    const entries = walkTree(abs, (rel, code) =>
      unlisted.push({ abs: path.join(abs, rel), skip: code === "EACCES" || code === "EPERM" ? "folder not readable (permission denied)" : `folder not readable (${code ?? "error"})` }),
    );
    let ignoreFiles: IgnoreFile[] = [];
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
      if (!isIgnoredBy(ancestors, abs, true)) ignoreFiles = ancestors;
      const nested = entries
        .filter((e) => e.name === ".gitignore" && e.dirent.isFile())
        .map((e) => path.dirname(path.join(abs, e.path)))
        .sort((a, b) => a.length - b.length);
      for (const dir of nested) {
        if (isIgnoredBy(ignoreFiles, dir, true)) continue;
        const f = loadIgnoreFile(dir);
        if (f) ignoreFiles.push(f);
      }
      ignoreFiles.sort((a, b) => a.dir.length - b.dir.length);
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const e of entries) {
      const isLink = e.dirent.isSymbolicLink();
      // FIFOs, sockets, devices: never opened (a FIFO would block the read forever).
      const special = !isLink && !e.dirent.isFile();
      const fileAbs = path.join(abs, e.path);
      if (ignoreFiles.length > 0 && isIgnoredBy(ignoreFiles, fileAbs, false)) continue;
      add(isLink ? { abs: fileAbs, symlink: true } : special ? { abs: fileAbs, skip: "not a regular file" } : { abs: fileAbs, regular: true });
    }
    for (const u of unlisted) if (!(ignoreFiles.length > 0 && isIgnoredBy(ignoreFiles, u.abs, true))) add(u);
  }
  return out;
}

/** Most source files fit here: one read, no fstat. Reused; decoded before the next file is read. */
const SMALL = 64 * 1024;
const scratch = Buffer.allocUnsafe(SMALL);
/** O_NONBLOCK: a file replaced by a FIFO since readdir must not block the scan. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Read a file that readdir reported as regular with few syscalls: open, one read into a shared
 * 64 KB buffer, close (a short read of a regular file is its end). Larger files: fstat for the
 * size limit, then the rest. Returns the size instead of the bytes when over `maxFileSize`. The
 * returned bytes may be the shared buffer: use them before reading the next file.
 */
function readRegular(abs: string, maxFileSize: number): Uint8Array | { tooLarge: number } {
  const fd = openSync(abs, OPEN_FLAGS);
  try {
    const n = readSync(fd, scratch, 0, SMALL, 0);
    if (n < SMALL) return n > maxFileSize ? { tooLarge: n } : scratch.subarray(0, n);
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
    if (info.size > maxFileSize) return { tooLarge: info.size };
    const buf = Buffer.allocUnsafe(Math.max(info.size, SMALL));
    scratch.copy(buf, 0, 0, SMALL);
    let total = SMALL;
    while (total < buf.length) {
      const r = readSync(fd, buf, total, buf.length - total, total);
      if (r === 0) break;
      total += r;
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * Walk `paths` (files or folders, default ".") and yield each text file read and decoded, or a
 * skipped entry. Throws PathNotFoundError (before yielding anything) when a named path is missing.
 */
export async function* walkFiles(paths: readonly string[], options: WalkOptions): AsyncGenerator<WalkEntry> {
  const cwd = options.cwd;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const base = options.ignoreBase ?? cwd;
  const extraIgnore =
    options.ignore && options.ignore.length > 0 ? picomatch([...options.ignore], { dot: true }) : undefined;
  const candidates = (await listCandidates(paths, options)).filter((c) => {
    if (!extraIgnore) return true;
    const rel = toSlash(path.relative(base, c.abs));
    return rel.startsWith("..") || !extraIgnore(rel);
  });

  const read = async (c: Candidate): Promise<WalkEntry> => {
    const file = toSlash(path.relative(cwd, c.abs)) || path.basename(c.abs);
    const skip = (reason: string): WalkEntry => ({ skipped: { file, reason } });
    if (c.skip !== undefined) return skip(c.skip);
    if (c.symlink) return skip("symbolic link (not followed)");
    if (isBinaryExtension(file)) return skip("binary file");
    try {
      if (c.regular && !options.readFile) {
        const buf = readRegular(c.abs, maxFileSize);
        if (!(buf instanceof Uint8Array)) return skip(`larger than ${formatBytes(maxFileSize)} (${formatBytes(buf.tooLarge)}; see --max-file-size)`);
        const text = decodeText(buf);
        if (text === undefined) return skip("binary file");
        return { file, text, bytes: buf.length };
      }
      const info = await lstat(c.abs);
      if (info.isSymbolicLink()) {
        const target = await stat(c.abs);
        if (!target.isFile()) return skip("not a regular file");
      } else if (!info.isFile()) return skip("not a regular file");
      const size = info.isSymbolicLink() ? (await stat(c.abs)).size : info.size;
      if (size > maxFileSize) {
        return skip(`larger than ${formatBytes(maxFileSize)} (${formatBytes(size)}; see --max-file-size)`);
      }
      const buf = await (options.readFile ?? readFile)(c.abs);
      if (buf.length > maxFileSize) {
        return skip(`larger than ${formatBytes(maxFileSize)} (${formatBytes(buf.length)}; see --max-file-size)`);
      }
      const text = decodeText(buf);
      if (text === undefined) return skip("binary file");
      return { file, text, bytes: buf.length };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "ENOENT"
            ? "removed during the scan"
            : code === "EISDIR"
              ? "not a regular file"
              : `unreadable (${code ?? "error"})`;
      return skip(why);
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
