/**
 * Secrets never leak. A secret of every supported format (every positive sample of every detector,
 * generated at run time) is written to files, then every output is collected: `scan` in every
 * format (with --show-suppressed too), `baseline` (file and messages), `fix --dry-run` (text and
 * JSON), `explain` for every detector, ESLint messages and suggestions, error messages and the
 * DEBUG=azure-msi stack. No output may hold the full secret or any run of it longer than the
 * longest run that redact() shows.
 *
 * Also: the repository itself stays clean (no finding at error severity in any tracked file that
 * is not marked azure-msi-ignore).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DETECTORS, scanText } from "../../src/core/index.js";
import { fingerprint } from "../../src/core/report/fingerprint.js";
import { redact } from "../../src/core/report/redact.js";
import { applyInlineSuppressions } from "../../src/core/engine/suppress.js";
import { decodeText, isBinaryExtension } from "../../src/scanner/decode.js";
import plugin from "../../src/index.js";
import { ROOT, run, runBin, tempDir } from "./helpers.js";

interface Secret {
  readonly ruleId: string;
  readonly value: string;
  /** Shortest run of the secret that must never appear. */
  readonly run: number;
}

/** Longest run of secret characters that redact() shows. */
function visibleRun(secret: string): number {
  const shown = redact(secret);
  let best = 0;
  for (const part of shown.split(/\.\.\.|\*+/)) best = Math.max(best, part.length);
  return best;
}

/**
 * Every run of `min` characters of the secret, except runs that say nothing about it: a few
 * repeated characters, plain words (a generated password may contain "admin"), and the public
 * constants of a format that the tool's own documentation names (the CASK signature `JQQJ99`, an
 * identifiable key's `AzSe`...).
 */
let PUBLIC = "";
function runsOf(secret: string, min: number): string[] {
  PUBLIC ||= DETECTORS.map((d) => `${d.title}\n${d.description}`).join("\n");
  const out = new Set<string>();
  for (let i = 0; i + min <= secret.length; i++) {
    const r = secret.slice(i, i + min);
    if (new Set(r).size <= 2) continue;
    if (/^[a-z]+$/.test(r) || /^[A-Z][a-z]+$/.test(r)) continue;
    if (PUBLIC.includes(r)) continue;
    out.add(r);
  }
  return [...out];
}

/** GitHub workflow commands percent-encode `%`, CR, LF, `:` and `,`: compare the decoded text. */
const unescapeGithub = (s: string): string => s.replace(/%(0A|0D|3A|2C|25)/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

const files = new Map<string, string>();
const secrets: Secret[] = [];
const outputs: Array<{ name: string; text: string }> = [];
let fingerprints: string[] = [];
let t: ReturnType<typeof tempDir>;

const EXT: Record<string, string> = {};

beforeAll(() => {
  t = tempDir("leak");
  mkdirSync(join(t.dir, "src"));
  mkdirSync(join(t.dir, "config"));
  const seen = new Set<string>();
  for (const d of DETECTORS) {
    d.samples().positive.forEach((text, i) => {
      // The file kind the sample is written for: code, JSON, or config text.
      const kind = /^\s*[{[]/.test(text) && !/;\s*$/.test(text.trim()) ? "json" : /\b(?:const|let|var|new|import|await|function)\b|=>/.test(text) ? "ts" : "env";
      const file = kind === "ts" ? `src/${d.id}-${i}.ts` : kind === "json" ? `config/${d.id}-${i}.json` : `config/${d.id}-${i}.env`;
      EXT[file] = kind;
      files.set(file, text);
      for (const f of scanText(text, { path: file })) {
        if (seen.has(f.secret)) continue;
        seen.add(f.secret);
        const min = Math.max(visibleRun(f.secret) + 1, Math.min(f.secret.length, 5));
        secrets.push({ ruleId: f.ruleId, value: f.secret, run: min });
      }
    });
  }
  for (const [file, text] of files) writeFileSync(join(t.dir, file), text);
  fingerprints = [...new Set(DETECTORS.flatMap((d) => secrets.map((s) => fingerprint(d.id, s.value))))];
});
afterAll(() => t?.cleanup());

const RUNS = new Map<Secret, string[]>();

/** Outputs minus the fingerprints (hashes, no secret material) that could match a hex run by chance. */
function leaks(text: string): string[] {
  let clean = text;
  for (const fp of fingerprints) if (clean.includes(fp.slice(0, 16))) clean = clean.split(fp).join("#fp#").split(fp.slice(0, 16)).join("#fp#");
  const found: string[] = [];
  for (const s of secrets) {
    if (clean.includes(s.value)) {
      found.push(`${s.ruleId}: the full secret (${redact(s.value)})`);
      continue;
    }
    let runs = RUNS.get(s);
    if (!runs) RUNS.set(s, (runs = runsOf(s.value, s.run)));
    const hit = runs.find((r) => clean.includes(r));
    if (hit !== undefined) {
      const at = clean.indexOf(hit);
      found.push(`${s.ruleId}: a run of ${hit.length} characters of ${redact(s.value)} in "…${clean.slice(Math.max(0, at - 30), at).replace(/\s+/g, " ")}[${hit.length} chars]…"`);
    }
  }
  return found;
}

const collect = (name: string, text: string): void => {
  outputs.push({ name, text });
};

describe("secrets never leak", () => {
  it("has a secret of every detector's format", () => {
    const ids = new Set(secrets.map((s) => s.ruleId));
    const missing = DETECTORS.map((d) => d.id).filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(secrets.length).toBeGreaterThan(DETECTORS.length);
  });

  it("the checker catches a full secret, a run one longer than the preview, and accepts the preview", () => {
    let caught = 0;
    for (const s of secrets) {
      expect(leaks(`x ${s.value} y`), s.ruleId).not.toEqual([]);
      expect(leaks(`x ${redact(s.value)} y`), s.ruleId).toEqual([]);
      const runs = runsOf(s.value, s.run);
      if (runs.length > 0 && leaks(`x ${runs[Math.floor(runs.length / 2)]} y`).length > 0) caught++;
    }
    expect(caught).toBeGreaterThan(secrets.length * 0.9);
  });

  it("scan: every format, with --show-suppressed (findings and suppressed ones), text in colour too", async () => {
    for (const format of ["text", "json", "sarif", "github", "junit", "html"]) {
      const r = await run(["scan", "--format", format, "--show-suppressed"], t.dir, { FORCE_COLOR: format === "text" ? "1" : undefined, NO_COLOR: undefined });
      expect(r.code, `${format} ${r.stderr}`).toBe(1);
      collect(`scan ${format}`, format === "github" ? unescapeGithub(r.stdout) + r.stderr : r.stdout + r.stderr);
    }
    const json = JSON.parse(outputs.find((o) => o.name === "scan json")!.text) as { findings: Array<{ ruleId: string }> };
    expect(new Set(json.findings.map((f) => f.ruleId)).size).toBeGreaterThan(DETECTORS.length / 2);
    expect(outputs.flatMap((o) => leaks(o.text).map((l) => `${o.name}: ${l}`))).toEqual([]);
  });

  it("scan --output to a file and the built CLI", () => {
    const r = runBin(["scan", "--format", "json", "--output", "report.json"], t.dir);
    expect(r.code).toBe(1);
    const text = readFileSync(join(t.dir, "report.json"), "utf8");
    expect(leaks(text + r.stdout + r.stderr)).toEqual([]);
  });

  it("baseline: the file and the messages", async () => {
    const r = await run(["baseline", "--output", "../leak-baseline.json"], t.dir);
    expect(r.code).toBe(0);
    const file = readFileSync(join(t.dir, "..", "leak-baseline.json"), "utf8");
    expect(file).toContain("fingerprint");
    expect(leaks(file + r.stdout + r.stderr)).toEqual([]);
    const s = await run(["scan", "--baseline", "../leak-baseline.json", "--show-suppressed"], t.dir);
    expect(leaks(s.stdout + s.stderr)).toEqual([]);
  });

  it("fix --dry-run: the diff, the manual paths, the rotation list (text and JSON)", async () => {
    for (const format of ["text", "json"]) {
      const r = await run(["fix", "--dry-run", "--allow-dirty", "--format", format], t.dir);
      expect([0, 1], r.stderr).toContain(r.code);
      expect(r.stdout.length).toBeGreaterThan(100);
      expect(leaks(r.stdout + r.stderr).map((l) => `fix ${format}: ${l}`)).toEqual([]);
    }
  });

  it("explain, for every detector", async () => {
    for (const d of DETECTORS) {
      const r = await run(["explain", d.id], t.dir);
      expect(r.code, d.id).toBe(0);
      expect(leaks(r.stdout).map((l) => `explain ${d.id}: ${l}`)).toEqual([]);
    }
  });

  it("ESLint messages and suggestions (code through the TypeScript parser, config files through the text language)", () => {
    const linter = new Linter({ cwd: t.dir });
    const recommended = plugin.configs.recommended as unknown as Linter.Config;
    const configFiles = plugin.configs["config-files"] as unknown as Linter.Config[];
    let reported = 0;
    for (const [file, text] of files) {
      const kind = EXT[file];
      const name = kind === "env" ? file.replace(/\.env$/, ".yaml") : file;
      const configs = kind === "ts" ? [{ ...recommended, languageOptions: { parser: tsParser } } as Linter.Config] : configFiles;
      const messages = linter.verify(text, configs, join(t.dir, name));
      reported += messages.filter((m) => m.ruleId?.startsWith("azure-msi/")).length;
      const shown = messages.map((m) => ({ message: m.message, suggestions: m.suggestions?.map((s) => s.desc) }));
      expect(leaks(JSON.stringify(shown)).map((l) => `${file}: ${l}`)).toEqual([]);
    }
    expect(reported).toBeGreaterThan(files.size / 2);
  });

  it("error messages and the DEBUG=azure-msi stack", async () => {
    const s = secrets.find((x) => x.ruleId === "storage-account-key") ?? secrets[0]!;
    writeFileSync(join(t.dir, "..", "leak-bad-regex.json"), JSON.stringify({ allow: [{ value: `(${s.value}` }] }));
    writeFileSync(join(t.dir, "..", "leak-bad-json.json"), `{ "allow": [{ "value": ${s.value} }] }`);
    const runs = [
      await run(["scan", "--config", "../leak-bad-regex.json"], t.dir, { DEBUG: "azure-msi" }),
      await run(["scan", "--config", "../leak-bad-json.json"], t.dir, { DEBUG: "azure-msi" }),
      await run(["scan", "--baseline", "../leak-bad-json.json"], t.dir, { DEBUG: "azure-msi" }),
      await run(["scan", `src/${s.value}.ts`], t.dir, { DEBUG: "azure-msi" }),
      await run(["explain", s.value], t.dir, { DEBUG: "azure-msi" }),
      await run(["scan", "--format", s.value], t.dir, { DEBUG: "azure-msi" }),
      await run(["scan", `--${s.value}`], t.dir, { DEBUG: "azure-msi" }),
      await run(["fix", "--client-id", s.value], t.dir, { DEBUG: "azure-msi" }),
    ];
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(leaks(r.stdout + r.stderr), r.stderr.split("\n")[0]).toEqual([]);
    }
  });
});

describe("the repository stays clean", () => {
  it("no tracked file holds a finding at error severity that is not marked azure-msi-ignore", () => {
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\0").filter(Boolean);
    const bad: string[] = [];
    for (const file of tracked) {
      if (isBinaryExtension(file)) continue;
      let text: string | undefined;
      try {
        text = decodeText(readFileSync(join(ROOT, file)));
      } catch {
        continue; // deleted in the working tree
      }
      if (text === undefined) continue;
      const { kept } = applyInlineSuppressions(text, scanText(text, { path: file }));
      for (const f of kept.filter((x) => x.severity === "error")) bad.push(`${file}: ${f.ruleId} ${redact(f.secret)}`);
    }
    expect(tracked.length).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });
});
