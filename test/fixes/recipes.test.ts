/**
 * Every recipe: the real engine finds the secret, planFix rewrites the file, the output equals the
 * expected text exactly, holds no secret, and a second run plans nothing (idempotence). No-fix
 * cases leave the file byte-identical and explain the manual path.
 */
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/core/index.js";
import { CASES, SINK_CASES, plansFor, runFix, runSinkFix, S } from "./cases.js";

const secretValues = Object.keys(S).map((k) => (S as Record<string, string>)[k]!);

describe("fix recipes", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const run = runFix(c);
      expect(run.findings.length, "the engine reports the secret").toBeGreaterThan(0);
      for (const text of [...run.plans.map((p) => p.description), ...run.manuals]) {
        for (const secret of secretValues) expect(text.includes(secret), "no secret in messages").toBe(false);
      }
      if (c.after === undefined) {
        expect(run.plans).toEqual([]);
        expect(run.output).toBe(c.before);
        expect(run.manuals.some((m) => c.manual!.test(m)), run.manuals.join("\n")).toBe(true);
        return;
      }
      expect(run.plans.length).toBeGreaterThan(0);
      expect(run.output).toBe(c.after);
      // Idempotent: the output yields no further plan.
      expect(plansFor(run.output, c.file, c.credential)).toEqual([]);
      // Every plan lists @azure/identity among its imports.
      for (const p of run.plans) expect(p.imports.map((i) => i.module)).toContain("@azure/identity");
    });
  }

  it("removes the secret from every fixed output unless a use is deliberately kept", () => {
    for (const c of CASES) {
      if (c.after === undefined) continue;
      const left = scanText(c.after, { path: c.file ?? "case.ts" });
      const kept = c.keepsSecret === true;
      expect(left.length > 0, c.name).toBe(kept);
    }
  });

  it("applies the same plan once: a second application is refused by the engine rescan", () => {
    const c = CASES.find((x) => x.name === "queue client through a const (const removed)")!;
    const first = runFix(c);
    const second = runFix({ ...c, before: first.output });
    expect(second.output).toBe(first.output);
    expect(second.plans).toEqual([]);
  });
});

describe("planSinkFix: constructions whose secret is not a literal of the file", () => {
  for (const c of SINK_CASES) {
    it(c.name, () => {
      const { output, result } = runSinkFix(c);
      if (c.after === undefined) {
        expect("manual" in result && result.manual).toMatch(c.manual!);
        return;
      }
      expect("plan" in result, "manual" in result ? result.manual : "").toBe(true);
      expect(output).toBe(c.after);
      for (const secret of secretValues) expect(output.includes(secret)).toBe(false);
    });
  }
});
