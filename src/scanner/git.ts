/**
 * Git sources for `azure-msi scan --staged | --diff <rev> | --history [--since <rev>]`.
 *
 * Every git command is spawned directly (no shell) with `core.quotePath=false`; file lists are
 * read NUL-separated (`-z`) and patch headers are unquoted, so paths with spaces, unicode, quotes
 * and even newlines work. File content always comes from git objects (`git cat-file --batch`),
 * never from the working tree: `--staged` scans what will be committed, `--diff` and `--history`
 * what was committed.
 */
import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { SkippedFile } from "./report.js";
import type { Source, SourceFile } from "./sources.js";

/** A git problem the user can act on: printed as one line, exit code 2. */
export class GitError extends Error {
  override readonly name = "GitError";
}

export interface GitSourceOptions {
  /** Environment for git (defaults to process.env; hooks rely on GIT_INDEX_FILE and friends). */
  readonly env?: NodeJS.ProcessEnv;
  /** Pathspecs, relative to `cwd` (the CLI's `[paths...]`). Empty: the whole repository. */
  readonly paths?: readonly string[];
  /** Files larger than this are skipped (reported in `skipped`). Default 5 MiB, like files.ts. */
  readonly maxFileSize?: number;
  /** Files not to scan (the config's `ignore` globs), given the file's absolute real path. */
  readonly exclude?: (absolutePath: string) => boolean;
}

const GIT_GLOBAL_ARGS = ["-c", "core.quotePath=false", "-c", "color.ui=false", "-c", "diff.noprefix=false"];
/** Options that make patch output predictable whatever the user's diff configuration. */
const PATCH_ARGS = ["-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--full-index", "--src-prefix=a/", "--dst-prefix=b/"];

interface RunResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function spawnGit(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv | undefined) {
  const child = spawn("git", [...GIT_GLOBAL_ARGS, ...args], {
    cwd,
    env: { ...(env ?? process.env), GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true,
  });
  const failed = new Promise<never>((_, reject) => {
    child.on("error", (err: NodeJS.ErrnoException) => {
      reject(new GitError(err.code === "ENOENT" ? "git was not found on PATH (needed for --staged, --diff and --history)" : `could not run git: ${err.message}`));
    });
  });
  failed.catch(() => undefined);
  return { child, failed };
}

/** Run git to completion and collect its output. */
async function run(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv | undefined): Promise<RunResult> {
  const { child, failed } = spawnGit(cwd, args, env);
  child.stdin.end();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => out.push(b));
  child.stderr.on("data", (b: Buffer) => err.push(b));
  const code = await Promise.race([
    failed,
    new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1))),
  ]);
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") };
}

/** First line of git's complaint, for one-line errors. */
const firstLine = (s: string): string => s.split("\n").map((l) => l.trim()).find((l) => l !== "")?.replace(/^(fatal|error): /, "") ?? "";

async function runOk(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv | undefined, what: string): Promise<Buffer> {
  const r = await run(cwd, args, env);
  if (r.code !== 0) throw new GitError(`${what}: ${firstLine(r.stderr) || `git ${args[0]} exited with ${r.code}`}`);
  return r.stdout;
}

interface Repo {
  readonly cwd: string;
  /** `cwd` with symbolic links resolved, like git's `root` (macOS /tmp -> /private/tmp). */
  readonly realCwd: string;
  readonly root: string;
  readonly env: NodeJS.ProcessEnv | undefined;
}

async function openRepo(cwd: string, env: NodeJS.ProcessEnv | undefined, mode: string): Promise<Repo> {
  const r = await run(cwd, ["rev-parse", "--show-toplevel"], env);
  if (r.code !== 0) {
    const msg = firstLine(r.stderr);
    if (/not a git repository/i.test(msg)) throw new GitError(`${mode} needs a git repository, and ${cwd} is not inside one`);
    throw new GitError(`${mode}: ${msg || "git rev-parse failed"}`);
  }
  const root = r.stdout.toString("utf8").replace(/\n$/, "");
  if (root === "") throw new GitError(`${mode} needs a work tree (this is a bare repository)`);
  // Synchronous (the same uv realpath): fs/promises and the libuv thread pool stay unloaded.
  let realCwd = cwd;
  try {
    realCwd = realpathSync.native(cwd);
  } catch {
    // keep cwd
  }
  return { cwd, realCwd, root, env };
}

/** Repository-relative git path -> path relative to the working directory, `/` separators. */
function displayPath(repo: Repo, gitPath: string): string {
  const rel = relative(repo.realCwd, join(repo.root, gitPath));
  return sep === "/" ? rel : rel.split(sep).join("/");
}

const pathspecArgs = (paths: readonly string[] | undefined): string[] => ["--", ...(paths ?? [])];

async function isShallow(repo: Repo): Promise<boolean> {
  const r = await run(repo.cwd, ["rev-parse", "--is-shallow-repository"], repo.env);
  return r.code === 0 && r.stdout.toString("utf8").trim() === "true";
}

const SHALLOW_HINT =
  "this is a shallow clone; fetch the history it needs (actions/checkout: `fetch-depth: 0`; otherwise `git fetch --unshallow`)";

async function resolveCommit(repo: Repo, rev: string, mode: string): Promise<string> {
  if (rev.startsWith("-")) throw new GitError(`${mode}: "${rev}" is not a revision`);
  const r = await run(repo.cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], repo.env);
  if (r.code !== 0) {
    const hint = (await isShallow(repo)) ? `; ${SHALLOW_HINT}` : "";
    throw new GitError(`${mode}: unknown revision "${rev}"${hint}`);
  }
  return r.stdout.toString("utf8").trim();
}

async function requireHead(repo: Repo, mode: string): Promise<string> {
  const r = await run(repo.cwd, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], repo.env);
  if (r.code !== 0) throw new GitError(`${mode}: the repository has no commit yet`);
  return r.stdout.toString("utf8").trim();
}

// ---------------------------------------------------------------------------------------------
// Reading bytes from a stream

/** Pull-style reader over a child's stdout: lines and exact byte counts, with back-pressure. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly it: AsyncIterator<Buffer>;

  constructor(stream: NodeJS.ReadableStream) {
    this.it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.it.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? next.value : Buffer.concat([this.buf, next.value]);
    return true;
  }

  /** The next line without its `\n` (null at end of stream). */
  async line(): Promise<Buffer | null> {
    let from = 0;
    for (;;) {
      const nl = this.buf.indexOf(0x0a, from);
      if (nl >= 0) {
        const line = this.buf.subarray(0, nl);
        this.buf = this.buf.subarray(nl + 1);
        return line;
      }
      from = this.buf.length;
      if (!(await this.fill())) {
        if (this.buf.length === 0) return null;
        const rest = this.buf;
        this.buf = Buffer.alloc(0);
        return rest;
      }
    }
  }

  /**
   * Exactly `n` bytes (fewer only at end of stream), in a buffer of their own. A blob larger than
   * the pipe's chunks is copied once into place, not concatenated again at every chunk.
   */
  async bytes(n: number): Promise<Buffer> {
    if (this.buf.length >= n) {
      const out = Buffer.from(this.buf.subarray(0, n));
      this.buf = this.buf.subarray(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let got = this.buf.copy(out, 0);
    this.buf = Buffer.alloc(0);
    while (got < n) {
      if (this.done) return out.subarray(0, got);
      const next = await this.it.next();
      if (next.done) {
        this.done = true;
        return out.subarray(0, got);
      }
      const chunk = next.value;
      const take = Math.min(chunk.length, n - got);
      chunk.copy(out, got, 0, take);
      got += take;
      if (take < chunk.length) this.buf = chunk.subarray(take);
    }
    return out;
  }

  /** Skip `n` bytes without keeping them. */
  async skip(n: number): Promise<void> {
    let left = n;
    for (;;) {
      const take = Math.min(left, this.buf.length);
      this.buf = this.buf.subarray(take);
      left -= take;
      if (left === 0 || !(await this.fill())) return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Patch parsing

/** Undo git's C-style quoting of a path in a patch header (`"a/caf\303\251\n.txt"`). */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '"') break;
    if (c !== "\\") {
      for (const b of Buffer.from(c, "utf8")) bytes.push(b);
      continue;
    }
    const e = raw[++i] ?? "";
    if (/[0-3]/.test(e) && /^[0-7]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i, i + 3), 8));
      i += 2;
    } else if (e in simple) bytes.push(simple[e]!);
    else for (const b of Buffer.from(e, "utf8")) bytes.push(b);
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Added-line ranges of one file in one patch: [first, count] pairs, 1-based, new-file lines. */
export interface FilePatch {
  path: string;
  blob: string;
  mode: string;
  ranges: Array<[number, number]>;
}

export interface CommitInfo {
  readonly sha: string;
  readonly date: string;
  readonly author?: string;
}

const HUNK = /^@@@* -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Incremental parser of `git diff|log -p -U0 --full-index` output. Content lines are never
 * decoded; only headers are. Commit headers (history) are lines starting with \x01, which no patch
 * line can (patch content lines start with ' ', '+' or '-').
 */
export class PatchParser {
  private file: FilePatch | null = null;
  private inHeader = false;
  private deleted = false;
  commit: CommitInfo | null = null;

  constructor(private readonly emit: (file: FilePatch, commit: CommitInfo | null) => void) {}

  private flush(): void {
    if (this.file && !this.deleted && this.file.path !== "" && this.file.ranges.length > 0) this.emit(this.file, this.commit);
    this.file = null;
    this.deleted = false;
  }

  line(buf: Buffer): void {
    const first = buf[0];
    if (first === 0x01) {
      this.flush();
      const [sha = "", date = "", author] = buf.subarray(1).toString("utf8").split("\0");
      this.commit = author ? { sha, date, author } : { sha, date };
      return;
    }
    if (first === 0x64 /* d */ && buf.subarray(0, 11).toString("latin1") === "diff --git ") {
      this.flush();
      this.file = { path: "", blob: "", mode: "", ranges: [] };
      this.inHeader = true;
      return;
    }
    if (!this.file) return;
    if (first === 0x40 /* @ */) {
      const m = HUNK.exec(buf.subarray(0, 200).toString("latin1"));
      if (!m) return;
      this.inHeader = false;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count > 0) this.file.ranges.push([start, count]);
      return;
    }
    if (!this.inHeader) return;
    const text = buf.toString("utf8").replace(/\r$/, "");
    if (text.startsWith("+++ ")) {
      const name = text.slice(4).replace(/\t$/, "");
      if (name === "/dev/null") this.deleted = true;
      else {
        const p = unquoteGitPath(name);
        this.file.path = p.startsWith("b/") ? p.slice(2) : p;
      }
    } else if (text.startsWith("index ")) {
      const [, ids = "", mode = ""] = text.split(" ");
      this.file.blob = ids.split("..")[1] ?? "";
      if (mode) this.file.mode = mode;
    } else if (text.startsWith("new file mode ")) this.file.mode = text.slice(14);
    else if (text.startsWith("new mode ")) this.file.mode = text.slice(9);
    else if (text.startsWith("deleted file mode ")) this.deleted = true;
  }

  end(): void {
    this.flush();
  }
}

/** Expand [first, count] ranges into the set of line numbers. */
export function rangesToLines(ranges: ReadonlyArray<readonly [number, number]>): Set<number> {
  const lines = new Set<number>();
  for (const [first, count] of ranges) for (let i = 0; i < count; i++) lines.add(first + i);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Blobs

interface BlobRequest {
  readonly blob: string;
  /** Repository-relative path. */
  readonly path: string;
  readonly lineFilter?: ReadonlySet<number>;
  readonly commit?: CommitInfo;
  /** Known not to be in the repository (a partial clone): listed as skipped, never asked for. */
  readonly missing?: boolean;
}

/** The skip entry for an object git cannot read without fetching it. */
function missingSkip(repo: Repo, req: BlobRequest): { skipped: SkippedFile } {
  const commit = req.commit ? ` (commit ${req.commit.sha.slice(0, 12)})` : "";
  return { skipped: { file: displayPath(repo, req.path), reason: `git object ${req.blob.slice(0, 12)}${commit} is not in this clone (partial clone: git would have to fetch it)` } };
}

const NULL_SHA = /^0+$/;

type Git = ReturnType<typeof spawnGit>;

/**
 * Blob requests in order: known at once (an array, feedOf) or arriving while a git command still
 * runs (historyFeed). `at(i)` waits for the i-th and is undefined past the end; it throws the
 * producer's error.
 */
interface RequestFeed {
  at(i: number): BlobRequest | undefined | Promise<BlobRequest | undefined>;
}

const feedOf = (requests: readonly BlobRequest[]): RequestFeed => ({ at: (i) => requests[i] });

/**
 * Read blobs with one `git cat-file --batch` process and yield them as source files, in order. The
 * object names go to git as the feed produces them, so that git reads blobs while the feed's own
 * command (git log -p) is still running.
 */
async function* readBlobs(
  repo: Repo,
  feed: RequestFeed,
  options: GitSourceOptions,
): AsyncGenerator<SourceFile | { skipped: SkippedFile }> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX;
  const exclude = options.exclude;
  const wanted = (r: BlobRequest): boolean => r.blob !== "" && !NULL_SHA.test(r.blob) && !exclude?.(join(repo.root, r.path));
  let git: Git | undefined;
  let reader: ByteReader | undefined;
  let exited: Promise<number> | undefined;
  let stderr = "";
  /** cat-file gets the names of the requests from `first` on (those known missing are never asked for). */
  const sendNames = async (child: Git["child"], first: number): Promise<void> => {
    try {
      for (let i = first; ; i++) {
        const r = await feed.at(i);
        if (r === undefined) break;
        if (wanted(r) && !r.missing) child.stdin.write(`${r.blob}\n`);
      }
    } finally {
      child.stdin.end();
    }
  };
  try {
    for (let i = 0; ; i++) {
      const req = await feed.at(i);
      if (req === undefined) break;
      if (!wanted(req)) continue;
      // Objects known to be missing are reported in order, without asking git (which would try to fetch them).
      if (req.missing) {
        yield missingSkip(repo, req);
        continue;
      }
      if (git === undefined) {
        git = spawnGit(repo.cwd, ["cat-file", "--batch"], repo.env);
        const { child, failed } = git;
        child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
        child.stdin.on("error", () => undefined);
        // A failure of the feed surfaces in this loop (feed.at throws it here too).
        sendNames(child, i).catch(() => undefined);
        reader = new ByteReader(child.stdout);
        exited = Promise.race([failed, new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)))]);
      }
      const header = await Promise.race([reader!.line(), git.failed]);
      if (header === null) throw new GitError(`git cat-file stopped early: ${firstLine(stderr) || "no output"}`);
      const [, type = "", sizeText = ""] = header.toString("latin1").split(" ");
      if (type === "missing") {
        yield missingSkip(repo, req);
        continue;
      }
      if (sizeText === "") continue;
      const size = Number(sizeText);
      const file = displayPath(repo, req.path);
      if (type !== "blob") {
        await reader!.skip(size + 1);
        continue;
      }
      if (size > maxFileSize) {
        await reader!.skip(size + 1);
        yield { skipped: { file, reason: `larger than ${maxFileSize} bytes (see --max-file-size)` } };
        continue;
      }
      const data = await reader!.bytes(size);
      await reader!.skip(1);
      if (data.subarray(0, 8000).includes(0)) {
        yield { skipped: { file, reason: "binary file" } };
        continue;
      }
      const out: { -readonly [K in keyof SourceFile]: SourceFile[K] } = { file, text: data.toString("utf8"), bytes: size };
      if (req.lineFilter) out.lineFilter = req.lineFilter;
      if (req.commit) out.commit = req.commit;
      yield out;
    }
  } finally {
    if (git !== undefined && git.child.exitCode === null) git.child.kill();
    await exited?.catch(() => undefined);
  }
}

/** Run a patch-producing git command, handing each file patch to `onFile` as it is parsed. */
async function runPatches(
  repo: Repo,
  args: readonly string[],
  what: string,
  onFile: (file: FilePatch, commit: CommitInfo | null) => void,
  input?: string,
): Promise<void> {
  const { child, failed } = spawnGit(repo.cwd, args, repo.env);
  child.stdin.on("error", () => undefined);
  child.stdin.end(input ?? "");
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
  const parser = new PatchParser(onFile);
  const reader = new ByteReader(child.stdout);
  const closed = new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  for (let line = await Promise.race([reader.line(), failed]); line !== null; line = await reader.line()) parser.line(line);
  parser.end();
  const code = await Promise.race([closed, failed]);
  if (code !== 0) throw new GitError(`${what}: ${firstLine(stderr) || `git exited with ${code}`}`);
}

/** Run a patch-producing git command and collect its file patches. */
async function collectPatches(
  repo: Repo,
  args: readonly string[],
  what: string,
  input?: string,
): Promise<Array<{ file: FilePatch; commit: CommitInfo | null }>> {
  const files: Array<{ file: FilePatch; commit: CommitInfo | null }> = [];
  await runPatches(repo, args, what, (file, commit) => files.push({ file, commit }), input);
  return files;
}

/**
 * The blob requests of a history command (git log -p) as it runs: a scan of the first commits
 * starts while git is still computing the diffs of the older ones (on another core).
 */
function historyFeed(repo: Repo, args: readonly string[], what: string): RequestFeed {
  const requests: BlobRequest[] = [];
  let done = false;
  let failure: unknown;
  let waiting: Array<() => void> = [];
  const wake = (): void => {
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve();
  };
  runPatches(repo, args, what, (file, commit) => {
    const req = patchRequest(file, commit);
    if (req) requests.push(req);
    if (waiting.length > 0) wake();
  }).then(
    () => {
      done = true;
      wake();
    },
    (error: unknown) => {
      failure = error;
      done = true;
      wake();
    },
  );
  return {
    async at(i) {
      while (i >= requests.length && !done && failure === undefined) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure !== undefined) throw failure;
      return requests[i];
    },
  };
}

const isScannableMode = (mode: string): boolean => mode === "" || mode.startsWith("100");

const DEFAULT_MAX = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Public sources

/**
 * `--staged`: the staged content (from the index, not the working tree) of every added, copied,
 * modified, renamed or type-changed file.
 */
export async function* stagedSource(cwd: string, options: GitSourceOptions = {}): Source {
  // Both git processes at once (pre-commit latency); openRepo's error wins when both fail.
  const diff = runOk(
    cwd,
    ["diff", "--cached", "--raw", "-z", "--no-abbrev", "-M", "--diff-filter=ACMRT", "--no-ext-diff", ...pathspecArgs(options.paths)],
    options.env,
    "--staged",
  );
  diff.catch(() => undefined);
  const repo = await openRepo(cwd, options.env, "--staged");
  const raw = await diff;
  // `:oldmode newmode oldsha newsha status\0path\0` (two paths for renames and copies).
  const parts = raw.toString("utf8").split("\0");
  const requests: BlobRequest[] = [];
  for (let i = 0; i < parts.length; i++) {
    const meta = parts[i]!;
    if (!meta.startsWith(":")) continue;
    const [, newMode = "", , newSha = "", status = ""] = meta.slice(1).split(" ");
    const twoPaths = status.startsWith("R") || status.startsWith("C");
    const path = parts[twoPaths ? i + 2 : i + 1] ?? "";
    i += twoPaths ? 2 : 1;
    if (!isScannableMode(newMode) || newMode.startsWith("1200")) continue;
    requests.push({ blob: newSha, path });
  }
  yield* readBlobs(repo, feedOf(requests), options);
}

/**
 * `--diff <rev>`: the lines added between the merge base of `<rev>` and HEAD, and HEAD (what a
 * pull request adds). Deleted files are ignored, renamed files count only their changed lines.
 */
export async function* diffSource(cwd: string, rev: string, options: GitSourceOptions = {}): Source {
  const mode = `--diff ${rev}`;
  const repo = await openRepo(cwd, options.env, mode);
  const head = await requireHead(repo, mode);
  const target = await resolveCommit(repo, rev, mode);
  const mb = await run(cwd, ["merge-base", head, target], options.env);
  if (mb.code !== 0) {
    if (await isShallow(repo)) throw new GitError(`${mode}: cannot find the merge base of ${rev} and HEAD: ${SHALLOW_HINT}`);
    throw new GitError(`${mode}: ${rev} and HEAD have no common history (no merge base)`);
  }
  const base = mb.stdout.toString("utf8").trim().split("\n")[0]!;
  const patches = await collectPatches(repo, ["diff", ...PATCH_ARGS, "-M", "--diff-filter=ACMRT", base, head, ...pathspecArgs(options.paths)], mode);
  const requests = patches
    .filter(({ file }) => isScannableMode(file.mode))
    .map(({ file }) => ({ blob: file.blob, path: file.path, lineFilter: rangesToLines(file.ranges) }));
  yield* readBlobs(repo, feedOf(requests), options);
}

/**
 * `--history [--since <rev>]`: every line added by every commit reachable from HEAD (after
 * `<rev>` when given), reported with the commit's sha, author date and author name. Merge commits
 * add nothing of their own (their parents' commits are scanned).
 */
export async function* historySource(cwd: string, since?: string, options: GitSourceOptions = {}): Source {
  const mode = since === undefined ? "--history" : `--history --since ${since}`;
  // git must never fetch during a history scan: in a partial clone every old blob is missing, and
  // fetching them one by one would download the repository (or hang without a network).
  const repo = await openRepo(cwd, { ...(options.env ?? process.env), ...NO_LAZY_FETCH }, mode);
  const head = await requireHead(repo, mode);
  const range = since === undefined ? [head] : [`${await resolveCommit(repo, since, mode)}..${head}`];
  const format = "--format=%x01%H%x00%aI%x00%an";
  const paths = pathspecArgs(options.paths);
  if (await isPartialClone(repo)) {
    yield* readBlobs(repo, feedOf(await partialHistoryRequests(repo, head, range, paths, format, mode)), options);
    return;
  }
  yield* readBlobs(repo, historyFeed(repo, ["log", "-p", ...PATCH_ARGS, "-M", "--diff-filter=ACMRT", format, ...range, ...paths], mode), options);
}

/** The blob request for the added lines of a file patch (history: with the commit). */
function patchRequest(file: FilePatch, commit: CommitInfo | null): BlobRequest | undefined {
  if (!isScannableMode(file.mode)) return undefined;
  return commit
    ? { blob: file.blob, path: file.path, lineFilter: rangesToLines(file.ranges), commit }
    : { blob: file.blob, path: file.path, lineFilter: rangesToLines(file.ranges) };
}

/** Blob requests for the added lines of each file patch. */
function patchRequests(patches: ReadonlyArray<{ file: FilePatch; commit: CommitInfo | null }>): BlobRequest[] {
  const requests: BlobRequest[] = [];
  for (const { file, commit } of patches) {
    const req = patchRequest(file, commit);
    if (req) requests.push(req);
  }
  return requests;
}

/**
 * git >= 2.44 honours GIT_NO_LAZY_FETCH; older gits (2.39 here) try to fetch a missing object from
 * the promisor remote, which GIT_ALLOW_PROTOCOL (no transport allowed) makes fail at once.
 */
const NO_LAZY_FETCH = { GIT_NO_LAZY_FETCH: "1", GIT_ALLOW_PROTOCOL: "none" } as const;

/** A partial clone: a promisor remote (`remote.<name>.promisor`) or `extensions.partialClone`. */
async function isPartialClone(repo: Repo): Promise<boolean> {
  const r = await run(repo.cwd, ["config", "-z", "--get-regexp", "^(remote\\..*\\.promisor|extensions\\.partialclone)$"], repo.env);
  if (r.code !== 0) return false;
  return r.stdout
    .toString("utf8")
    .split("\0")
    .some((entry) => {
      const [key = "", value = ""] = entry.split("\n");
      return key.endsWith(".promisor") ? /^(?:true|yes|on|1)$/i.test(value.trim()) : key !== "" && value.trim() !== "";
    });
}

/** Objects reachable from `range` that the repository does not have (never fetched). */
async function missingObjects(repo: Repo, head: string, mode: string): Promise<Set<string>> {
  const out = await runOk(repo.cwd, ["rev-list", "--objects", "--no-object-names", "--missing=print", head], repo.env, mode);
  const missing = new Set<string>();
  for (const line of out.toString("latin1").split("\n")) if (line.startsWith("?")) missing.add(line.slice(1).trim());
  return missing;
}

interface RawEntry {
  readonly oldSha: string;
  readonly newSha: string;
  readonly newMode: string;
  readonly status: string;
  readonly path: string;
}

/** `git log --raw -z` over `range`: each commit with its changed files (trees only, no blob is read). */
async function rawHistory(repo: Repo, range: readonly string[], paths: readonly string[], format: string, mode: string): Promise<Array<{ commit: CommitInfo; entries: RawEntry[] }>> {
  const out = await runOk(repo.cwd, ["log", "--raw", "-z", "--no-abbrev", "--no-renames", format.replace(/%x00/g, "%x02"), ...range, ...paths], repo.env, mode);
  const commits: Array<{ commit: CommitInfo; entries: RawEntry[] }> = [];
  const tokens = out.toString("utf8").split("\0");
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.replace(/^\n+/, "");
    if (t.startsWith("\x01")) {
      const [sha = "", date = "", author] = t.slice(1).split("\x02");
      commits.push({ commit: author ? { sha, date, author } : { sha, date }, entries: [] });
    } else if (t.startsWith(":") && commits.length > 0) {
      const [, newMode = "", oldSha = "", newSha = "", status = ""] = t.slice(1).split(" ");
      commits[commits.length - 1]!.entries.push({ oldSha, newSha, newMode, status, path: tokens[++i] ?? "" });
    }
  }
  return commits;
}

/**
 * History of a partial clone, without fetching: commits whose blobs are all present are read as
 * usual (`git log -p` over exactly those commits); in the others, a file whose new version is
 * missing is listed as skipped, and a file whose old version is missing is scanned whole (its
 * added lines cannot be told without the old version).
 */
async function partialHistoryRequests(
  repo: Repo,
  head: string,
  range: readonly string[],
  paths: readonly string[],
  format: string,
  mode: string,
): Promise<BlobRequest[]> {
  // Missing objects of all of HEAD's history (with --since, the old side of the first commit is older than the range).
  const [missing, commits] = await Promise.all([missingObjects(repo, head, mode), rawHistory(repo, range, paths, format, mode)]);
  const isMissing = (sha: string): boolean => sha !== "" && !NULL_SHA.test(sha) && missing.has(sha);
  const complete = commits.filter((c) => !c.entries.some((e) => isMissing(e.oldSha) || isMissing(e.newSha)));
  const patched = new Map<string, BlobRequest[]>();
  if (complete.length > 0) {
    const patches = await collectPatches(
      repo,
      ["log", "-p", ...PATCH_ARGS, "-M", "--diff-filter=ACMRT", format, "--no-walk=unsorted", "--stdin", ...paths],
      mode,
      complete.map((c) => `${c.commit.sha}\n`).join(""),
    );
    for (const req of patchRequests(patches)) {
      const sha = req.commit?.sha ?? "";
      patched.set(sha, [...(patched.get(sha) ?? []), req]);
    }
  }
  const requests: BlobRequest[] = [];
  const completeShas = new Set(complete.map((c) => c.commit.sha));
  for (const { commit, entries } of commits) {
    if (completeShas.has(commit.sha)) {
      requests.push(...(patched.get(commit.sha) ?? []));
      continue;
    }
    for (const e of entries) {
      if (!/^[ACMRT]/.test(e.status) || !isScannableMode(e.newMode) || e.newMode.startsWith("1200")) continue;
      requests.push(isMissing(e.newSha) ? { blob: e.newSha, path: e.path, commit, missing: true } : { blob: e.newSha, path: e.path, commit });
    }
  }
  return requests;
}
