#!/usr/bin/env node
// npm run bench [-- --size 10|100|300] [--full] [--runs N] [--only throughput,startup,editor,scaling,history]
//                [--commits 5000] [--record]
//
// Findings: each corpus's report (findings, suppressed, skipped, counts) is compared with the one
// recorded by the first run on that corpus (a digest next to the corpus folder); a difference is
// reported (the "findings identical" target). `--record` records the current report instead.
//
// Measures azure-msi against the tools people would use instead, on a generated monorepo (see
// corpus.js; generated once per size into os.tmpdir()). Medians of several alternating runs with a
// warm page cache. Needs `npm run build` (the npm script does it). Installs and downloads nothing:
// ripgrep is used when `rg` is on PATH (Debian: apt-get install ripgrep), else its column is skipped.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureCorpus, ensureHistoryRepo } from "./corpus.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(root, "bin", "azure-msi.js");
const SECRETLINT = path.join(root, "node_modules", "secretlint", "bin", "secretlint.js");
const PRESET = "@secretlint/secretlint-rule-preset-recommend";

const { values: args } = parseArgs({
  options: {
    size: { type: "string", default: "10" },
    full: { type: "boolean", default: false },
    runs: { type: "string" },
    only: { type: "string" },
    commits: { type: "string", default: "5000" },
    record: { type: "boolean", default: false },
  },
});
const sizes = args.full ? [10, 100, 300] : [Number(args.size)];
if (sizes.some((s) => !Number.isInteger(s) || s < 1 || s > 2000)) {
  console.error("bench: --size must be a whole number of MB (e.g. 10, 100, 300)");
  process.exit(2);
}
const main = sizes[sizes.length - 1];
const RUNS = Number(args.runs ?? (args.full ? 5 : 3));
const only = new Set((args.only ?? "throughput,startup,editor,scaling,history").split(","));
const log = (s) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const MB = 1024 * 1024;
const fmt = (n, d = 1) => (n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(d));
const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/**
 * Run a command, return wall ms, CPU ms (user + system) and peak RSS in MB (both via /usr/bin/time
 * when present). CPU time is the steadier figure on a shared machine: other processes' load
 * stretches wall time but not the work a tool does.
 */
function runTimed(cmd, argv, cwd, env) {
  const full = TIME ? [TIME, ["-f", "%M %U %S", cmd, ...argv]] : [cmd, argv];
  const t0 = performance.now();
  const r = spawnSync(full[0], full[1], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  const lines = r.stderr.toString().trim().split("\n");
  const [kb, user, sys] = TIME ? lines[lines.length - 1].split(" ").map(Number) : [];
  const rss = TIME ? kb / 1024 : undefined;
  const cpu = TIME ? (user + sys) * 1000 : undefined;
  return { ms, cpu, rss, status: r.status, stderr: lines.slice(0, TIME ? -1 : undefined).join("\n") };
}

/** Medians over alternating runs of several commands (one warm-up run each, not counted). */
function alternate(commands, runs = RUNS) {
  const results = commands.map(() => ({ ms: [], cpu: [], rss: [] }));
  for (let i = -1; i < runs; i++) {
    commands.forEach((c, k) => {
      const r = runTimed(c.cmd, c.argv, c.cwd, c.env);
      if (c.ok && !c.ok(r.status)) throw new Error(`${c.name} failed (exit ${r.status}): ${r.stderr.slice(0, 300)}`);
      if (i >= 0) {
        results[k].ms.push(r.ms);
        if (r.cpu !== undefined) results[k].cpu.push(r.cpu);
        if (r.rss !== undefined) results[k].rss.push(r.rss);
      }
    });
  }
  return results.map((r) => ({ ms: median(r.ms), cpu: r.cpu.length ? median(r.cpu) : undefined, rss: r.rss.length ? Math.max(...r.rss) : undefined, all: r.ms }));
}

function table(title, head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

const verdict = (ok) => (ok ? "met" : "NOT met");

// ---------------------------------------------------------------------------------------------
const { DETECTORS, compileDetectors, scanWith } = await import("../dist/core/index.js");
const keywords = compileDetectors(DETECTORS).keywords;
const summary = [];
console.log(`# azure-msi benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "cpu"})`);
console.log(`runs: median of ${RUNS} alternating runs after a warm-up run; ${DETECTORS.length} detectors, ${keywords.length} keywords`);

const corpora = sizes.map((s) => ensureCorpus(s, log));
const corpus = corpora[corpora.length - 1];

/** The report's own count of what was scanned (files, bytes, findings), and a digest of the whole report. */
function scanSummary(dir, paths = [], extra = []) {
  const out = path.join(os.tmpdir(), `azure-msi-bench-report-${process.pid}.json`);
  const r = spawnSync(process.execPath, [CLI, "scan", ...paths, ...extra, "--format", "json", "--output", out], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`azure-msi scan failed: ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, "utf8"));
  rmSync(out, { force: true });
  const { durationMs: _d, ...counts } = report.summary;
  const digest = createHash("sha256").update(JSON.stringify({ ...report, summary: counts })).digest("hex").slice(0, 16);
  return { ...report.summary, digest };
}

/**
 * Findings identical to the recorded run on this corpus (or history repo)? The first run (or
 * `--record`) records the digest in `file`; later runs compare with it.
 */
const findingChecks = [];
function checkFindings(name, file, summary) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    recorded = undefined;
  }
  if (recorded === undefined || args.record) {
    let commit = "";
    try {
      commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    } catch {
      // not a git checkout
    }
    writeFileSync(file, JSON.stringify({ digest: summary.digest, findings: summary.findings, date: new Date().toISOString(), commit }));
    findingChecks.push([name, summary.digest, "recorded now", true]);
    return;
  }
  const same = recorded.digest === summary.digest;
  findingChecks.push([name, summary.digest, same ? `identical to ${recorded.commit || "the"} run of ${recorded.date.slice(0, 16)}` : `DIFFERENT from ${recorded.commit || "the"} run of ${recorded.date.slice(0, 16)} (${recorded.findings} -> ${summary.findings} findings)`, same]);
}

const ourScan = (dir, paths = []) => ({
  name: "azure-msi",
  cmd: process.execPath,
  argv: [CLI, "scan", ...paths, "--format", "json", "--output", "/dev/null"],
  cwd: dir,
  ok: (s) => s === 0 || s === 1,
});
const rgScan = (dir) => ({
  name: "ripgrep",
  cmd: "rg",
  argv: ["-i", "-F", "-c", "--hidden", ...keywords.flatMap((k) => ["-e", k]), "."],
  cwd: dir,
  ok: (s) => s === 0 || s === 1,
});

// ---------------------------------------------------------------------------------------------
const throughput = [];
if (only.has("throughput")) {
  const rg = has("rg");
  if (!rg) console.log("\nripgrep (rg) is not on PATH: its column is skipped (Debian: apt-get install ripgrep).");
  for (const c of corpora) {
    log(`throughput: ${c.sizeMb} MB ...`);
    const s = scanSummary(c.dir);
    // Recorded next to the corpus folder, not in it (it would be scanned).
    checkFindings(`${c.sizeMb} MB corpus`, `${c.dir}.findings.json`, s);
    // The default (worker threads on a multi-core machine) and one thread (AZURE_MSI_WORKERS=0).
    const cmds = [ourScan(c.dir), { ...ourScan(c.dir), name: "azure-msi (one thread)", env: { AZURE_MSI_WORKERS: "0" } }, ...(rg ? [rgScan(c.dir)] : [])];
    const [ours, one, rgr] = alternate(cmds);
    throughput.push({ size: c.sizeMb, summary: s, ours, one, rg: rgr, planted: c.planted });
  }
  table(
    "Throughput: `azure-msi scan . --format json` vs `rg -i -F -c --hidden -e <each keyword> .`",
    ["corpus", "files", "MB scanned", "findings (planted)", "azure-msi s", "MB/s", "files/s", "CPU s", "peak RSS MB", "rg s", "rg MB/s", "rg CPU s", "rg RSS MB", "azure-msi / rg (wall, CPU)"],
    throughput.map((t) => [
      `${t.size} MB`,
      t.summary.files,
      fmt(t.summary.bytes / MB),
      `${t.summary.findings} (${t.planted})`,
      fmt(t.ours.ms / 1000, 2),
      fmt(t.summary.bytes / MB / (t.ours.ms / 1000)),
      fmt(t.summary.files / (t.ours.ms / 1000), 0),
      fmt(t.ours.cpu / 1000, 2),
      fmt(t.ours.rss, 0),
      t.rg ? fmt(t.rg.ms / 1000, 3) : "skipped",
      t.rg ? fmt(t.summary.bytes / MB / (t.rg.ms / 1000), 0) : "",
      t.rg ? fmt(t.rg.cpu / 1000, 3) : "",
      t.rg ? fmt(t.rg.rss, 0) : "",
      t.rg ? `${fmt(t.ours.ms / t.rg.ms)}x, ${fmt(t.ours.cpu / t.rg.cpu)}x` : "",
    ]),
  );
  table(
    `Threads: the default (${os.availableParallelism()} threads on this machine) vs \`AZURE_MSI_WORKERS=0\` (one thread)`,
    ["corpus", "default s", "default CPU s", "default RSS MB", "one thread s", "one thread CPU s", "one thread RSS MB", "speed-up (wall)"],
    throughput.map((t) => [`${t.size} MB`, fmt(t.ours.ms / 1000, 2), fmt(t.ours.cpu / 1000, 2), fmt(t.ours.rss, 0), fmt(t.one.ms / 1000, 2), fmt(t.one.cpu / 1000, 2), fmt(t.one.rss, 0), `${fmt(t.one.ms / t.ours.ms, 2)}x`]),
  );
  for (const t of throughput) {
    if (t.size >= 100 && os.availableParallelism() >= 2) summary.push([`threads pay (${t.size} MB)`, ">= 1.6x vs one thread", `${fmt(t.one.ms / t.ours.ms, 2)}x wall`, verdict(t.one.ms / t.ours.ms >= 1.6)]);
  }
  const last = throughput[throughput.length - 1];
  if (last.size >= 300) summary.push([`peak RSS (${last.size} MB)`, "< 250 MB", `${fmt(last.ours.rss, 0)} MB`, verdict(last.ours.rss < 250)]);
  if (last.rg) summary.push(["throughput vs ripgrep", "<= 3x", `${fmt(last.ours.ms / last.rg.ms)}x wall, ${fmt(last.ours.cpu / last.rg.cpu)}x CPU (${last.size} MB)`, verdict(last.ours.ms / last.rg.ms <= 3)]);

  // secretlint on a subset (it is slow): the first two packages of the largest corpus (about 4 MB
  // at 100 MB and up; each corpus has one package per 2 MB, at least 4).
  if (existsSync(SECRETLINT)) {
    const subset = readdirSync(path.join(corpus.dir, "packages")).sort().slice(0, 2).map((p) => `packages/${p}`);
    log(`secretlint: ${subset.length} packages ...`);
    const rc = path.join(os.tmpdir(), "azure-msi-bench-secretlintrc.json");
    writeFileSync(rc, JSON.stringify({ rules: [{ id: PRESET }] }));
    const s = scanSummary(corpus.dir, subset);
    const sl = {
      name: "secretlint",
      cmd: process.execPath,
      argv: [SECRETLINT, "--secretlintrc", rc, "--format", "json", ...subset.map((p) => `${p}/**/*`)],
      cwd: corpus.dir,
      ok: (st) => st === 0 || st === 1,
    };
    const [ours, slr] = alternate([ourScan(corpus.dir, subset), sl], Math.min(RUNS, 3));
    const mbs = s.bytes / MB;
    const ratio = slr.ms / ours.ms;
    table(
      `secretlint ${PRESET} on a subset (${subset.length} packages of the ${corpus.sizeMb} MB corpus: ${s.files} files, ${fmt(mbs)} MB, as scanned by azure-msi)`,
      ["tool", "s", "MB/s", "CPU s", "peak RSS MB", "azure-msi speed-up (wall, CPU)"],
      [
        ["azure-msi", fmt(ours.ms / 1000, 2), fmt(mbs / (ours.ms / 1000)), fmt(ours.cpu / 1000, 2), fmt(ours.rss, 0), ""],
        ["secretlint", fmt(slr.ms / 1000, 2), fmt(mbs / (slr.ms / 1000), 2), fmt(slr.cpu / 1000, 2), fmt(slr.rss, 0), `${fmt(ratio)}x, ${fmt(slr.cpu / ours.cpu)}x`],
      ],
    );
    const full = last.summary.bytes / MB;
    console.log(`\nsecretlint extrapolated per MB to the whole ${last.size} MB corpus: ${fmt((full / (mbs / (slr.ms / 1000))), 0)} s (azure-msi measured: ${fmt(last.ours.ms / 1000, 1)} s).`);
    summary.push(["speed-up vs secretlint", ">= 50x", `${fmt(ratio)}x wall, ${fmt(slr.cpu / ours.cpu)}x CPU (same ${fmt(mbs)} MB subset)`, verdict(ratio >= 50)]);
  } else {
    console.log("\nsecretlint is not installed (npm install): its comparison is skipped.");
  }
}

// ---------------------------------------------------------------------------------------------
if (only.has("startup")) {
  log("startup ...");
  const repo = mkdtempSync(path.join(os.tmpdir(), "azure-msi-bench-staged-"));
  const git = (...a) => execFileSync("git", a, { cwd: repo, stdio: "ignore" });
  git("init", "-q");
  writeFileSync(path.join(repo, "app.ts"), 'export const greeting = (name: string): string => `Hello, ${name}`;\n');
  git("add", "app.ts");
  const [staged, node] = alternate(
    [
      { name: "azure-msi scan --staged", cmd: process.execPath, argv: [CLI, "scan", "--staged"], cwd: repo, ok: (s) => s === 0 },
      { name: "node -e 0", cmd: process.execPath, argv: ["-e", "0"], cwd: repo, ok: (s) => s === 0 },
    ],
    Math.max(RUNS, 9),
  );
  rmSync(repo, { recursive: true, force: true });
  const ratio = staged.ms / node.ms;
  table("Startup: pre-commit with one small staged file", ["command", "ms", "CPU ms", "peak RSS MB"], [
    ["azure-msi scan --staged", fmt(staged.ms, 0), fmt(staged.cpu, 0), fmt(staged.rss, 0)],
    ["node -e 0", fmt(node.ms, 0), fmt(node.cpu, 0), fmt(node.rss, 0)],
    ["ratio", `${fmt(ratio, 2)}x`, `${fmt(staged.cpu / node.cpu, 2)}x`, ""],
  ]);
  summary.push(["startup vs node -e 0", "<= 1.5x", `${fmt(ratio, 2)}x wall (${fmt(staged.ms, 0)} vs ${fmt(node.ms, 0)} ms), ${fmt(staged.cpu / node.cpu, 2)}x CPU`, verdict(ratio <= 1.5)]);
}

// ---------------------------------------------------------------------------------------------
function listFiles(dir, re, out = [], limit = Infinity) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (out.length >= limit) break;
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, re, out, limit);
    else if (re.test(e.name) && statSync(p).size < 256 * 1024) out.push(p);
  }
  return out;
}

if (only.has("editor")) {
  log("editor (ESLint) ...");
  const { ESLint } = await import("eslint");
  const tseslint = (await import("typescript-eslint")).default;
  const plugin = (await import("../dist/index.js")).default;
  if (!existsSync(path.join(root, "examples", "leaky-app"))) execFileSync(process.execPath, [path.join(root, "scripts", "make-example.js")], { stdio: "ignore" });
  const TS = /\.(?:[cm]?ts|tsx)$/;
  const sets = [
    ["repo src + examples/leaky-app", root, [...listFiles(path.join(root, "src"), TS), ...listFiles(path.join(root, "examples", "leaky-app"), TS)]],
    ["generated (300 corpus .ts files)", corpora[0].dir, listFiles(path.join(corpora[0].dir, "packages"), /\.ts$/, [], 300)],
  ];
  const base = [{ files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"] }, ...tseslint.configs.recommended];
  const lint = async (cwd, files, withPlugin) => {
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: withPlugin ? [...base, plugin.configs.recommended] : base,
      cache: false,
      errorOnUnmatchedPattern: false,
    });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const results = await eslint.lintFiles(files);
    const c1 = process.cpuUsage(c0);
    const ms = performance.now() - t0;
    const ours = results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId?.startsWith("azure-msi/")).length, 0);
    return { ms, cpu: (c1.user + c1.system) / 1000, ours };
  };
  const rows = [];
  for (const [name, cwd, files] of sets) {
    const a = [];
    const b = [];
    const ac = [];
    const bc = [];
    let found = 0;
    for (let i = -1; i < RUNS; i++) {
      const x = await lint(cwd, files, false);
      const y = await lint(cwd, files, true);
      found = y.ours;
      if (i >= 0) {
        a.push(x.ms);
        b.push(y.ms);
        ac.push(x.cpu);
        bc.push(y.cpu);
      }
    }
    const without = median(a);
    const withP = median(b);
    const overhead = (withP / without - 1) * 100;
    const cpuOverhead = (median(bc) / median(ac) - 1) * 100;
    rows.push([name, files.length, fmt(without, 0), fmt(withP, 0), `${fmt(overhead)}%`, fmt(median(ac), 0), fmt(median(bc), 0), `${fmt(cpuOverhead)}%`, found]);
    summary.push([`ESLint overhead (${name})`, "< 10%", `${fmt(overhead)}% wall, ${fmt(cpuOverhead)}% CPU`, verdict(cpuOverhead < 10)]);
  }
  table("Editor: ESLint (typescript-eslint recommended) with and without azure-msi's recommended config, in-process", ["files", "count", "without ms", "with ms", "overhead", "without CPU ms", "with CPU ms", "CPU overhead", "azure-msi reports"], rows);
}

// ---------------------------------------------------------------------------------------------
if (only.has("scaling")) {
  log("scaling ...");
  if (throughput.length > 1) {
    const first = throughput[0];
    const rows = throughput.map((t) => {
      const mbps = t.summary.bytes / MB / (t.ours.ms / 1000);
      return [`${t.size} MB`, fmt(t.summary.bytes / MB), fmt(t.ours.ms / 1000, 2), fmt(mbps), fmt(t.ours.ms / first.ours.ms / (t.summary.bytes / first.summary.bytes), 2), fmt(t.ours.rss, 0)];
    });
    table("Scaling with total bytes (CLI, all detectors)", ["corpus", "MB", "s", "MB/s", "time / bytes vs 10 MB", "peak RSS MB"], rows);
    const lastT = throughput[throughput.length - 1];
    const growth = lastT.ours.ms / first.ours.ms / (lastT.summary.bytes / first.summary.bytes);
    summary.push(["linear in bytes", "time/bytes flat", `${fmt(growth, 2)}x per byte at ${lastT.size} vs ${first.size} MB`, verdict(growth < 1.3)]);
    const rssGrowth = lastT.ours.rss / first.ours.rss;
    summary.push(["bounded memory", "RSS not growing with size", `${fmt(first.ours.rss, 0)} -> ${fmt(lastT.ours.rss, 0)} MB (${fmt(rssGrowth, 2)}x for ${fmt(lastT.summary.bytes / first.summary.bytes, 0)}x bytes)`, verdict(rssGrowth < 2)]);
  }
  // Detectors: the first 10 of the registry vs all, in-process over the same files (engine only).
  const { walkFiles } = await import("../dist/scanner/files.js");
  const ten = compileDetectors(DETECTORS.slice(0, 10));
  const all = compileDetectors(DETECTORS);
  const c = corpora[0];
  const times = { ten: [], all: [] };
  let bytes = 0;
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    let t10 = 0;
    let tall = 0;
    bytes = 0;
    for await (const e of walkFiles(["."], { cwd: c.dir })) {
      if ("skipped" in e) continue;
      bytes += e.bytes;
      // Alternate the order per file so that neither set gets the warmer caches.
      const a = performance.now();
      scanWith(ten, e.text, { path: e.file });
      const b = performance.now();
      scanWith(all, e.text, { path: e.file });
      const d = performance.now();
      t10 += b - a;
      tall += d - b;
    }
    times.ten.push(t10);
    times.all.push(tall);
  }
  const t10 = median(times.ten);
  const tall = median(times.all);
  table(`Scaling with detectors (engine in-process, ${c.sizeMb} MB corpus, ${fmt(bytes / MB)} MB scanned)`, ["detectors", "s", "MB/s"], [
    ["10 (first 10 of the registry)", fmt(t10 / 1000, 2), fmt(bytes / MB / (t10 / 1000))],
    [`${DETECTORS.length} (all)`, fmt(tall / 1000, 2), fmt(bytes / MB / (tall / 1000))],
    ["ratio", `${fmt(tall / t10, 2)}x`, `(bytes x detectors would be ${fmt(DETECTORS.length / 10, 1)}x)`],
  ]);
  summary.push([`all vs 10 detectors`, `well under ${fmt(DETECTORS.length / 10, 1)}x`, `${fmt(tall / t10, 2)}x`, verdict(tall / t10 < DETECTORS.length / 10 / 2)]);
}

// ---------------------------------------------------------------------------------------------
if (only.has("history")) {
  const commits = Number(args.commits);
  const h = ensureHistoryRepo(commits, log);
  log(`history: ${commits} commits ...`);
  const s = scanSummary(h.dir, [], ["--history"]);
  checkFindings(`history of ${commits} commits`, path.join(h.dir, ".git", "bench-findings.json"), s);
  const [hist] = alternate([{ name: "azure-msi scan --history", cmd: process.execPath, argv: [CLI, "scan", "--history", "--format", "json", "--output", "/dev/null"], cwd: h.dir, ok: (st) => st === 0 || st === 1 }], Math.min(RUNS, 3));
  const mbs = s.bytes / MB / (hist.ms / 1000);
  const tree = throughput[throughput.length - 1];
  const treeMbs = tree ? tree.summary.bytes / MB / (tree.ours.ms / 1000) : undefined;
  table(`History: \`azure-msi scan --history\` on a generated repository of ${commits} commits (${s.files} blobs scanned, each unique)`, ["commits", "blobs", "MB of blobs", "findings (planted)", "s", "MB/s", "CPU s", "peak RSS MB", "working-tree MB/s"], [
    [commits, s.files, fmt(s.bytes / MB), `${s.findings} (${h.planted})`, fmt(hist.ms / 1000, 2), fmt(mbs), fmt(hist.cpu / 1000, 2), fmt(hist.rss, 0), treeMbs ? `${fmt(treeMbs)} (${tree.size} MB corpus)` : "not measured (--only throughput)"],
  ]);
  if (treeMbs) summary.push(["--history MB/s vs working tree", "within 2x", `${fmt(mbs)} vs ${fmt(treeMbs)} MB/s (${fmt(treeMbs / mbs, 2)}x)`, verdict(treeMbs / mbs <= 2)]);
}

if (findingChecks.length > 0) {
  table("Findings (digest of the JSON report without durationMs)", ["corpus", "digest", "vs recorded", "ok"], findingChecks.map(([n, d, v, ok]) => [n, d, v, ok ? "yes" : "NO"]));
  summary.push(["findings identical on every corpus", "identical", findingChecks.every((c) => c[3]) ? "identical" : "DIFFERENT (see Findings)", verdict(findingChecks.every((c) => c[3]))]);
}

table("Targets (issue 5, issue 12)", ["target", "goal", "measured", "verdict"], summary);
