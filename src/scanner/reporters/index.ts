/**
 * Reporters by name. Each is loaded only when asked for, so a scan that prints text never loads
 * the SARIF or HTML code. To add a format: write reporters/<name>.ts with a default export of
 * type Reporter and add one line here.
 */
import type { Reporter } from "../report.js";

export const REPORTERS: Readonly<Record<string, () => Promise<Reporter>>> = {
  text: async () => (await import("./text.js")).default,
  json: async () => (await import("./json.js")).default,
  sarif: async () => (await import("./sarif.js")).default,
  github: async () => (await import("./github.js")).default,
  junit: async () => (await import("./junit.js")).default,
  html: async () => (await import("./html.js")).default,
};

export const FORMATS: readonly string[] = Object.keys(REPORTERS);

/** The reporter for `name`, or undefined when there is no such format. */
export async function loadReporter(name: string): Promise<Reporter | undefined> {
  const load = Object.hasOwn(REPORTERS, name) ? REPORTERS[name] : undefined;
  return load ? load() : undefined;
}
