/**
 * The `azure-msi` command line: a thin layer over scanSource() and the reporters.
 *
 *   main({ argv, cwd, stdout, stderr, env }) -> exit code (0 clean, 1 findings, 2 usage/fatal)
 *
 * Startup is kept small for pre-commit hooks: only node:util is loaded up front; the engine, the
 * file walker, the config loader and each reporter are imported when a command needs them.
 *
 * Adding a scan mode (e.g. --staged): add its flags to SCAN_OPTIONS, pick the source in
 * selectSource(), and add any report transform (e.g. --baseline) in postFilters().
 */
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import type { Report, ReporterOptions } from "./report.js";
import type { Source } from "./sources.js";
import type { LoadedConfig } from "../project/config.js";
import type { ScanProgress } from "./scan.js";
import { SEVERITY_RANK, type Severity } from "../core/types.js";

export interface Stream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface MainOptions {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly stdout: Stream;
  readonly stderr: Stream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A wrong command line (exit 2, one line on stderr). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

const HELP = `azure-msi: find hard-coded Azure credentials and move to Managed Identity

Usage:
  azure-msi scan [paths...] [options]   scan files and folders (default: .)
  azure-msi services                    which Azure services accept Managed Identity, and how
  azure-msi explain <id>                a detector or ESLint rule: what it finds, why it matters, the fix
  azure-msi baseline [paths...] [-o f]  accept today's findings: write .azure-msi-baseline.json
  azure-msi fix [paths...] [options]    rewrite code and Functions settings to Managed Identity
                                        (azure-msi fix --help)
  azure-msi --help | --version

Scan options:
      --staged               scan the staged content of staged files (pre-commit)
      --diff <rev>           only lines added since the merge base of <rev> and HEAD (pull requests)
      --history              every line added by the commits reachable from HEAD (was a key ever committed?)
      --since <rev>          with --history: only commits after <rev>
      --baseline <file>      hide findings listed in a baseline file; report entries that match nothing
  -f, --format <name>        output format: text (default), json, sarif, github, junit, html
  -o, --output <file>        write the report to a file instead of stdout
      --fail-on <severity>   exit 1 on findings at or above: error (default), warning, info
      --show-suppressed      also list findings suppressed by comments or the config
  -c, --config <file>        use this config file instead of .azure-msi.json / package.json#azureMsi
      --no-gitignore         scan files that .gitignore files exclude
      --max-file-size <n>    skip files larger than n bytes (default 5242880; k/m suffixes allowed)
  -q, --quiet                print findings only; nothing when clean
      --no-color             no colours (also NO_COLOR=1)

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or fatal error.
Suppress a finding with a comment "azure-msi-ignore" on its line or "azure-msi-ignore-next-line"
on the line before, or with "allow" entries in .azure-msi.json.
`;

/** `scan` flags (node:util parseArgs). Mode flags such as --staged are added here. */
export const SCAN_OPTIONS = {
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  "fail-on": { type: "string" },
  "show-suppressed": { type: "boolean" },
  config: { type: "string", short: "c" },
  "no-gitignore": { type: "boolean" },
  "max-file-size": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  staged: { type: "boolean" },
  diff: { type: "string" },
  history: { type: "boolean" },
  since: { type: "string" },
  baseline: { type: "string" },
} as const;

type ScanValues = { [K in keyof typeof SCAN_OPTIONS]?: (typeof SCAN_OPTIONS)[K]["type"] extends "boolean" ? boolean : string };

interface Context extends MainOptions {
  readonly debug: boolean;
}

function parse<T>(args: readonly string[], options: Record<string, { type: "string" | "boolean"; short?: string }>, allowPositionals: boolean): { values: T; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals, strict: true });
    return { values: values as T, positionals };
  } catch (error) {
    // parseArgs messages are one line with a hint; keep the first sentence.
    const message = (error as Error).message.split("\n")[0]!.replace(/\. To specify a positional argument.*$/, "");
    throw new UsageError(message);
  }
}

function parseSize(value: string): number {
  const m = /^(\d+)\s*(k|kb|m|mb|g|gb)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size must be a number of bytes (e.g. 5242880 or 5mb), got "${value}"`);
  const unit = (m[2] ?? "").toLowerCase()[0];
  const n = Number(m[1]) * (unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-file-size must be a positive number of bytes, got "${value}"`);
  return n;
}

function parseSeverity(value: string): Severity {
  if (value === "error" || value === "warning" || value === "info") return value;
  throw new UsageError(`--fail-on must be one of: error, warning, info (got "${value}")`);
}

function useColor(ctx: Context, values: ScanValues, toFile: boolean): boolean {
  if (values["no-color"] || toFile) return false;
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== "") return false;
  if (ctx.env.FORCE_COLOR !== undefined && ctx.env.FORCE_COLOR !== "" && ctx.env.FORCE_COLOR !== "0") return true;
  return ctx.stdout.isTTY === true && ctx.env.TERM !== "dumb";
}

/** Progress on stderr, only when it is a terminal: files, MB, MB/s, at most 10 updates a second. */
function progressPrinter(ctx: Context, quiet: boolean): { update(p: ScanProgress): void; done(): void } {
  if (!ctx.stderr.isTTY || quiet) return { update() {}, done() {} };
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - started < 300 || now - lastDraw < 100) return;
      lastDraw = now;
      const mb = p.bytes / (1024 * 1024);
      const rate = mb / Math.max(0.001, (now - started) / 1000);
      ctx.stderr.write(`\r\x1b[Kazure-msi: ${p.files} files, ${mb.toFixed(1)} MB, ${rate.toFixed(1)} MB/s, ${p.findings} findings`);
      drawn = true;
    },
    done() {
      if (drawn) ctx.stderr.write("\r\x1b[K");
    },
  };
}

/**
 * Where the texts come from. The file system by default; git sources (--staged, --diff,
 * --history) are chosen here too.
 */
async function selectSource(ctx: Context, values: ScanValues, paths: readonly string[], loaded: LoadedConfig): Promise<Source> {
  const maxFileSize = values["max-file-size"] !== undefined ? parseSize(values["max-file-size"]) : loaded.config.maxFileSize;
  const modes = [values.staged && "--staged", values.diff !== undefined && "--diff", values.history && "--history"].filter(Boolean);
  if (modes.length > 1) throw new UsageError(`${modes.join(" and ")} cannot be combined`);
  if (values.since !== undefined && !values.history) throw new UsageError("--since only applies to --history");
  if (modes.length === 1) {
    const [git, { relative }, { realpathSync }] = await Promise.all([import("./git.js"), import("node:path"), import("node:fs")]);
    // The config's `ignore` globs apply to git scans too (relative to the config's folder).
    const globs = loaded.config.ignore && loaded.config.ignore.length > 0 ? [...loaded.config.ignore] : undefined;
    const ignored = globs ? (await import("picomatch")).default(globs, { dot: true }) : undefined;
    const configDir = ignored ? realpathSync(loaded.dir) : loaded.dir;
    const exclude = ignored
      ? (abs: string): boolean => {
          const rel = relative(configDir, abs).split("\\").join("/");
          return !rel.startsWith("..") && ignored(rel);
        }
      : undefined;
    const options = { env: ctx.env as NodeJS.ProcessEnv, paths, ...(maxFileSize !== undefined ? { maxFileSize } : {}), ...(exclude ? { exclude } : {}) };
    if (values.staged) return git.stagedSource(ctx.cwd, options);
    if (values.diff !== undefined) return git.diffSource(ctx.cwd, values.diff, options);
    return git.historySource(ctx.cwd, values.since, options);
  }
  const { fileSource } = await import("./sources.js");
  return fileSource(paths, {
    cwd: ctx.cwd,
    gitignore: !values["no-gitignore"],
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
    ignore: loaded.config.ignore ?? [],
    ignoreBase: loaded.dir,
  });
}

/** Transforms of the finished report, in order (e.g. --baseline moves known findings aside). */
async function postFilters(
  ctx: Context,
  values: ScanValues,
  _loaded: LoadedConfig,
): Promise<Array<(report: Report) => Report | Promise<Report>>> {
  const filters: Array<(report: Report) => Report | Promise<Report>> = [];
  if (values.baseline !== undefined) {
    const file = values.baseline;
    const [{ loadBaseline, applyBaseline }, { resolve }] = await Promise.all([import("./baseline.js"), import("node:path")]);
    const baseline = await loadBaseline(resolve(ctx.cwd, file), file);
    // Stale entries only make sense when the scan saw everything (not a staged, diff or history scan).
    const reportStale = !values.staged && values.diff === undefined && !values.history;
    filters.push((report) => applyBaseline(report, baseline, { reportStale }));
  }
  return filters;
}

/** The scan's clock: like performance.now(), without loading perf_hooks (about 1 ms of a pre-commit run). */
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** --quiet: keep only findings at or above the failing severity. */
function onlyFailing(report: Report, failOn: Severity): Report {
  const findings = report.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  return { ...report, findings, summary: { ...report.summary, findings: findings.length } };
}

async function runScan(ctx: Context, args: readonly string[]): Promise<number> {
  const { values, positionals } = parse<ScanValues>(args, SCAN_OPTIONS, true);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const format = values.format ?? "text";
  const { loadReporter, FORMATS } = await import("./reporters/index.js");
  const reporter = await loadReporter(format);
  if (!reporter) throw new UsageError(`unknown format "${format}" (expected one of: ${FORMATS.join(", ")})`);
  const failOnFlag = values["fail-on"] !== undefined ? parseSeverity(values["fail-on"]) : undefined;
  if (values["max-file-size"] !== undefined) parseSize(values["max-file-size"]);

  const [{ loadConfig, allowMatcher }, { DETECTORS }, { scanSource }] = await Promise.all([
    import("../project/config.js"),
    import("../core/detectors/index.js"),
    import("./scan.js"),
  ]);
  const loaded = loadConfig({
    cwd: ctx.cwd,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    knownRuleIds: new Set(DETECTORS.map((d) => d.id)),
  });
  const failOn = failOnFlag ?? loaded.config.failOn ?? "error";
  const quiet = values.quiet === true;

  const source = await selectSource(ctx, values, positionals, loaded);
  const progress = progressPrinter(ctx, quiet);
  let report: Report;
  try {
    report = await scanSource(source, { allow: allowMatcher(loaded, ctx.cwd), onProgress: (p) => progress.update(p), now: monotonicMs });
  } finally {
    progress.done();
  }
  for (const filter of await postFilters(ctx, values, loaded)) report = await filter(report);
  if (quiet) report = onlyFailing(report, failOn);

  const toFile = values.output !== undefined;
  const reporterOptions: ReporterOptions = {
    color: useColor(ctx, values, toFile),
    showSuppressed: values["show-suppressed"] === true,
    // package.json is read only by the reporters that print the version (SARIF, HTML).
    get version() {
      return version();
    },
    quiet,
  };
  const output = reporter(report, reporterOptions);
  if (values.output !== undefined) {
    const { writeFileSync } = await import("node:fs");
    const { resolve } = await import("node:path");
    try {
      writeFileSync(resolve(ctx.cwd, values.output), output);
    } catch (error) {
      throw new UsageError(`cannot write ${values.output} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  } else {
    ctx.stdout.write(output);
  }
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

async function runServices(ctx: Context, args: readonly string[]): Promise<number> {
  const { values } = parse<{ help?: boolean }>(args, { help: { type: "boolean", short: "h" } }, false);
  if (values.help) {
    ctx.stdout.write("Usage: azure-msi services\n\nPrints every Azure service we detect credentials of, whether it accepts Managed Identity, the roles and the docs.\n");
    return 0;
  }
  // docs.ts renders the catalog (shared with docs/services.md).
  const { renderServicesText } = await import("../core/report/docs.js");
  ctx.stdout.write(renderServicesText());
  return 0;
}

async function runExplain(ctx: Context, args: readonly string[]): Promise<number> {
  const { values, positionals } = parse<{ help?: boolean }>(args, { help: { type: "boolean", short: "h" } }, true);
  if (values.help || positionals.length === 0) {
    if (!values.help) throw new UsageError("explain needs a detector id (e.g. azure-msi explain storage-account-key)");
    ctx.stdout.write("Usage: azure-msi explain <detector-id>\n");
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`explain takes one id, got ${positionals.length}`);
  const { explain } = await import("./explain.js");
  ctx.stdout.write(explain(positionals[0]!));
  return 0;
}

export const BASELINE_OPTIONS = {
  output: { type: "string", short: "o" },
  config: { type: "string", short: "c" },
  "no-gitignore": { type: "boolean" },
  "max-file-size": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * `azure-msi baseline [paths...] [--output .azure-msi-baseline.json]`: scan like `scan` and write
 * the fingerprints of every finding (config and inline suppressions still apply), so that only new
 * findings fail from now on.
 */
async function runBaseline(ctx: Context, args: readonly string[]): Promise<number> {
  type Values = { output?: string; config?: string; "no-gitignore"?: boolean; "max-file-size"?: string; help?: boolean };
  const { values, positionals } = parse<Values>(args, BASELINE_OPTIONS, true);
  const baselineModule = await import("./baseline.js");
  if (values.help) {
    ctx.stdout.write(
      `Usage: azure-msi baseline [paths...] [--output ${baselineModule.DEFAULT_BASELINE_FILE}] [--config <file>] [--no-gitignore] [--max-file-size <n>]\n\n` +
        "Writes the fingerprints of today's findings (no line numbers, sorted) so that\n" +
        `\`azure-msi scan --baseline ${baselineModule.DEFAULT_BASELINE_FILE}\` fails only on new ones.\n`,
    );
    return 0;
  }
  const [{ loadConfig, allowMatcher }, { DETECTORS }, { scanSource }, { writeFileSync }, { resolve }] = await Promise.all([
    import("../project/config.js"),
    import("../core/detectors/index.js"),
    import("./scan.js"),
    import("node:fs"),
    import("node:path"),
  ]);
  const loaded = loadConfig({
    cwd: ctx.cwd,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    knownRuleIds: new Set(DETECTORS.map((d) => d.id)),
  });
  const source = await selectSource(ctx, { "no-gitignore": values["no-gitignore"], "max-file-size": values["max-file-size"] }, positionals, loaded);
  const report = await scanSource(source, { allow: allowMatcher(loaded, ctx.cwd) });
  const output = values.output ?? baselineModule.DEFAULT_BASELINE_FILE;
  const baseline = baselineModule.createBaseline(report.findings);
  try {
    writeFileSync(resolve(ctx.cwd, output), baselineModule.formatBaseline(baseline));
  } catch (error) {
    throw new UsageError(`cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const n = baseline.findings.length;
  ctx.stderr.write(`azure-msi: wrote ${n} fingerprint${n === 1 ? "" : "s"} (${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}) to ${output}\n`);
  return 0;
}

export const FIX_OPTIONS = {
  "dry-run": { type: "boolean" },
  credential: { type: "string" },
  "client-id": { type: "string" },
  format: { type: "string", short: "f" },
  "allow-dirty": { type: "boolean" },
  "add-dependency": { type: "boolean" },
  config: { type: "string", short: "c" },
  "no-gitignore": { type: "boolean" },
  "disable-local-auth": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const FIX_HELP = `Usage: azure-msi fix [paths...] [options]

Rewrites hard-coded Azure credentials to Managed Identity: JS/TS clients get a TokenCredential (the
same rewrites as the ESLint rule's suggestions), Azure Functions local.settings.json connections
become identity-based settings; other files are reported with the manual path. Then prints the role
assignments the app's identity needs and the keys to rotate.

Options:
      --dry-run                 print a unified diff of every change; write nothing
      --credential <kind>       default (DefaultAzureCredential, the default) or managed-identity
      --client-id <guid>        client id of a user-assigned identity
  -f, --format <name>           text (default) or json
      --allow-dirty             run even if the paths have uncommitted changes in git
      --add-dependency          add @azure/identity to the nearest package.json when missing
  -c, --config <file>           config file (allow list and ignore globs)
      --no-gitignore            also fix files that .gitignore files exclude
      --disable-local-auth      also turn keys off on the target resources in Bicep / Terraform
                                (allowSharedKeyAccess: false, disableLocalAuth: true, ...)
      --emit-iac <bicep|terraform> <file>
                                write the identity's role assignments as a standalone module
                                (parameters for the resource ids) instead of editing Bicep / Terraform

Bicep and Terraform code under the working directory is edited too: a system-assigned identity on
the app (App Service, Functions, Container Apps, VM) when it has none, one role assignment per
target resource with the catalog's role id, identity-based app settings. See docs/fix.md.

Exit codes: 0 nothing left to fix by hand, 1 findings left (or files not written), 2 usage or fatal error.
`;

/** `--emit-iac <bicep|terraform> <file>` (two values, so taken out before parseArgs). */
function takeEmitIac(args: readonly string[]): { rest: string[]; emitIac?: { format: "bicep" | "terraform"; file: string } } {
  const rest: string[] = [];
  let emitIac: { format: "bicep" | "terraform"; file: string } | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      rest.push(...args.slice(i));
      break;
    }
    if (a !== "--emit-iac" && !a.startsWith("--emit-iac=")) {
      rest.push(a);
      continue;
    }
    if (emitIac) throw new UsageError("--emit-iac can be given once");
    const format = a.startsWith("--emit-iac=") ? a.slice("--emit-iac=".length) : args[++i];
    if (format !== "bicep" && format !== "terraform") throw new UsageError(`--emit-iac must be followed by bicep or terraform and a file (got "${(format ?? "").slice(0, 40)}")`);
    const file = args[++i];
    if (file === undefined || file === "" || file.startsWith("-")) throw new UsageError(`--emit-iac ${format} needs a file name (e.g. --emit-iac ${format} ${format === "bicep" ? "infra/app-roles.bicep" : "infra/app-roles.tf"})`);
    const ext = format === "bicep" ? ".bicep" : ".tf";
    if (!file.toLowerCase().endsWith(ext)) throw new UsageError(`--emit-iac ${format}: the file name must end with ${ext} (got "${file.slice(0, 80)}")`);
    emitIac = { format, file };
  }
  return { rest, ...(emitIac ? { emitIac } : {}) };
}

/** `azure-msi fix`: see src/scanner/fix/index.ts. */
async function runFix(ctx: Context, args: readonly string[]): Promise<number> {
  type Values = { [K in keyof typeof FIX_OPTIONS]?: (typeof FIX_OPTIONS)[K]["type"] extends "boolean" ? boolean : string };
  const { rest, emitIac } = takeEmitIac(args);
  const { values, positionals } = parse<Values>(rest, FIX_OPTIONS, true);
  if (values.help) {
    ctx.stdout.write(FIX_HELP);
    return 0;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json for fix (got "${format}")`);
  const credential = values.credential ?? "default";
  if (credential !== "default" && credential !== "managed-identity") throw new UsageError(`--credential must be default or managed-identity (got "${credential}")`);
  const [{ applyFixes }, { renderFixText, renderFixJson }, { loadConfig, allowMatcher }, { DETECTORS }] = await Promise.all([
    import("./fix/index.js"),
    import("./fix/report/render.js"),
    import("../project/config.js"),
    import("../core/detectors/index.js"),
  ]);
  const loaded = loadConfig({
    cwd: ctx.cwd,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    knownRuleIds: new Set(DETECTORS.map((d) => d.id)),
  });
  const result = await applyFixes({
    cwd: ctx.cwd,
    paths: positionals,
    dryRun: values["dry-run"] === true,
    credential,
    ...(values["client-id"] !== undefined ? { clientId: values["client-id"] } : {}),
    allowDirty: values["allow-dirty"] === true,
    addDependency: values["add-dependency"] === true,
    gitignore: !values["no-gitignore"],
    ignore: loaded.config.ignore ?? [],
    ignoreBase: loaded.dir,
    allow: allowMatcher(loaded, ctx.cwd),
    env: ctx.env as NodeJS.ProcessEnv,
    disableLocalAuth: values["disable-local-auth"] === true,
    ...(emitIac ? { emitIac } : {}),
  });
  for (const w of result.warnings) ctx.stderr.write(`azure-msi: warning: ${w}\n`);
  ctx.stdout.write(format === "json" ? renderFixJson(result) : renderFixText(result));
  const failedWrites = result.files.some((f) => f.status === "not-written" || f.status === "changed-meanwhile");
  return result.summary.notFixed > 0 || failedWrites ? 1 : 0;
}

const COMMANDS: Record<string, (ctx: Context, args: readonly string[]) => Promise<number>> = {
  scan: runScan,
  fix: runFix,
  baseline: runBaseline,
  services: runServices,
  explain: runExplain,
};

/** Run the CLI. Never throws: errors become one line on stderr and exit code 2. */
export async function main(options: MainOptions): Promise<number> {
  // `azure-msi scan | head`: a closed pipe is not an error worth a stack trace.
  for (const stream of [options.stdout, options.stderr] as Array<Stream & { on?: (e: string, f: (err: NodeJS.ErrnoException) => void) => unknown }>) {
    stream.on?.("error", (err) => {
      if (err.code !== "EPIPE") throw err;
    });
  }
  const ctx: Context = { ...options, debug: /(?:^|,)\s*(?:azure-msi|\*)\s*(?:,|$)/.test(options.env.DEBUG ?? "") };
  try {
    const [command, ...rest] = options.argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      options.stdout.write(HELP);
      return 0;
    }
    if (command === "--version" || command === "-v") {
      options.stdout.write(`${version()}\n`);
      return 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) {
      throw new UsageError(
        command.startsWith("-")
          ? `unknown option ${command} (commands: ${Object.keys(COMMANDS).join(", ")}; see azure-msi --help)`
          : `unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(", ")}; see azure-msi --help)`,
      );
    }
    return await run(ctx, rest);
  } catch (error) {
    const e = error as Error;
    const expected = ["UsageError", "ConfigError", "PathNotFoundError", "ExplainError", "GitError", "BaselineError", "FixError"].includes(e?.name);
    // Messages echo paths, values and file content: the engine masks any secret in them.
    let mask = (s: string): string => s;
    try {
      mask = (await import("../core/report/mask.js")).maskSecrets;
    } catch {
      // the engine itself failed to load: print the message as it is
    }
    const message = mask((e?.message ?? String(error)).split("\n")[0]!);
    options.stderr.write(`azure-msi: ${expected ? "" : "internal error: "}${message}\n`);
    if (ctx.debug && e?.stack) options.stderr.write(`${mask(e.stack)}\n`);
    return 2;
  }
}
