/**
 * Every detector runs in time linear in its input. For each detector in DETECTORS (alone, through
 * the real engine) and for each adversarial input built from its own keywords and samples, the
 * time for 8n characters is compared with the time for n (the fastest of several runs: on a busy
 * machine a median still catches stalls, the minimum does not): linear work gives a ratio near 8,
 * quadratic work near 64. The bound (8 * 3 = 24, over a 1 ms floor for n) is loose for a shared
 * machine and still far below quadratic; a failing input is measured once more before it fails.
 *
 * Then the whole engine on 1 MB single-line inputs, the concatenation pass, and the connection
 * string and SAS parsers. Rules that keep patterns safe: docs/patterns.md.
 */
import { describe, expect, it } from "vitest";
import { DETECTORS, scanText } from "../../src/core/index.js";
import { compileDetectors, scanWith } from "../../src/core/detect/scan-text.js";
import { findAssembled } from "../../src/core/text/assembled.js";
import { findChains } from "../../src/core/text/concat.js";
import { findConnectionString, parseConnectionString, parseSasQuery } from "../../src/core/keys/connection-string.js";
import type { Detector } from "../../src/core/types.js";
import { repeat, superlinear } from "../linear.js";

const N = 16 * 1024;

const B64 = "AbCdEfGh0123+/9z";

/** Inputs of about `size` characters that stress one detector. */
function adversarial(d: Detector, size: number): Record<string, string> {
  const out: Record<string, string> = {};
  const samples = d.samples();
  for (const k of d.keywords.slice(0, 1)) {
    const kw = k.startsWith(".") ? `x${k}` : k;
    // A near miss: the keyword with its last character changed.
    const miss = `${kw.slice(0, -1)}${kw.endsWith("_") ? "-" : "_"}`;
    out[`${k}: keyword run`] = repeat(kw, size);
    out[`${k}: keyword=`] = repeat(`${kw}=`, size);
    out[`${k}: near miss`] = repeat(`${miss}=${B64}`, size);
    out[`${k}: keyword then one long base64 run`] = `${kw}=${repeat(B64, size)}`;
    out[`${k}: keyword then one long hex run`] = `${kw}: "${repeat("0123456789abcdef", size)}`;
    out[`${k}: keyword in a base64 run`] = repeat(`${kw}${B64.repeat(4)}`, size);
    out[`${k}: spaces`] = repeat(`${kw}${" ".repeat(300)}`, size);
    out[`${k}: quotes and separators`] = repeat(`"${kw}";='&%=;`, size);
    out[`${k}: unclosed string`] = `"${repeat(`${kw} `, size)}`;
  }
  samples.positive.slice(0, 4).forEach((s, i) => {
    out[`positive ${i} repeated`] = repeat(`${s}\n`, size);
    // The sample cut short (its secret truncated): a near miss, many windows, no newline.
    out[`positive ${i} truncated`] = repeat(s.slice(0, Math.max(1, s.length - 7)), size);
  });
  samples.negative.slice(0, 2).forEach((s, i) => {
    out[`negative ${i} repeated`] = repeat(`${s} `, size);
  });
  return out;
}

describe.each(DETECTORS.map((d) => [d.id, d] as const))("%s runs in linear time", (_id, detector) => {
  it("on adversarial inputs (time for 8n vs n)", () => {
    const compiled = compileDetectors([detector]);
    const small = adversarial(detector, N);
    const large = adversarial(detector, 8 * N);
    const report: string[] = [];
    for (const name of Object.keys(small)) {
      const bad = superlinear(() => scanWith(compiled, small[name]!), () => scanWith(compiled, large[name]!));
      if (bad) report.push(`${name}: ${bad}`);
    }
    expect(report).toEqual([]);
  });
});

describe("the whole engine on 1 MB single lines", () => {
  const MB = 1024 * 1024;
  // Every keyword of every detector, packed: a window at every few characters, all detectors busy.
  const keywords = [...new Set(DETECTORS.flatMap((d) => d.keywords))];
  const inputs: Record<string, (size: number) => string> = {
    "all keywords, no separators": (n) => repeat(keywords.join(""), n),
    "all keywords with = and base64": (n) => repeat(keywords.map((k) => `${k}=${B64}${B64};`).join(""), n),
    "all keywords in quotes": (n) => repeat(keywords.map((k) => `"${k}":"${B64}",`).join(""), n),
    "every positive sample on one line": (n) => repeat(DETECTORS.flatMap((d) => d.samples().positive).join(" ").replace(/[\r\n]+/g, " "), n),
  };
  it.each(Object.keys(inputs))("%s: 128 KB vs 1 MB", (name) => {
    const make = inputs[name]!;
    const small = make(MB / 8);
    const large = make(MB);
    expect(superlinear(() => scanText(small), () => scanText(large))).toBeUndefined();
  });
});

describe("the concatenation pass", () => {
  const inputs: Record<string, (n: number) => string> = {
    "long chain of short pieces": (n) => `const k = ${repeat(`"ab" + `, n)}"";`,
    "chains of one piece": (n) => repeat(`"a" + x; `, n),
    "unterminated strings and pluses": (n) => repeat(`"+'+\`+`, n),
    "plus runs": (n) => `"a"${repeat(" +", n)}`,
    "line continuations": (n) => repeat(`"AccountKey=" +\n  "${B64}" +\n`, n),
  };
  it.each(Object.keys(inputs))("%s: n vs 8n", (name) => {
    const make = inputs[name]!;
    const small = make(N * 4);
    const large = make(N * 32);
    expect(superlinear(() => findChains(small), () => findChains(large)), "findChains").toBeUndefined();
    expect(superlinear(() => scanText(small), () => scanText(large)), "scanText").toBeUndefined();
  });
});

describe("the assembled-strings pass (joins, builders, adjacent literals, constants)", () => {
  const inputs: Record<string, [string, (n: number) => string]> = {
    "constants added up": ["a.ts", (n) => `const a = "${B64}";\nconst b = a + ${repeat("a + ", n)}a;`],
    "array joins": ["a.ts", (n) => repeat(`["AccountKey=", "${B64}"].join(""); `, n)],
    "unclosed arrays of literals": ["a.ts", (n) => repeat(`["${B64}", `, n)],
    "array brackets only": ["a.ts", (n) => repeat("[[a, [", n)],
    "templates over a constant, unclosed": ["a.ts", (n) => `const a = "${B64}";\n${repeat("\x60${a}${", n)}`],
    "template braces without a close": ["a.ts", (n) => `const a = "x1";\n\x60${repeat("${a ", n)}`],
    "builder appends": ["A.java", (n) => repeat(`.append("${B64}")`, n)],
    "appends of non-literals": ["A.java", (n) => repeat(".append(x).Append(", n)],
    "adjacent literals": ["a.py", (n) => repeat(`"${B64}" `, n)],
    "adjacent quotes": ["a.py", (n) => repeat(`"'`, n)],
    "concat methods": ["a.ts", (n) => repeat(`"${B64}".concat(`, n)],
    "String.join calls": ["A.java", (n) => repeat(`String.join("", "a", `, n)],
    "python joins": ["a.py", (n) => repeat(`"".join(["a", `, n)],
    "many constants": ["a.ts", (n) => repeat(`const k${"x"} = "${B64}";\n`, n)],
  };
  it.each(Object.keys(inputs))("%s: n vs 8n", (name) => {
    const [path, make] = inputs[name]!;
    const small = make(N * 4);
    const large = make(N * 32);
    expect(superlinear(() => findAssembled(small, path), () => findAssembled(large, path)), "findAssembled").toBeUndefined();
    expect(superlinear(() => scanText(small, { path }), () => scanText(large, { path })), "scanText").toBeUndefined();
  });
});

describe("the connection-string and SAS parsers", () => {
  const parsers: Record<string, (n: number) => () => unknown> = {
    "parseConnectionString: many fields": (n) => {
      const t = repeat("AccountName=a;AccountKey=b==;", n);
      return () => parseConnectionString(t);
    },
    "parseConnectionString: separators only": (n) => {
      const t = repeat(";=;;==", n);
      return () => parseConnectionString(t);
    },
    "parseConnectionString: ';' without '='": (n) => {
      const t = repeat(";", n);
      return () => parseConnectionString(t);
    },
    "parseConnectionString: many windows of a text without ';'": (n) => {
      const t = repeat("AccountKey=x ", n);
      return () => {
        for (let at = 0; at < t.length; at += 97) parseConnectionString(t, at, Math.min(t.length, at + 200));
      };
    },
    "parseSasQuery: '&' without '='": (n) => {
      const t = repeat("&", n);
      return () => parseSasQuery(t);
    },
    "parseSasQuery: many windows of a text without '&'": (n) => {
      const t = repeat("sig=x", n);
      return () => {
        for (let at = 0; at < t.length; at += 97) parseSasQuery(t, at, Math.min(t.length, at + 200));
      };
    },
    "findConnectionString: many windows of a text without ';'": (n) => {
      const t = repeat("AccountName=a AccountKey=b ", n);
      return () => {
        for (let at = 0; at < t.length; at += 97) findConnectionString(t, at, Math.max(0, at - 600), Math.min(t.length, at + 600));
      };
    },
    "parseConnectionString: one long value": (n) => {
      const t = `AccountKey=${repeat(B64, n)}`;
      return () => parseConnectionString(t);
    },
    "parseSasQuery: many parameters": (n) => {
      const t = repeat("sv=2022-11-02&sig=abc%2B&", n);
      return () => parseSasQuery(t);
    },
    "parseSasQuery: percent runs": (n) => {
      const t = `sig=${repeat("%2", n)}`;
      return () => parseSasQuery(t);
    },
    "parseSasQuery: &amp; runs": (n) => {
      const t = repeat("&amp;", n);
      return () => parseSasQuery(t);
    },
    "findConnectionString from every 97th offset": (n) => {
      const t = repeat("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=", n);
      return () => {
        for (let at = 0; at < t.length; at += 97) findConnectionString(t, at, Math.max(0, at - 600), Math.min(t.length, at + 600));
      };
    },
  };
  it.each(Object.keys(parsers))("%s: n vs 8n", (name) => {
    expect(superlinear(parsers[name]!(N * 4), parsers[name]!(N * 32))).toBeUndefined();
  });
});
