/**
 * Every detector's own samples, run through the real engine (all detectors at once), plus checks
 * that keep the registry honest.
 */
import { describe, expect, it } from "vitest";
import { DETECTORS, scanText } from "../../src/core/index.js";
import { SERVICE_IDS } from "../../src/core/types.js";

describe.each(DETECTORS.map((d) => [d.id, d] as const))("detector %s", (_id, detector) => {
  const samples = detector.samples();

  it("declares at least three true and three false positives", () => {
    expect(samples.positive.length).toBeGreaterThanOrEqual(3);
    expect(samples.negative.length).toBeGreaterThanOrEqual(3);
  });

  it.each(samples.positive.map((s, i) => [i, s] as const))("finds positive sample %i", (_i, text) => {
    const found = scanText(text).filter((f) => f.ruleId === detector.id);
    expect(found.length, `no ${detector.id} finding in sample`).toBeGreaterThan(0);
    for (const f of found) {
      // A secret split over a concatenation spans the pieces: the joined pieces are the secret.
      expect(text.slice(f.start, f.end).replace(/["'\x60]\s*\+\s*["'\x60]/g, "")).toBe(f.secret);
      expect(f.secret.length).toBeGreaterThan(0);
    }
  });

  it.each(samples.negative.map((s, i) => [i, s] as const))("ignores negative sample %i", (_i, text) => {
    expect(scanText(text).filter((f) => f.ruleId === detector.id)).toEqual([]);
  });

  it("is well-formed", () => {
    expect(detector.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(SERVICE_IDS).toContain(detector.service);
    expect(detector.keywords.length).toBeGreaterThan(0);
    for (const k of detector.keywords) expect(k).toBe(k.toLowerCase());
    expect(detector.title.length).toBeGreaterThan(5);
    expect(detector.description.length).toBeGreaterThan(20);
  });
});

it("detector ids are unique", () => {
  const ids = DETECTORS.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length);
});
