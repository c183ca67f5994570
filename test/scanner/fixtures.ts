/**
 * Scan fixture cases: test/fixtures/scan/<case>/input/** is copied to a temporary folder with every
 * `__FAKE_<NAME>__` token replaced by a generated fake (scripts/make-example.js), so the repository
 * holds no realistic key. File-name suffixes turn plain committed text into the odd inputs we need:
 *
 *   name.crlf           -> name, with CRLF line breaks
 *   name.cr             -> name, with lone CR line breaks
 *   name.utf8bom        -> name, UTF-8 with a BOM
 *   name.utf16le        -> name, UTF-16 LE with a BOM      (.utf16be: big endian)
 *   name.utf16le-nobom  -> name, UTF-16 LE without a BOM
 *   name.with-nul       -> name, with NUL bytes (a binary file with a text extension)
 *   _gitignore          -> .gitignore (a real one would apply to the repository itself)
 *   _node_modules/      -> node_modules/ (the repository's .gitignore excludes the real name)
 *
 * The token `__INVALID_UTF8__` becomes the bytes C3 28 A0 (invalid UTF-8).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fillTemplate } from "../../scripts/make-example.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/scan");

export interface Case {
  readonly name: string;
  readonly dir: string;
  /** CLI arguments (args.json), default ["scan"]. */
  readonly args: readonly string[];
  readonly expected: Expected;
}

export interface Expected {
  readonly exitCode: number;
  /** For exit 2 cases: the one line on stderr. */
  readonly stderr?: string;
  readonly findings?: readonly unknown[];
  readonly suppressed?: readonly unknown[];
  readonly skipped?: readonly unknown[];
  readonly summary?: unknown;
}

export function listCases(): Case[] {
  return readdirSync(FIXTURES)
    .filter((name) => statSync(path.join(FIXTURES, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(FIXTURES, name);
      const argsFile = path.join(dir, "args.json");
      const args = existsFile(argsFile) ? (JSON.parse(readFileSync(argsFile, "utf8")) as string[]) : ["scan"];
      const expectedFile = path.join(dir, "expected.json");
      const expected = existsFile(expectedFile)
        ? (JSON.parse(readFileSync(expectedFile, "utf8")) as Expected)
        : { exitCode: -1 };
      return { name, dir, args, expected };
    });
}

function existsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xa0]);

function encode(name: string, text: string): { name: string; bytes: Buffer } {
  const withInvalid = (t: string): Buffer => {
    const parts = t.split("__INVALID_UTF8__");
    return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [Buffer.from(p, "utf8")] : [INVALID_UTF8, Buffer.from(p, "utf8")])));
  };
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  switch (ext) {
    case ".crlf":
      return { name: base, bytes: withInvalid(text.replace(/\r?\n/g, "\r\n")) };
    case ".cr":
      return { name: base, bytes: withInvalid(text.replace(/\r?\n/g, "\r")) };
    case ".utf8bom":
      return { name: base, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), withInvalid(text)]) };
    case ".utf16le":
      return { name: base, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) };
    case ".utf16le-nobom":
      return { name: base, bytes: Buffer.from(text, "utf16le") };
    case ".utf16be": {
      const le = Buffer.from(text, "utf16le");
      return { name: base, bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]) };
    }
    case ".with-nul":
      return { name: base, bytes: Buffer.concat([Buffer.from(text.slice(0, 10)), Buffer.from([0, 0, 0, 1]), Buffer.from(text.slice(10))]) };
    default:
      return { name: name === "_gitignore" ? ".gitignore" : name, bytes: withInvalid(text) };
  }
}

/** Copy `from` to `to`, filling tokens and applying the suffix transforms. */
export function materialize(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const src = path.join(from, entry);
    if (statSync(src).isDirectory()) {
      materialize(src, path.join(to, entry === "_node_modules" ? "node_modules" : entry));
      continue;
    }
    const { name, bytes } = encode(entry, fillTemplate(readFileSync(src, "utf8")));
    writeFileSync(path.join(to, name), bytes);
  }
}

/** A fresh temporary copy of a case's input; returns its path. */
export function materializeCase(c: Case): string {
  const dir = mkdtempSync(path.join(tmpdir(), `azure-msi-${c.name}-`));
  materialize(path.join(c.dir, "input"), dir);
  return dir;
}

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/azure-msi.js");

/** Run the built CLI (`node bin/azure-msi.js`) as a child process, without colour or debug output. */
export async function runCli(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.DEBUG;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

