// Deterministic benchmark corpus: a generated monorepo of TS/JS sources of all sizes, big lock
// files, minified bundles, a few 100k-character lines, YAML/.env/JSON config, binary assets, an
// ignored node_modules/ and generated/ (with a .gitignore), and planted fake secrets made by our own
// generators (dist/core). The same size always yields the same bytes.
//
//   import { ensureCorpus } from "./corpus.js";
//   const info = await ensureCorpus(100);  // { dir, files, bytes, planted, ... } (reused if present)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { DETECTORS } from "../dist/core/index.js";
import { fakeBase64, rng } from "../dist/core/keys/fake.js";

/** Bump when the generator changes: an old corpus is then regenerated. */
const VERSION = 3;

export const corpusDir = (sizeMb) => path.join(os.tmpdir(), `azure-msi-bench-${sizeMb}`);

// ---------------------------------------------------------------------------------------------
// Source-like text. Identifiers come from a vocabulary that, like real code, contains many of the
// words the prefilter keys on (path, token, auth, login, password, secret, search, storage...).

const WORDS = (
  "user account order item cart price total count index value result data list map set key id name " +
  "path pattern token auth login logout password secret config options settings request response " +
  "handler client server service query search filter sort page limit offset cache store storage " +
  "file stream buffer chunk upload download blob queue message event topic relay batch job task " +
  "worker retry timeout error status code header body json text html url host port endpoint route " +
  "router controller model view schema field column table row record entity repository session " +
  "context state props render component hook effect memo ref dispatch action reducer selector " +
  "logger metric trace span format parse validate transform encode decode hash sign verify " +
  "connection database pool transaction commit rollback migrate seed test spec mock fixture"
).split(" ");
const TYPES = ["string", "number", "boolean", "Date", "unknown", "Record<string, string>", "string[]", "Map<string, number>"];

function makeRandom(label) {
  const r = rng(label);
  const int = (n) => Math.floor(r() * n);
  const pick = (a) => a[int(a.length)];
  const camel = (n) => {
    let s = pick(WORDS);
    for (let i = 1; i < n; i++) {
      const w = pick(WORDS);
      s += w[0].toUpperCase() + w.slice(1);
    }
    return s;
  };
  const pascal = (n) => {
    const c = camel(n);
    return c[0].toUpperCase() + c.slice(1);
  };
  return { r, int, pick, camel, pascal };
}

function tsFunction(g) {
  const fn = g.camel(2 + g.int(2));
  const params = Array.from({ length: 1 + g.int(3) }, () => `${g.camel(1 + g.int(2))}: ${g.pick(TYPES)}`);
  const lines = [`export async function ${fn}(${params.join(", ")}): Promise<${g.pascal(2)}> {`];
  const body = 3 + g.int(14);
  for (let i = 0; i < body; i++) {
    switch (g.int(8)) {
      case 0:
        lines.push(`  const ${g.camel(2)} = await this.${g.camel(2)}.${g.camel(1)}(${g.camel(1)}, { ${g.camel(1)}: ${g.int(1000)} });`);
        break;
      case 1:
        lines.push(`  if (!${g.camel(2)}) throw new Error("${g.camel(1)} ${g.pick(WORDS)} is required for ${g.pick(WORDS)}");`);
        break;
      case 2:
        lines.push(`  for (const ${g.camel(1)} of ${g.camel(2)}) ${g.camel(1)}.push(${g.camel(1)}.${g.camel(2)});`);
        break;
      case 3:
        lines.push(`  // ${g.pick(WORDS)} the ${g.pick(WORDS)} before the ${g.pick(WORDS)} ${g.pick(WORDS)} is ${g.pick(WORDS)}ed`);
        break;
      case 4:
        lines.push(`  const ${g.camel(1)} = path.join(${g.camel(1)}Dir, \`\${${g.camel(1)}}.${g.pick(["json", "ts", "log", "txt"])}\`);`);
        break;
      case 5:
        lines.push(`  return { ${g.camel(1)}: ${g.camel(2)}, ${g.camel(1)}: "${g.pick(WORDS)}-${g.int(99)}" } as ${g.pascal(2)};`);
        break;
      case 6:
        lines.push(`  logger.${g.pick(["info", "debug", "warn"])}(\`${g.pick(WORDS)} \${${g.camel(1)}} ${g.pick(WORDS)}\`, { ${g.camel(1)} });`);
        break;
      default:
        lines.push(`  ${g.camel(2)} = ${g.camel(1)}.${g.pick(["map", "filter", "reduce", "find"])}((x) => x.${g.camel(1)} ${g.pick(["===", "!==", ">", "<"])} ${g.int(100)});`);
    }
  }
  lines.push("}", "");
  return lines.join("\n");
}

function tsClass(g) {
  const name = g.pascal(2);
  const lines = [`export class ${name}${g.int(2) ? ` extends ${g.pascal(1)}Base` : ""} {`];
  for (let i = 0, n = 2 + g.int(6); i < n; i++) lines.push(`  private readonly ${g.camel(2)}: ${g.pick(TYPES)};`);
  lines.push(`  constructor(private readonly ${g.camel(1)}: ${g.pascal(2)}) {}`);
  for (let i = 0, n = 1 + g.int(4); i < n; i++) {
    lines.push(`  ${g.camel(2)}(${g.camel(1)}: ${g.pick(TYPES)}): ${g.pick(TYPES)} {`);
    for (let j = 0, m = 1 + g.int(6); j < m; j++) lines.push(`    this.${g.camel(2)} = ${g.camel(1)} ?? ${g.int(2) ? `"${g.pick(WORDS)}"` : g.int(500)};`);
    lines.push(`    return this.${g.camel(2)};`, "  }");
  }
  lines.push("}", "");
  return lines.join("\n");
}

function tsHeader(g) {
  const lines = [];
  for (let i = 0, n = 1 + g.int(6); i < n; i++) {
    lines.push(`import { ${g.pascal(2)}, ${g.camel(2)} } from "${g.pick(["./", "../", "@app/"])}${g.pick(WORDS)}/${g.pick(WORDS)}.js";`);
  }
  lines.push('import path from "node:path";', "");
  return lines.join("\n");
}

/** About `bytes` characters of TypeScript-like source. */
function sourceText(g, bytes) {
  let s = tsHeader(g);
  while (s.length < bytes) s += g.int(3) === 0 ? tsClass(g) : tsFunction(g);
  return s;
}

/** Minified: the same code with newlines and indentation squeezed out, long lines. */
function minified(g, bytes) {
  let s = "!function(){";
  while (s.length < bytes) {
    s += (g.int(3) === 0 ? tsClass(g) : tsFunction(g)).replace(/\n\s*/g, "").replace(/: (?:string|number|boolean|unknown)\b/g, "");
    if (g.int(40) === 0) s += "\n";
  }
  return `${s}}();\n`;
}

function lockFile(g, bytes) {
  const parts = ['{\n  "name": "monorepo",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const name = `${g.pick(WORDS)}-${g.pick(WORDS)}${i % 7 === 0 ? `-${g.pick(WORDS)}` : ""}`;
    const version = `${g.int(9)}.${g.int(30)}.${g.int(20)}`;
    const integrity = fakeBase64(64, `lock-${g.int(1e9)}`);
    const entry =
      `    "node_modules/${name}": {\n      "version": "${version}",\n` +
      `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${version}.tgz",\n` +
      `      "integrity": "sha512-${integrity}",\n      "dev": ${g.int(2) ? "true" : "false"},\n` +
      `      "license": "MIT"\n    },\n`;
    parts.push(entry);
    size += entry.length;
  }
  parts.push('    "": {}\n  }\n}\n');
  return parts.join("");
}

function yamlConfig(g) {
  const lines = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", `  name: ${g.pick(WORDS)}-${g.pick(WORDS)}`, "spec:", "  template:", "    spec:", "      containers:"];
  for (let i = 0, n = 1 + g.int(4); i < n; i++) {
    lines.push(`        - name: ${g.pick(WORDS)}`, `          image: contoso.example/${g.pick(WORDS)}:${g.int(20)}.${g.int(9)}`, "          env:");
    for (let j = 0, m = 2 + g.int(8); j < m; j++) {
      lines.push(`            - name: ${g.camel(2).toUpperCase()}`, `              value: "${g.pick(WORDS)}-${g.int(1000)}"`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function envFile(g) {
  const lines = [];
  for (let i = 0, n = 4 + g.int(20); i < n; i++) {
    const k = `${g.pick(WORDS)}_${g.pick(WORDS)}`.toUpperCase();
    lines.push(g.int(4) === 0 ? `${k}=\${${k}_FROM_VAULT}` : `${k}=${g.pick(WORDS)}-${g.int(10000)}`);
  }
  return `${lines.join("\n")}\n`;
}

function jsonConfig(g) {
  const o = {};
  for (let i = 0, n = 3 + g.int(25); i < n; i++) o[g.camel(2)] = g.int(3) === 0 ? { [g.camel(1)]: g.int(1000), [g.camel(1)]: g.pick(WORDS) } : g.pick(WORDS);
  return `${JSON.stringify(o, null, 2)}\n`;
}

function binary(g, bytes, kind) {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) b.writeUInt32LE((g.r() * 4294967296) >>> 0, Math.min(i, bytes - 4));
  if (kind === "png") Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  else b[3] = 0; // a NUL early: binary by content, whatever the name
  return b;
}

/** A planted secret: detectors' own positive samples (generated fakes) and fresh storage keys. */
function plantedSecrets() {
  const samples = [];
  for (const d of DETECTORS) for (const s of d.samples().positive) samples.push(s);
  return (i) => {
    if (i % 3 === 0) {
      const key = fakeBase64(64, `bench-plant-${i}`);
      return `const connectionString = "DefaultEndpointsProtocol=https;AccountName=bench${i};AccountKey=${key};EndpointSuffix=core.windows.net";`;
    }
    return samples[i % samples.length];
  };
}

/** File size in bytes for source files: log-uniform from 150 B to 38 KB, a few up to 256 KB. */
function sourceSize(g) {
  if (g.int(100) === 0) return 64 * 1024 + g.int(192 * 1024);
  return Math.round(150 * Math.exp(g.r() * Math.log(256)));
}

/**
 * Generate the corpus for `sizeMb` (10, 100, 300...) into its temp folder unless it already holds
 * this version. Returns what was generated (file counts and bytes of the scanned part).
 */
export function ensureCorpus(sizeMb, log = () => {}) {
  const dir = corpusDir(sizeMb);
  const marker = path.join(dir, ".bench-corpus.json");
  if (existsSync(marker)) {
    try {
      const info = JSON.parse(readFileSync(marker, "utf8"));
      if (info.version === VERSION && info.sizeMb === sizeMb) return { ...info, dir };
    } catch {
      // regenerate
    }
  }
  log(`generating a ${sizeMb} MB corpus in ${dir} ...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const g = makeRandom(`bench-corpus-${sizeMb}`);
  const target = sizeMb * 1024 * 1024;
  const plant = plantedSecrets();
  const info = { version: VERSION, sizeMb, files: 0, bytes: 0, binaryFiles: 0, ignoredFiles: 0, planted: 0, kinds: {} };
  const made = new Set();
  const write = (rel, content, kind) => {
    const abs = path.join(dir, rel);
    const parent = path.dirname(abs);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(abs, content);
    const n = Buffer.byteLength(content);
    if (kind === "ignored") info.ignoredFiles++;
    else if (kind === "binary") info.binaryFiles++;
    else {
      info.files++;
      info.bytes += n;
      info.kinds[kind] = (info.kinds[kind] ?? 0) + n;
    }
  };

  writeFileSync(path.join(dir, ".gitignore"), "node_modules/\ngenerated/\n*.log\n");
  // A git repository (no commits) so that ripgrep and azure-msi both honour the .gitignore.
  try {
    execFileSync("git", ["init", "-q", dir], { stdio: "ignore" });
  } catch {
    // without git, azure-msi still honours .gitignore; ripgrep gets --no-require-git
  }

  // Fixed shares of the scanned bytes: lock files 15%, bundles 12%, long lines 1%, config 4%,
  // the rest TS/JS sources. Planted secrets: about one per MB (at least 40).
  const share = { lock: 0.15, bundle: 0.12, longline: 0.01, config: 0.04 };
  const plantCount = Math.max(40, sizeMb);
  const packages = Math.max(4, Math.round(sizeMb / 2));
  const pkgDir = (i) => `packages/pkg-${String(i % packages).padStart(3, "0")}`;
  const sourceBudget = target * (1 - share.lock - share.bundle - share.longline - share.config);
  const plantEvery = Math.max(1, Math.floor(sourceBudget / 10_000 / plantCount));

  // Lock files: 1-4 MB each.
  for (let i = 0, b = 0; b < target * share.lock; i++) {
    const text = lockFile(g, Math.min(target * share.lock - b, (1 + g.int(4)) * 1024 * 1024));
    write(i === 0 ? "package-lock.json" : `${pkgDir(i)}/package-lock.json`, text, "lock");
    b += text.length;
  }
  // Minified bundles: up to 2 MB.
  for (let i = 0, b = 0; b < target * share.bundle; i++) {
    const text = minified(g, Math.min(target * share.bundle - b, 64 * 1024 + g.int(1984 * 1024)));
    write(`${pkgDir(i)}/public/assets/bundle-${i}.min.js`, text, "bundle");
    b += text.length;
  }
  // A few 100k-character lines: inlined data and one-line JSON.
  for (let i = 0, b = 0; b < target * share.longline; i++) {
    const text = i % 2 === 0
      ? `export const ${g.camel(2)} = "data:image/png;base64,${fakeBase64(75_000, `long-${i}`)}";\n`
      : `${JSON.stringify(Array.from({ length: 2500 }, () => ({ [g.camel(1)]: g.pick(WORDS), id: g.int(1e6) })))}\n`;
    write(`${pkgDir(i)}/src/data/inline-${i}.${i % 2 === 0 ? "ts" : "json"}`, text, "longline");
    b += text.length;
  }
  // Config: YAML, .env, JSON.
  for (let i = 0, b = 0; b < target * share.config; i++) {
    const which = i % 3;
    const text = which === 0 ? yamlConfig(g) : which === 1 ? envFile(g) : jsonConfig(g);
    const name = which === 0 ? `deploy/${g.pick(WORDS)}-${i}.yaml` : which === 1 ? `.env.${g.pick(WORDS)}${i}` : `config/${g.pick(WORDS)}-${i}.json`;
    write(`${pkgDir(i)}/${name}`, text, "config");
    b += text.length;
  }
  // TS/JS sources, with planted secrets every so often.
  for (let i = 0, b = 0, p = 0; b < sourceBudget; i++) {
    let text = sourceText(g, Math.min(sourceBudget - b + 200, sourceSize(g)));
    if (i % plantEvery === 0 && p < plantCount) {
      const at = text.lastIndexOf("\n", Math.floor(text.length / 2)) + 1;
      text = `${text.slice(0, at)}${plant(p++)}\n${text.slice(at)}`;
      info.planted++;
    }
    const ext = g.pick(["ts", "ts", "ts", "tsx", "js", "mjs"]);
    write(`${pkgDir(i)}/src/${g.pick(WORDS)}/${g.pick(WORDS)}-${i}.${ext}`, text, "source");
    b += text.length;
  }
  // Binary assets (skipped by both tools; not counted in bytes).
  for (let i = 0, n = Math.max(20, sizeMb * 3); i < n; i++) {
    const kind = i % 4 === 0 ? "blob" : "png";
    write(`${pkgDir(i)}/public/img/${g.pick(WORDS)}-${i}.${kind === "png" ? "png" : "dat"}`, binary(g, 2048 + g.int(60_000), kind), "binary");
  }
  // Ignored: node_modules/ and generated/ (never scanned; each as big as 20% of the corpus).
  for (let i = 0, b = 0; b < target * 0.2; i++) {
    const text = i % 5 === 0 ? minified(g, 200_000) : sourceText(g, sourceSize(g));
    write(`${i % 2 ? "node_modules" : "generated"}/${g.pick(WORDS)}-${i % 50}/lib/${g.pick(WORDS)}-${i}.js`, text, "ignored");
    b += text.length;
  }
  writeFileSync(marker, JSON.stringify(info));
  log(`generated ${info.files} files, ${(info.bytes / 1048576).toFixed(1)} MB to scan, ${info.planted} planted secrets`);
  return { ...info, dir };
}

// ---------------------------------------------------------------------------------------------
// A git history for `scan --history`: `commits` commits over 300 TS files (1-16 KB at first), each commit
// changing one to three files (new functions inserted, lines edited), a fake secret added every
// 50 commits and removed a few commits later. Written with `git fast-import` (seconds, not
// minutes). Deterministic; reused when present.

const HISTORY_VERSION = 2;
export const historyDir = (commits) => path.join(os.tmpdir(), `azure-msi-bench-history-${commits}`);

export function ensureHistoryRepo(commits, log = () => {}) {
  const dir = historyDir(commits);
  const marker = path.join(dir, ".git", "bench-history.json");
  if (existsSync(marker)) {
    try {
      const info = JSON.parse(readFileSync(marker, "utf8"));
      if (info.version === HISTORY_VERSION && info.commits === commits) return { ...info, dir };
    } catch {
      // regenerate
    }
  }
  log(`generating a git history of ${commits} commits in ${dir} ...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main", dir], { stdio: "ignore" });
  const g = makeRandom(`bench-history-${commits}`);
  const plant = plantedSecrets();
  const FILES = 300;
  const files = Array.from({ length: FILES }, (_, i) => ({
    path: `packages/pkg-${String(i % 12).padStart(2, "0")}/src/${g.pick(WORDS)}/${g.pick(WORDS)}-${i}.ts`,
    lines: sourceText(g, 1000 + g.int(15_000)).split("\n"),
  }));
  const chunks = [];
  const data = (s) => {
    const b = Buffer.from(s);
    chunks.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from("\n"));
  };
  const planted = [];
  let blobBytes = 0;
  let blobs = 0;
  const t0 = 1_600_000_000;
  for (let c = 1; c <= commits; c++) {
    const changed = new Set();
    const n = c === 1 ? FILES : 1 + g.int(3);
    while (changed.size < n) changed.add(c === 1 ? changed.size : g.int(FILES));
    if (c > 1) {
      for (const i of changed) {
        const f = files[i];
        const at = g.int(f.lines.length);
        if (g.int(3) === 0 && f.lines.length > 40) f.lines.splice(at, 1 + g.int(4), `  // ${g.pick(WORDS)} ${g.pick(WORDS)} ${g.int(1000)}`);
        else f.lines.splice(at, 0, ...tsFunction(g).split("\n"));
      }
      // A leak every 50 commits, removed again 3 commits later.
      if (c % 50 === 0) {
        const i = g.int(FILES);
        const f = files[i];
        f.lines.splice(Math.floor(f.lines.length / 2), 0, plant(planted.length));
        planted.push({ i, line: plant(planted.length), removeAt: c + 3 });
        changed.add(i);
      }
      for (const p of planted) {
        if (p.removeAt !== c) continue;
        const f = files[p.i];
        const k = f.lines.indexOf(p.line);
        if (k >= 0) f.lines.splice(k, 1);
        changed.add(p.i);
      }
    }
    chunks.push(Buffer.from(`commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.com> ${t0 + c * 600} +0000\n`));
    data(`${g.pick(WORDS)}: ${g.pick(WORDS)} ${g.pick(WORDS)} (${c})`);
    if (c > 1) chunks.push(Buffer.from(`from :${c - 1}\n`));
    for (const i of changed) {
      const text = files[i].lines.join("\n");
      chunks.push(Buffer.from(`M 100644 inline ${files[i].path}\n`));
      data(text);
      blobBytes += Buffer.byteLength(text);
      blobs++;
    }
    chunks.push(Buffer.from("\n"));
  }
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: Buffer.concat(chunks), stdio: ["pipe", "ignore", "inherit"], maxBuffer: 1 << 30 });
  execFileSync("git", ["reset", "-q", "--hard", "main"], { cwd: dir, stdio: "ignore" });
  const info = { version: HISTORY_VERSION, commits, blobs, blobBytes, planted: planted.length };
  writeFileSync(marker, JSON.stringify(info));
  log(`generated ${commits} commits, ${blobs} blobs (${(blobBytes / 1048576).toFixed(1)} MB), ${planted.length} planted secrets`);
  return { ...info, dir };
}
