import { describe, expect, it } from "vitest";
import { applyBaseline, BaselineError, createBaseline, formatBaseline, parseBaseline } from "../../src/scanner/baseline.js";
import { sampleReport } from "./sample-report.js";

describe("baseline file", () => {
  it("is sorted, deduplicated by fingerprint, without lines or timestamps, and round-trips", () => {
    const { report } = sampleReport();
    const twice = [...report.findings, { ...report.findings[0]!, file: "a/copy.ts", line: 99 }];
    const b = createBaseline(twice.reverse());
    expect(b.findings.map((e) => e.fingerprint)).toEqual([...new Set(report.findings.map((f) => f.fingerprint))].sort());
    const text = formatBaseline(b);
    expect(text).not.toMatch(/"line"|"column"|date|time/i);
    expect(text.endsWith("}\n")).toBe(true);
    expect(parseBaseline(text, "b.json")).toEqual(b);
    // Same findings in any order give byte-identical files (no merge noise).
    expect(formatBaseline(createBaseline([...report.findings]))).toBe(formatBaseline(createBaseline([...report.findings].reverse())));
    // The copy in a/copy.ts sorts first, so it is the informational file of that entry.
    expect(b.findings.find((e) => e.fingerprint === report.findings[0]!.fingerprint)!.file).toBe("a/copy.ts");
  });

  it("rejects malformed and future baselines with one-line errors naming the file", () => {
    const cases: Array<[string, RegExp]> = [
      ["{", /^b\.json: not valid JSON/],
      ["[]", /^b\.json: expected a JSON object/],
      ['{"version":2,"findings":[]}', /^b\.json: baseline version 2 was written by a newer azure-msi .*upgrade/],
      ['{"version":"1","findings":[]}', /^b\.json: "version" must be a number$/],
      ['{"version":1}', /^b\.json: "findings" must be an array$/],
      ['{"version":1,"findings":[],"extra":1}', /^b\.json: unknown key "extra"$/],
      ['{"version":1,"findings":[{"fingerprint":"XYZ","ruleId":"r"}]}', /^b\.json: findings\[0\]\.fingerprint must be/],
      ['{"version":1,"findings":[{"fingerprint":"abcdef0123456789","ruleId":""}]}', /^b\.json: findings\[0\]\.ruleId/],
    ];
    for (const [text, re] of cases) {
      let err: unknown;
      try {
        parseBaseline(text, "b.json");
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(BaselineError);
      expect((err as Error).message, text).toMatch(re);
      expect((err as Error).message, text).not.toContain("\n");
    }
  });
});

describe("applyBaseline", () => {
  it("hides matching findings, keeps new ones, and lists stale entries only when asked", () => {
    const { report } = sampleReport();
    const [a, b, ...rest] = report.findings;
    const baseline = createBaseline([a!, b!]);
    const stale = { fingerprint: "0".repeat(32), ruleId: "storage-account-key", file: "old.ts" };
    const withStale = { ...baseline, findings: [...baseline.findings, stale] };
    const base = { ...report, staleBaseline: undefined };
    const out = applyBaseline(base, withStale, { reportStale: true });
    expect(out.findings).toEqual(rest);
    expect(out.summary.findings).toBe(rest.length);
    expect(out.suppressed.filter((f) => f.suppressed?.kind === "baseline").map((f) => f.fingerprint)).toEqual([a!.fingerprint, b!.fingerprint]);
    expect(out.staleBaseline).toEqual([stale.fingerprint]);
    expect(applyBaseline(base, withStale, { reportStale: false }).staleBaseline).toBeUndefined();
    expect(applyBaseline(base, baseline, { reportStale: true }).staleBaseline).toEqual([]);
    // A fingerprint only matches with the same rule id.
    const otherRule = { version: 1 as const, findings: [{ ...baseline.findings[0]!, ruleId: "other-rule" }] };
    expect(applyBaseline(base, otherRule, { reportStale: false }).findings).toHaveLength(report.findings.length);
  });
});
