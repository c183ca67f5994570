/** Finding the git root without loading git or the file walker. */
import { existsSync } from "node:fs";
import path from "node:path";

/** The folder holding `.git` (file or folder) at or above `dir`, if any. */
export function findGitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, ".git"))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

