import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import type AjvDraft04 from "ajv-draft-04";
import type AjvFormats from "ajv-formats";
import sarif, { FINGERPRINT_KEY, toUri } from "../../src/scanner/reporters/sarif.js";
import github, { escapeData, escapeProperty } from "../../src/scanner/reporters/github.js";
import junit from "../../src/scanner/reporters/junit.js";
import html from "../../src/scanner/reporters/html.js";
import type { Report, Reporter } from "../../src/scanner/report.js";
import { sampleReport } from "./sample-report.js";

const require = createRequire(import.meta.url);
const options = { color: false, showSuppressed: false, version: "0.1.0" };
const withSuppressed = { ...options, showSuppressed: true };

/** The official SARIF 2.1.0 JSON schema, as shipped by @microsoft/jest-sarif. */
function sarifValidator() {
  const path = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const schema = JSON.parse(readFileSync(path, "utf8")) as object;
  // The schema is draft-04; its language-tag pattern is not valid with the `u` flag.
  const Ajv = require("ajv-draft-04") as typeof AjvDraft04.default;
  const addFormats = require("ajv-formats") as typeof AjvFormats.default;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const REPORTERS: Record<string, Reporter> = { sarif, github, junit, html };

describe("all CI formats", () => {
  for (const [name, reporter] of Object.entries(REPORTERS)) {
    it(`${name}: masks every secret, also with --show-suppressed`, () => {
      const { report, secrets } = sampleReport();
      for (const opts of [options, withSuppressed]) {
        const out = reporter(report, opts);
        for (const s of secrets) {
          expect(out.includes(s), `${name} leaks a secret`).toBe(false);
          expect(out.includes(s.slice(4, 20)), `${name} leaks part of a secret`).toBe(false);
        }
        expect(out).toContain(report.findings[0]!.redacted);
      }
    });
  }
});

describe("sarif", () => {
  const validate = sarifValidator();

  it("validates against the official SARIF 2.1.0 schema (findings, suppressed, empty)", () => {
    const { report } = sampleReport();
    const empty: Report = { ...report, findings: [], suppressed: [], skipped: [], staleBaseline: [] };
    for (const [r, o] of [[report, options], [report, withSuppressed], [empty, options]] as const) {
      const log = JSON.parse(sarif(r, o));
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it("the validator really rejects broken SARIF", () => {
    const log = JSON.parse(sarif(sampleReport().report, options));
    log.runs[0].results[0].level = "fatal";
    expect(validate(log)).toBe(false);
    const log2 = JSON.parse(sarif(sampleReport().report, options));
    delete log2.runs[0].tool.driver.name;
    expect(validate(log2)).toBe(false);
  });

  it("has one rule per detector with help, security-severity and consistent indexes", () => {
    const { report } = sampleReport();
    const run = JSON.parse(sarif(report, options)).runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...new Set(report.findings.map((f) => f.ruleId))].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.text).toMatch(/Managed Identity is/);
      expect(rule.help.markdown).toMatch(/Managed Identity/);
      expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
      expect(rule.properties.tags).toContain("security");
    }
    const storage = run.tool.driver.rules.find((r: { id: string }) => r.id === "storage-account-key");
    expect(storage.helpUri).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(storage.help.text).toMatch(/Grant the app's identity: Storage Blob Data (Contributor|Reader)\./);
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(res.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}(:\d+)?$/);
    }
    const uris = run.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain("config/dir%20with%20space/settings.json");
    expect(uris).toContain(`${encodeURIComponent("unicodé")}/${encodeURIComponent("日本.ts")}`);
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === "devops-pat").level).toBe("note");
  });

  it("marks suppressed results and keeps duplicate secrets apart", () => {
    const { report } = sampleReport();
    const dup = { ...report.findings[0]!, file: "other.ts", line: 1 };
    const run = JSON.parse(sarif({ ...report, findings: [...report.findings, dup] }, withSuppressed)).runs[0];
    const supp = run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(supp).toHaveLength(1);
    expect(supp[0].suppressions[0]).toMatchObject({ kind: "inSource", justification: "test <fixture>" });
    const fps = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(fps).size).toBe(fps.length);
  });

  it("encodes URIs segment by segment", () => {
    expect(toUri("a b/c#d?.ts")).toBe("a%20b/c%23d%3F.ts");
    expect(toUri("../x/y.ts")).toBe("../x/y.ts");
  });
});

describe("github", () => {
  it("escapes per the runner's rules", () => {
    expect(escapeData("50% a\r\nb")).toBe("50%25 a%0D%0Ab");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });

  it("prints one workflow command per finding, on one line, with positions", () => {
    const { report } = sampleReport();
    const lines = github(report, options).trimEnd().split("\n");
    const commands = lines.filter((l) => l.startsWith("::"));
    expect(commands.filter((l) => /^::(error|warning|notice) file=/.test(l))).toHaveLength(report.findings.length);
    const first = commands.find((l) => l.includes("storage-account-key") && l.startsWith("::error"))!;
    const storage = report.findings[0]!;
    expect(first).toContain(`file=${storage.file},line=12,col=${storage.column},endLine=12,endColumn=${storage.endColumn},title=azure-msi storage-account-key::`);
    expect(first).toContain("100%25 sure");
    expect(first).toContain("%0Asecond line");
    expect(commands.some((l) => l.startsWith("::notice file=scripts/deploy.sh"))).toBe(true);
    expect(commands.some((l) => l.startsWith("::warning file=config/dir with space/settings.json"))).toBe(true);
    expect(commands.some((l) => l.startsWith("::warning title=azure-msi baseline::1 baseline entry"))).toBe(true);
    expect(lines.at(-1)).toBe(`azure-msi: ${report.findings.length} findings in 9 files, 1 suppressed`);
  });
});

describe("junit", () => {
  it("has one suite per file and one failing case per finding, escaped", () => {
    const { report } = sampleReport();
    const out = junit(report, options);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(out.match(/<testsuite /g)).toHaveLength(new Set(report.findings.map((f) => f.file)).size);
    expect(out.match(/<failure /g)).toHaveLength(report.findings.length);
    expect(out).toContain(`<testsuites name="azure-msi" tests="${report.findings.length}" failures="${report.findings.length}"`);
    expect(out).toContain('name="src/upload &lt;script&gt;alert(1)&lt;/script&gt;.ts"');
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("<b>");
  });

  it("reports a clean scan as one passing case and suppressed findings as skipped", () => {
    const { report } = sampleReport();
    const clean = junit({ ...report, findings: [], suppressed: [] }, options);
    expect(clean).toContain('tests="1" failures="0"');
    expect(clean).not.toContain("<failure");
    const supp = junit(report, withSuppressed);
    expect(supp.match(/<skipped /g)).toHaveLength(1);
  });
});

describe("html", () => {
  it("is one self-contained, escaped file", () => {
    const { report } = sampleReport();
    const out = html(report, withSuppressed);
    expect(out.match(/<script[\s>]/g)).toHaveLength(1);
    expect(out).not.toMatch(/<script[^>]+src=|<link |<img |@import|url\(/i);
    expect(out).not.toContain("<script>alert(1)");
    expect(out).not.toContain("<b>bold</b>");
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // Every href is a docs link (https), nothing is loaded from elsewhere.
    for (const m of out.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    // The CSP pins the one inline script by its hash.
    const script = /<script>([\s\S]*)<\/script>/.exec(out)![1]!;
    const hash = createHash("sha256").update(script).digest("base64");
    expect(out.replaceAll("&#39;", "'")).toContain(`script-src 'sha256-${hash}'`);
    expect(out.match(/<article class="finding/g)).toHaveLength(report.findings.length + report.suppressed.length);
  });

  it("says so when nothing was found", () => {
    const { report } = sampleReport();
    const out = html({ ...report, findings: [], suppressed: [] }, options);
    expect(out).toContain("No hard-coded Azure credentials found.");
    expect(out).not.toContain("<svg");
  });
});
