/**
 * Bad configuration and baseline files: one clear line on stderr, exit 2, no stack trace, and no
 * file content (a secret in a broken config) echoed back.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redact } from "../../src/core/report/redact.js";
import { run, runBin, STACK, tempDir, token } from "./helpers.js";

let t: ReturnType<typeof tempDir>;
const secret = token("config");

beforeAll(() => {
  t = tempDir("config");
  writeFileSync(join(t.dir, "app.ts"), `const x = "${token("config-app")}";\n`);
});
afterAll(() => t?.cleanup());

interface Case {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  /** Extra arguments (the file is passed with --config or --baseline by its name). */
  readonly args: (file: string) => string[];
  readonly message: RegExp;
}

const cfg = (file: string): string[] => ["scan", "--config", file];
const CASES: Case[] = [
  { name: "malformed JSON", file: "bad.json", text: '{ "ignore": ["a",] ', args: cfg, message: /^bad\.json: invalid JSON \(/ },
  { name: "trailing garbage", file: "garbage.json", text: '{ "ignore": [] } }', args: cfg, message: /^garbage\.json: invalid JSON/ },
  { name: "empty file", file: "empty.json", text: "", args: cfg, message: /^empty\.json: invalid JSON/ },
  { name: "not an object", file: "array.json", text: "[1, 2]", args: cfg, message: /^array\.json: .*object/ },
  { name: "wrong type (ignore)", file: "type1.json", text: '{ "ignore": "dist/**" }', args: cfg, message: /"ignore" must be an array/ },
  { name: "wrong type (maxFileSize)", file: "type2.json", text: '{ "maxFileSize": "5mb" }', args: cfg, message: /"maxFileSize" must be a positive integer/ },
  { name: "wrong type (failOn)", file: "type3.json", text: '{ "failOn": "fatal" }', args: cfg, message: /"failOn" must be one of/ },
  { name: "wrong type (allow entry)", file: "type4.json", text: '{ "allow": [42] }', args: cfg, message: /"allow\[0\]" must be an object/ },
  { name: "unknown key", file: "unknown.json", text: '{ "ignores": [] }', args: cfg, message: /"ignores" is not a known key/ },
  { name: "unknown nested key", file: "unknown2.json", text: '{ "allow": [{ "file": "x" }] }', args: cfg, message: /"allow\[0\]\.file" is not a known key/ },
  { name: "unknown rule id", file: "rule.json", text: '{ "allow": [{ "ruleId": "storage-key" }] }', args: cfg, message: /"allow\[0\]\.ruleId" is not a known detector id/ },
  { name: "invalid allow regex", file: "regex.json", text: JSON.stringify({ allow: [{ value: `(${secret}` }] }), args: cfg, message: /"allow\[0\]\.value" must be a valid regular expression/ },
  { name: "invalid ignore glob type", file: "glob.json", text: '{ "ignore": [""] }', args: cfg, message: /"ignore\[0\]" must be a non-empty string/ },
  { name: "secret as a bare JSON token", file: "token.json", text: `{ "allow": [{ "value": ${secret} }] }`, args: cfg, message: /^token\.json: invalid JSON \(Unexpected token 'd'\)$/ },
  { name: "missing config file", file: "", text: "", args: () => ["scan", "--config", "nope.json"], message: /^nope\.json: cannot read the file \(not found\)$/ },
  {
    name: "baseline from a future version",
    file: "future-baseline.json",
    text: JSON.stringify({ version: 2, findings: [] }),
    args: (f) => ["scan", "--baseline", f],
    message: /baseline version 2 was written by a newer azure-msi .*upgrade azure-msi$/,
  },
  { name: "baseline not JSON", file: "bad-baseline.json", text: `{"version":1,"findings":[${secret}]}`, args: (f) => ["scan", "--baseline", f], message: /not valid JSON \(Unexpected token 'd'\)$/ },
  { name: "baseline with wrong types", file: "types-baseline.json", text: '{"version":1,"findings":[{"fingerprint":7}]}', args: (f) => ["scan", "--baseline", f], message: /fingerprint must be a lower-case hex string/ },
  { name: "baseline with unknown keys", file: "keys-baseline.json", text: '{"version":1,"findings":[],"extra":true}', args: (f) => ["scan", "--baseline", f], message: /unknown key "extra"/ },
  { name: "a named path that does not exist (secret-like name)", file: "", text: "", args: () => ["scan", `src/${secret}.ts`], message: /^path not found: src\/dapi\.\.\.\w{4}\.ts$/ },
];

function expectOneLineError(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]!.startsWith("azure-msi: ")).toBe(true);
  expect(lines[0]).not.toContain("internal error");
  expect(lines[0]!.slice("azure-msi: ".length)).toMatch(message);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).not.toContain(secret);
  expect(r.stderr).not.toContain(secret.slice(0, 9));
}

describe("bad config and baseline files (in-process main)", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    if (c.file) writeFileSync(join(t.dir, c.file), c.text);
    expectOneLineError(await run(c.args(c.file), t.dir), c.message);
  });

  it("a good config next to the bad ones still scans", async () => {
    writeFileSync(join(t.dir, "good.json"), JSON.stringify({ allow: [{ path: "nothing/**" }] }));
    const r = await run(["scan", "app.ts", "--config", "good.json", "--format", "json"], t.dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });

  it("package.json#azureMsi with a wrong type", async () => {
    const p = tempDir("pkg");
    try {
      writeFileSync(join(p.dir, "package.json"), JSON.stringify({ name: "x", azureMsi: { ignore: 3 } }));
      expectOneLineError(await run(["scan"], p.dir), /^package\.json#azureMsi: "ignore" must be an array/);
    } finally {
      p.cleanup();
    }
  });

  it("DEBUG=azure-msi adds the stack, masked as well", async () => {
    const r = await run(["scan", `src/${secret}.ts`], t.dir, { DEBUG: "azure-msi" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`path not found: src/${redact(secret)}.ts`);
    expect(r.stderr).toMatch(STACK);
    expect(r.stderr).not.toContain(secret);
  });
});

describe("bad config and baseline files (built CLI)", () => {
  it("same one-line errors end to end", () => {
    for (const c of CASES.filter((x) => /malformed|unknown key|future|secret as/.test(x.name))) {
      if (c.file) writeFileSync(join(t.dir, c.file), c.text);
      expectOneLineError(runBin(c.args(c.file), t.dir), c.message);
    }
  });
});
