/**
 * `azure-msi explain <id>`: what a detector finds, why it matters, the Managed Identity advice and
 * a masked example taken from the detector's own samples.
 */
import { readFileSync } from "node:fs";
import { describeFinding } from "../core/report/advice.js";
import { getService } from "../core/catalog/index.js";
import { DETECTORS, scanText } from "../core/index.js";
import { LineIndex } from "../core/text/lines.js";
import { maskedSnippet } from "./scan.js";

export class ExplainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExplainError";
  }
}

const SUPPORT = { yes: "yes", partial: "partly", no: "no" } as const;

/** An ESLint rule's documentation (docs/rules/<id>.md, shipped with the package), if `id` is a rule. */
function ruleDoc(id: string): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return undefined;
  try {
    return readFileSync(new URL(`../../docs/rules/${id}.md`, import.meta.url), "utf8");
  } catch {
    return undefined;
  }
}

export function explain(id: string): string {
  const detector = DETECTORS.find((d) => d.id === id);
  if (!detector) {
    const doc = ruleDoc(id.replace(/^azure-msi\//, ""));
    if (doc !== undefined) return doc.endsWith("\n") ? doc : `${doc}\n`;
    const near = DETECTORS.map((d) => d.id)
      .filter((d) => d.includes(id) || id.includes(d) || d.split("-")[0] === id.split("-")[0])
      .slice(0, 5);
    throw new ExplainError(
      `unknown detector or rule "${id.slice(0, 60)}"${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}; ids are listed in docs/detectors.md`,
    );
  }
  const entry = getService(detector.service);
  const out: string[] = [];
  out.push(`${detector.id}: ${detector.title}`);
  out.push(`Service: ${entry.displayName} (${entry.id})   Severity: ${detector.severity}`);
  out.push("", detector.description);
  out.push("", `Managed Identity: ${SUPPORT[entry.msi]}. ${entry.summary}`);
  if (entry.caveat) out.push(`Caveat: ${entry.caveat}`);
  if (entry.alternative) out.push(`Where it does not apply: ${entry.alternative}`);
  if (entry.roles.length > 0) out.push(`Roles: ${entry.roles.map((r) => r.name).join(", ")}`);
  out.push(`Replacement: ${entry.replacement}`);
  out.push(`Docs: ${entry.docs}`);

  for (const sample of detector.samples().positive) {
    const findings = scanText(sample);
    const focus = findings.find((f) => f.ruleId === detector.id);
    if (!focus) continue;
    const lines = new LineIndex(sample);
    out.push("", "Example (generated, masked):", ...maskedSnippet(sample, lines, focus, findings).split("\n").map((l) => `  ${l}`));
    out.push("", "Message:", `  ${describeFinding(focus).message}`);
    break;
  }
  return `${out.join("\n")}\n`;
}
