/** Where `azure-msi fix` looks for infrastructure code: the repository of the paths it is given. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { infrastructureRoot } from "../../src/scanner/fix/iac/index.js";

const base = realpathSync(mkdtempSync(path.join(tmpdir(), "azure-msi-iac-root-")));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, git: boolean): string {
  const dir = path.join(base, name);
  mkdirSync(path.join(dir, "src", "api"), { recursive: true });
  mkdirSync(path.join(dir, "infra"), { recursive: true });
  writeFileSync(path.join(dir, "src", "api", "app.ts"), "export {};\n");
  if (git) execFileSync("git", ["init", "-q"], { cwd: dir });
  return dir;
}

describe("infrastructureRoot", () => {
  const repo = tree("repo", true);
  const other = tree("other", false);

  it("is the git root of the given paths, so infra/ beside src/ is found", () => {
    expect(infrastructureRoot(repo, ["src/api"])).toBe(repo);
    expect(infrastructureRoot(path.join(repo, "src"), ["api/app.ts"])).toBe(repo);
    expect(infrastructureRoot(repo, [])).toBe(repo);
  });

  it("is the given folder, not the working directory, for paths outside the working directory's repository", () => {
    expect(infrastructureRoot(repo, [other])).toBe(other);
    expect(infrastructureRoot(repo, [path.join(other, "src", "api", "app.ts")])).toBe(path.join(other, "src", "api"));
  });

  it("is the folder holding every given path when they are in no repository", () => {
    expect(infrastructureRoot(base, [path.join(other, "src"), path.join(other, "infra")])).toBe(other);
  });
});
