/**
 * The HTML report in a real browser: Debian's `chromium` driven by playwright-core (.ci/run installs
 * chromium when it is missing). Checks that the chart and every finding render, that the filters
 * hide and show findings, that the page loads nothing from anywhere and that its script runs under
 * its own Content Security Policy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { renderHtml } from "../../src/scanner/reporters/html.js";
import junit from "../../src/scanner/reporters/junit.js";
import { sampleReport } from "./sample-report.js";
import { fakeToken, makeRepo, runCli } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const inCi = process.env.CI === "true" || process.env.CI === "1";

if (!available && !inCi) {
  // Locally without chromium: say so loudly, then skip. In CI the tests below fail instead.
  console.warn(`html-browser.test.ts: ${CHROMIUM} not found; install it with \`apt-get install -y chromium\` (skipping locally)`);
}

it.runIf(available || inCi)("Debian's chromium is installed (required in CI)", () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: .ci/run must install the Debian chromium package`).toBe(true);
});

describe.skipIf(!available && !inCi)("HTML report in headless Chromium", () => {
  let browser: Browser;
  let dir: string;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];
  const { report, secrets } = sampleReport();

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: .ci/run must install the Debian chromium package`);
    dir = mkdtempSync(join(tmpdir(), "azure-msi-html-"));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const context = await browser.newContext();
    page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    const file = join(dir, "report with space.html");
    writeFileSync(file, renderHtml(report, { showSuppressed: true, version: "0.1.0" }));
    await page.goto(pathToFileURL(file).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const visibleFindings = (): Promise<string[]> =>
    page.$$eval("article.finding", (els) => els.filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null).map((e) => e.getAttribute("data-fingerprint") ?? ""));

  it("loads nothing but itself and runs its script under its CSP", async () => {
    expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
    expect(requests.filter((u) => u.startsWith("file:"))).toHaveLength(1);
    expect(problems).toEqual([]);
    // The script ran (it fills the counter): a CSP hash mismatch would leave it empty.
    const total = report.findings.length + report.suppressed.length;
    await expect(page.textContent("#shown-count")).resolves.toBe(`${total} of ${total} shown`);
  });

  it("renders the summary and the chart: one bar row per service, split by Managed Identity", async () => {
    await expect(page.textContent("#summary .card.total b")).resolves.toBe(String(report.findings.length));
    const services = new Set([...report.findings, ...report.suppressed].map((f) => f.service));
    const rows = await page.$$("#chart g.bar-row");
    expect(rows).toHaveLength(services.size);
    const box = await page.locator("#chart").boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(50);
    for (const rect of await page.$$("#chart rect.bar")) {
      const b = await rect.boundingBox();
      expect(b!.width).toBeGreaterThan(0);
      expect(b!.height).toBeGreaterThan(0);
    }
    // DevOps PATs cannot use Managed Identity: that bar is grey only.
    const devops = page.locator('#chart g.bar-row[data-service="devops"]');
    await expect(devops.locator("rect.msi-no").count()).resolves.toBe(1);
    await expect(devops.locator("rect.msi-yes").count()).resolves.toBe(0);
    await expect(page.locator('#chart g.bar-row[data-service="storage"] rect.msi-yes').count()).resolves.toBe(1);
  });

  it("renders every finding with masked frame, role, fix and docs, and never a secret", async () => {
    const shown = await visibleFindings();
    expect(shown.sort()).toEqual([...report.findings, ...report.suppressed].map((f) => f.fingerprint).sort());
    const bodyText = await page.textContent("body");
    for (const s of secrets) expect(bodyText!.includes(s)).toBe(false);
    for (const f of report.findings) {
      const card = page.locator(`article.finding[data-fingerprint="${f.fingerprint}"]`);
      const text = (await card.textContent())!;
      expect(text).toContain(f.redacted);
      expect(text).toContain(`${f.file}:${f.line}:${f.column}`);
      for (const role of f.msi.roles) expect(text).toContain(role);
      expect(text).toMatch(f.fix.available ? /automatic fix available/ : /manual/);
      await expect(card.locator(`a[href="${f.msi.docs}"]`).count()).resolves.toBe(1);
      const b = await card.boundingBox();
      expect(b!.height).toBeGreaterThan(20);
    }
    // The code frame shows the masked snippet, escaped (the tag is text, not markup).
    const frame = await page.locator(`article.finding[data-fingerprint="${report.findings[0]!.fingerprint}"] pre.frame`).textContent();
    expect(frame).toContain(`"AccountKey=${report.findings[0]!.redacted}", <tag> & "q"`);
    await expect(page.locator("pre.frame tag").count()).resolves.toBe(0);
    // The hostile file name is shown as text.
    await expect(page.locator("article script").count()).resolves.toBe(0);
  });

  it("filters by service and severity", async () => {
    const all = [...report.findings, ...report.suppressed];
    const fp = (pred: (f: (typeof all)[number]) => boolean): string[] => all.filter(pred).map((f) => f.fingerprint).sort();

    await page.selectOption("#filter-service", "storage");
    expect((await visibleFindings()).sort()).toEqual(fp((f) => f.service === "storage"));
    await expect(page.textContent("#shown-count")).resolves.toBe(`2 of ${all.length} shown`);
    // Other services' sections disappear.
    await expect(page.locator('section.service[data-service="devops"]').isVisible()).resolves.toBe(false);

    await page.uncheck('input[data-filter-severity="warning"]');
    expect((await visibleFindings()).sort()).toEqual(fp((f) => f.service === "storage" && f.severity !== "warning"));

    await page.selectOption("#filter-service", "");
    expect((await visibleFindings()).sort()).toEqual(fp((f) => f.severity !== "warning"));

    await page.uncheck('input[data-filter-severity="error"]');
    await page.uncheck('input[data-filter-severity="info"]');
    expect(await visibleFindings()).toEqual([]);
    await expect(page.textContent("#shown-count")).resolves.toBe(`0 of ${all.length} shown`);

    for (const s of ["error", "warning", "info"]) await page.check(`input[data-filter-severity="${s}"]`);
    expect((await visibleFindings()).sort()).toEqual(fp(() => true));
  });

  it("a report written by the built CLI renders every finding of a real repository", async () => {
    const r = makeRepo();
    try {
      r.write("src/a.ts", `const t = "${fakeToken("html-a")}";\n`);
      r.write("deploy/run.sh", `export TOKEN=${fakeToken("html-b")}\n`);
      const res = runCli(r.dir, ["scan", "--format", "html", "--output", "report.html"]);
      expect(res.code, res.stderr).toBe(1);
      const expected = JSON.parse(runCli(r.dir, ["scan", "--format", "json"]).stdout) as { findings: Array<{ fingerprint: string }> };
      const p2 = await browser.newPage();
      const errors: string[] = [];
      p2.on("pageerror", (e) => errors.push(e.message));
      await p2.goto(pathToFileURL(join(r.dir, "report.html")).href);
      const shown = await p2.$$eval("article.finding", (els) => els.filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null).map((e) => e.getAttribute("data-fingerprint")));
      expect(shown.sort()).toEqual(expected.findings.map((f) => f.fingerprint).sort());
      await expect(p2.locator("#chart g.bar-row").count()).resolves.toBeGreaterThan(0);
      await expect(p2.textContent("#shown-count")).resolves.toBe(`${expected.findings.length} of ${expected.findings.length} shown`);
      expect(errors).toEqual([]);
      await p2.close();
    } finally {
      r.cleanup();
    }
  });

  it("the JUnit report is well-formed XML (the browser's parser)", async () => {
    const xml = junit(report, { color: false, showSuppressed: true, version: "0.1.0" });
    const result = await page.evaluate((text) => {
      // Runs in the page (no DOM types in this project's Node-only tsconfig).
      type Doc = { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } };
      const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(t: string, type: string): Doc } }).DOMParser;
      const doc = new Parser().parseFromString(text, "application/xml");
      const err = doc.querySelector("parsererror");
      return { error: err ? err.textContent : null, cases: doc.querySelectorAll("testcase").length, failures: doc.querySelectorAll("failure").length };
    }, xml);
    expect(result).toEqual({ error: null, cases: report.findings.length + report.suppressed.length, failures: report.findings.length });
  });
});
