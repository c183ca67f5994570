/**
 * `--format html`: one self-contained page (inline CSS, inline SVG, inline JS; no external asset,
 * works offline when opened from a CI artifact) for the security engineer and the platform team:
 *
 * - a summary: findings by severity, and how many can move to Managed Identity;
 * - an SVG bar chart of findings per service, split into "Managed Identity available" and not;
 * - findings grouped by service, each with its masked code frame, the role to assign, the
 *   replacement, fix availability and the docs link;
 * - filters by service and severity (inline script, no framework).
 *
 * Every report string is HTML-escaped; links are only emitted for http(s) URLs; a Content Security
 * Policy allows nothing but the page's own inline style and its one script (pinned by hash).
 */
import { createHash } from "node:crypto";
import type { ServiceId, Severity } from "../../core/types.js";
import type { Report, ReportFinding, Reporter } from "../report.js";
import { msiSupportLabel, serviceName, shownFindings } from "./advice.js";

export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const capable = (f: ReportFinding): boolean => f.msi.supported === true || f.msi.supported === "partial";

function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

interface ServiceGroup {
  readonly service: ServiceId;
  readonly name: string;
  readonly findings: ReportFinding[];
  readonly capable: number;
}

function groupByService(findings: readonly ReportFinding[]): ServiceGroup[] {
  const map = new Map<ServiceId, ReportFinding[]>();
  for (const f of findings) map.set(f.service, [...(map.get(f.service) ?? []), f]);
  return [...map]
    .map(([service, list]) => ({ service, name: serviceName(service), findings: list, capable: list.filter(capable).length }))
    .sort((a, b) => b.findings.length - a.findings.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Horizontal stacked bars: one row per service, green = Managed Identity available, grey = not. */
function chart(groups: readonly ServiceGroup[]): string {
  if (groups.length === 0) return "";
  const rowH = 26;
  const labelW = 210;
  const barW = 420;
  const max = Math.max(...groups.map((g) => g.findings.length));
  const height = groups.length * rowH + 34;
  const rows = groups.map((g, i) => {
    const y = i * rowH + 4;
    const wCap = (g.capable / max) * barW;
    const wNot = ((g.findings.length - g.capable) / max) * barW;
    const tip = `${g.name}: ${g.findings.length} finding(s), ${g.capable} can use Managed Identity, ${g.findings.length - g.capable} cannot`;
    return [
      `<g class="bar-row" data-service="${esc(g.service)}"><title>${esc(tip)}</title>`,
      `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(g.name)}</text>`,
      g.capable > 0 ? `<rect class="bar msi-yes" x="${labelW}" y="${y}" width="${wCap.toFixed(1)}" height="${rowH - 8}" rx="2"/>` : "",
      g.findings.length - g.capable > 0
        ? `<rect class="bar msi-no" x="${(labelW + wCap).toFixed(1)}" y="${y}" width="${wNot.toFixed(1)}" height="${rowH - 8}" rx="2"/>`
        : "",
      `<text class="count" x="${(labelW + wCap + wNot + 6).toFixed(1)}" y="${y + 15}">${g.findings.length}</text>`,
      "</g>",
    ].join("");
  });
  const legendY = groups.length * rowH + 14;
  return [
    `<svg id="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${labelW + barW + 60} ${height}" width="100%" style="max-width:${labelW + barW + 60}px">`,
    `<title id="chart-title">Findings per service, split by Managed Identity availability</title>`,
    ...rows,
    `<g class="legend" transform="translate(${labelW},${legendY})">`,
    `<rect class="msi-yes" width="12" height="12"/><text x="18" y="11">Managed Identity available</text>`,
    `<rect class="msi-no" x="210" width="12" height="12"/><text x="228" y="11">no Managed Identity</text>`,
    "</g></svg>",
  ].join("\n");
}

function finding(f: ReportFinding, index: number): string {
  const href = safeHref(f.msi.docs);
  const roles =
    f.msi.roles.length > 0
      ? f.msi.roles.map((r) => `<code>${esc(r)}</code>`).join(" or ")
      : f.msi.supported === false
        ? "none (Managed Identity does not apply)"
        : "see the docs";
  const frame = f.snippet
    ? `<pre class="frame">${f.snippet
        .split("\n")
        .map((l, i) => `<span class="ln">${f.line + i}</span>${esc(l)}`)
        .join("\n")}</pre>`
    : "";
  const rows = [
    `<dt>Managed Identity</dt><dd class="msi msi-${f.msi.supported === true ? "yes" : f.msi.supported === "partial" ? "partial" : "no"}">${esc(msiSupportLabel(f.msi.supported))}</dd>`,
    `<dt>Role to assign</dt><dd class="roles">${roles}</dd>`,
    f.msi.replacement ? `<dt>Instead</dt><dd><code>${esc(f.msi.replacement)}</code></dd>` : "",
    `<dt>Fix</dt><dd class="fix fix-${f.fix.available ? "yes" : "no"}">${f.fix.available ? "automatic fix available" : "manual"}${f.fix.description ? `: ${esc(f.fix.description)}` : ""}</dd>`,
    href ? `<dt>Docs</dt><dd><a href="${esc(href)}" rel="noopener noreferrer" target="_blank">${esc(f.msi.docs)}</a></dd>` : "",
    f.commit ? `<dt>Commit</dt><dd><code>${esc(f.commit.sha.slice(0, 12))}</code> ${esc(f.commit.date)}${f.commit.author ? ` by ${esc(f.commit.author)}` : ""}</dd>` : "",
    f.suppressed ? `<dt>Suppressed</dt><dd>${esc(f.suppressed.kind)}${f.suppressed.reason ? `: ${esc(f.suppressed.reason)}` : ""}</dd>` : "",
  ].join("");
  return [
    `<article class="finding sev-${f.severity}${f.suppressed ? " suppressed" : ""}" id="f${index}" data-service="${esc(f.service)}" data-severity="${f.severity}" data-fingerprint="${esc(f.fingerprint)}">`,
    `<header><span class="sev">${f.severity}</span> <span class="rule">${esc(f.ruleId)}</span> <span class="loc">${esc(f.file)}:${f.line}:${f.column}</span> <code class="secret">${esc(f.redacted)}</code></header>`,
    `<p class="message">${esc(f.message)}</p>`,
    frame,
    `<dl>${rows}</dl>`,
    "</article>",
  ].join("\n");
}

const STYLE = `
:root{--fg:#1b1f24;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;--err:#cf222e;--warn:#9a6700;--info:#0969da;--yes:#1a7f37;--no:#8c959f}
*{box-sizing:border-box}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted)}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:130px}.card b{display:block;font-size:22px}
.card.error b{color:var(--err)}.card.warning b{color:var(--warn)}.card.info b{color:var(--info)}.card.yes b{color:var(--yes)}
#chart text{font-size:12px;fill:var(--fg)}#chart .count{fill:var(--muted)}.msi-yes{fill:var(--yes)}.msi-no{fill:var(--no)}
.filters{display:flex;flex-wrap:wrap;gap:16px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 12px;position:sticky;top:0}
.finding{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:6px;padding:10px 14px;margin:10px 0;background:var(--bg)}
.finding.sev-error{border-left-color:var(--err)}.finding.sev-warning{border-left-color:var(--warn)}.finding.suppressed{opacity:.7}
.finding header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.sev-error .sev{color:var(--err)}.sev-warning .sev{color:var(--warn)}.sev-info .sev{color:var(--info)}.rule{font-weight:600}.loc{color:var(--muted);word-break:break-all}
.message{margin:6px 0}pre.frame{background:var(--card);border:1px solid var(--line);border-radius:4px;padding:8px;overflow:auto;margin:6px 0}
.ln{display:inline-block;min-width:3em;color:var(--muted);user-select:none}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
dt{color:var(--muted)}dd{margin:0}.msi-yes{color:var(--yes)}dd.msi-no{color:var(--err)}dd.msi-partial{color:var(--warn)}.fix-yes{color:var(--yes)}
[hidden]{display:none!important}.empty{color:var(--muted)}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d}}
`;

/** Filters: hide findings (and then empty service groups) whose service or severity is not selected. */
const SCRIPT = `
(function () {
  var service = document.getElementById("filter-service");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-severity]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.service"));
  var counter = document.getElementById("shown-count");
  function apply() {
    var wanted = {};
    boxes.forEach(function (b) { wanted[b.getAttribute("data-filter-severity")] = b.checked; });
    var svc = service ? service.value : "";
    var shown = 0;
    findings.forEach(function (f) {
      var ok = (!svc || f.getAttribute("data-service") === svc) && wanted[f.getAttribute("data-severity")] === true;
      f.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector("article.finding:not([hidden])"); });
    if (counter) counter.textContent = shown + " of " + findings.length + " shown";
  }
  if (service) service.addEventListener("change", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
})();
`;

export function renderHtml(report: Report, options: { showSuppressed: boolean; version: string }): string {
  const shown = shownFindings(report.findings, report.suppressed, options.showSuppressed);
  const groups = groupByService(shown);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const movable = report.findings.filter(capable).length;
  const scriptHash = createHash("sha256").update(SCRIPT).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;

  let index = 0;
  const sections = groups.map((g) =>
    [
      `<section class="service" data-service="${esc(g.service)}">`,
      `<h2>${esc(g.name)} <span class="meta">(${g.findings.length} finding${g.findings.length === 1 ? "" : "s"}; ${g.capable} can use Managed Identity)</span></h2>`,
      ...g.findings.map((f) => finding(f, index++)),
      "</section>",
    ].join("\n"),
  );

  const serviceOptions = groups.map((g) => `<option value="${esc(g.service)}">${esc(g.name)} (${g.findings.length})</option>`).join("");
  const severityBoxes = SEVERITIES.map(
    (s) => `<label><input type="checkbox" data-filter-severity="${s}" checked> ${s}</label>`,
  ).join(" ");
  const stale = report.staleBaseline?.length ?? 0;
  const notes = [
    stale > 0 ? `<p class="note">${stale} baseline ${stale === 1 ? "entry" : "entries"} matched no finding: remove ${stale === 1 ? "it" : "them"} from the baseline file.</p>` : "",
    report.suppressed.length > 0 && !options.showSuppressed ? `<p class="note">${report.suppressed.length} suppressed finding(s) not listed (run with --show-suppressed).</p>` : "",
    report.skipped.length > 0
      ? `<details><summary>${report.skipped.length} file(s) skipped</summary><ul>${report.skipped.map((s) => `<li>${esc(s.file)}: ${esc(s.reason)}</li>`).join("")}</ul></details>`
      : "",
  ].join("\n");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="azure-msi ${esc(options.version)}">
<title>azure-msi report: ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Hard-coded Azure credentials</h1>
<p class="meta">azure-msi ${esc(options.version)} · ${report.summary.files} files scanned in ${report.summary.durationMs} ms. Secrets are masked.</p>
<div class="cards" id="summary">
<div class="card total"><b>${report.findings.length}</b>findings</div>
<div class="card error"><b>${counts.error}</b>errors</div>
<div class="card warning"><b>${counts.warning}</b>warnings</div>
<div class="card info"><b>${counts.info}</b>info</div>
<div class="card yes"><b>${movable}</b>can move to Managed Identity</div>
<div class="card"><b>${report.findings.length - movable}</b>need another fix</div>
</div>
${notes}
${groups.length > 0 ? `<h2>By service</h2>\n${chart(groups)}` : '<p class="empty">No hard-coded Azure credentials found.</p>'}
${
  groups.length > 0
    ? `<div class="filters" role="search"><label>Service <select id="filter-service"><option value="">all services</option>${serviceOptions}</select></label><span>Severity ${severityBoxes}</span><span id="shown-count" aria-live="polite"></span></div>`
    : ""
}
${sections.join("\n")}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const html: Reporter = (report, options) => renderHtml(report, options);

export default html;
