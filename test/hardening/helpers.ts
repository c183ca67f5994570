/**
 * Shared helpers of the hardening tests: in-process runs of main(), runs of the built CLI, temp
 * folders, and fake secrets (generated at run time; nothing realistic is committed).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main, type Stream } from "../../src/scanner/cli.js";
import { fakeHex } from "../../src/core/keys/fake.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = join(ROOT, "bin", "azure-msi.js");

/** A Databricks token: short, structural, found in any kind of file. */
export const token = (label: string): string => `dapi${fakeHex(32, `hardening-${label}`)}`;

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class Capture implements Stream {
  text = "";
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** main() in-process. */
export async function run(argv: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main({ argv, cwd, stdout, stderr, env: { NO_COLOR: "1", ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The built CLI (npm test builds first). */
export function runBin(argv: readonly string[], cwd: string, env: Record<string, string> = {}, timeout = 120_000): Run & { signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", DEBUG: "", ...env },
    timeout,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "", signal: r.signal };
}

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `azure-msi-hardening-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A stack trace line ("    at fn (file:1:2)"). */
export const STACK = /^\s+at .+[:(]/m;
