/**
 * no-hardcoded-credentials: every credential the engine finds in the file, at its exact offsets.
 *
 * A thin adapter over src/core: `scanText` once per file (the same call `azure-msi scan` makes),
 * inline `azure-msi-ignore` suppressions from src/core/engine/suppress.ts, the `allow` and `ignore`
 * entries of the project's .azure-msi.json (read like the CLI reads it), the message from
 * `describeFinding`. On JS/TS files the fix adapter (src/adapters/estree.ts) offers the
 * rewrite to Managed Identity as two suggestions, DefaultAzureCredential and ManagedIdentityCredential
 * (with the `fix` option, one of them is also an autofix); where no rewrite is safe the message ends
 * with the manual path. The rule also runs on config files through the plugin's text language and
 * @eslint/json, where it reports without fixes.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { planFix, type CredentialChoice, type PlanFixResult } from "../adapters/estree.js";
import { describeFinding } from "../core/report/advice.js";
import { DETECTORS, scanText } from "../core/index.js";
import { applyInlineSuppressions } from "../core/engine/suppress.js";
import type { Finding, FixPlan } from "../core/types.js";
import { createRule } from "./create-rule.js";
import { projectConfig } from "../project/config.js";
import { crossFileReports, programOf, readersElsewhere } from "./typed-cross-file.js";

export type FixOption = "none" | "default-credential" | "managed-identity";

export type Options = [
  {
    /** Make one rewrite an `eslint --fix` autofix (default "none": suggestions only). */
    fix?: FixOption;
    /** Client id (a GUID) of a user-assigned identity, passed to the credential the fixes construct. */
    clientId?: string;
    /** Also report `info` findings (the published storage emulator key, non-secret settings). */
    includeInfo?: boolean;
  },
];

export type MessageIds = "hardcodedCredential" | "hardcodedInOtherModule" | "invalidConfig" | "suggestDefaultCredential" | "suggestManagedIdentity";

/** Detector ids an `allow` entry of .azure-msi.json may name. */
const RULE_IDS: ReadonlySet<string> = new Set(DETECTORS.map((d) => d.id));

const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

export default createRule<Options, MessageIds>({
  name: "no-hardcoded-credentials",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow hard-coded Azure credentials (keys, connection strings, tokens, passwords) in code and config files",
      recommended: true,
    },
    fixable: "code",
    hasSuggestions: true,
    messages: {
      hardcodedCredential: "{{message}}{{manual}} [{{detector}}]",
      hardcodedInOtherModule: "This client gets a credential hard-coded in {{where}}: {{message}}{{manual}} [{{detector}}]",
      invalidConfig: "azure-msi configuration ignored: {{error}}",
      suggestDefaultCredential: "{{description}}",
      suggestManagedIdentity: "{{description}}",
    },
    schema: [
      {
        type: "object",
        properties: {
          fix: {
            type: "string",
            enum: ["none", "default-credential", "managed-identity"],
            description: "Also apply this rewrite with `eslint --fix` (the suggestions are always offered).",
          },
          clientId: {
            type: "string",
            pattern: GUID,
            description: "Client id of a user-assigned identity for the credential the fixes construct.",
          },
          includeInfo: {
            type: "boolean",
            description: "Also report info-level findings (the published storage emulator key, values that are not secrets).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ fix: "none", includeInfo: false }],
  },
  create(context, [options]) {
    const includeInfo = options.includeInfo === true;
    const autofix: CredentialChoice | undefined =
      options.fix === "default-credential" ? "default" : options.fix === "managed-identity" ? "managed-identity" : undefined;

    function run(): void {
      const sourceCode = context.sourceCode;
      const text = sourceCode.text;
      // The project's .azure-msi.json, as `azure-msi scan` run from the same folder reads it.
      const project = projectConfig(context.cwd, RULE_IDS);
      if (project.error) {
        const start = sourceCode.getLocFromIndex(0);
        context.report({ loc: { start, end: start }, messageId: "invalidConfig", data: { error: project.error } });
      }
      if (project.ignored(context.filename)) return;
      const file = path.relative(context.cwd, context.filename).split(path.sep).join("/");
      const { kept } = applyInlineSuppressions(text, scanText(text, { path: context.filename }));
      for (const finding of kept) {
        if (finding.severity === "info" && !includeInfo) continue;
        if (project.allowed({ file, ruleId: finding.ruleId, secret: finding.secret })) continue;
        report(finding);
      }
      // Typed linting: constructions of this file fed by a secret hard-coded in another module.
      const program = programOf(sourceCode.parserServices);
      const ast = sourceCode.ast as TSESTree.Program | { type: string };
      if (!program || ast.type !== "Program") return;
      const reports = crossFileReports({
        program,
        filename: context.filename,
        cwd: context.cwd,
        text,
        ast: ast as TSESTree.Program,
        scopeManager: sourceCode.scopeManager as never,
        ...(options.clientId ? { clientId: options.clientId } : {}),
        findingsOf: (other, otherText) => {
          const rel = path.relative(context.cwd, other).split(path.sep).join("/");
          if (project.ignored(other)) return [];
          return applyInlineSuppressions(otherText, scanText(otherText, { path: other })).kept.filter(
            (f) => f.severity !== "info" && !project.allowed({ file: rel, ruleId: f.ruleId, secret: f.secret }),
          );
        },
      });
      for (const r of reports) reportCrossFile(r);
    }

    function reportCrossFile(r: ReturnType<typeof crossFileReports>[number]): void {
      const { message } = describeFinding(r.finding);
      const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> = [];
      const choices: Array<[CredentialChoice, MessageIds]> = [
        ["default", "suggestDefaultCredential"],
        ["managed-identity", "suggestManagedIdentity"],
      ];
      let fix: TSESLint.ReportFixFunction | undefined;
      for (const [choice, messageId] of choices) {
        const result = r.rewrites[choice];
        if ("manual" in result) continue;
        const description = `${result.description.replace(/\.$/, "")}; then delete ${r.remove} (this fix edits this file only).`;
        const f: TSESLint.ReportFixFunction = (fixer) => result.edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text));
        suggest.push({ messageId, data: { description }, fix: f });
        if (autofix === choice) fix = f;
      }
      const first = r.rewrites.default;
      const manual = suggest.length === 0 && "manual" in first ? ` ${first.manual}` : "";
      context.report({
        node: r.node,
        messageId: "hardcodedInOtherModule",
        data: { where: r.where, message, manual, detector: r.finding.ruleId },
        ...(suggest.length > 0 ? { suggest } : {}),
        ...(fix ? { fix } : {}),
      });
    }

    /** The two rewrites of a finding in a JS/TS file (none on config files). */
    function plans(finding: Finding): Record<CredentialChoice, PlanFixResult> | undefined {
      const ast = context.sourceCode.ast as TSESTree.Program | { type: string };
      if (ast.type !== "Program" || finding.severity === "info") return undefined;
      const plan = (credential: CredentialChoice): PlanFixResult =>
        planFix({
          ast: ast as TSESTree.Program,
          text: context.sourceCode.text,
          finding,
          credential,
          scopeManager: context.sourceCode.scopeManager as never,
          path: context.filename,
          ...(options.clientId ? { clientId: options.clientId } : {}),
        });
      return { default: plan("default"), "managed-identity": plan("managed-identity") };
    }

    const toFix =
      (plan: FixPlan): TSESLint.ReportFixFunction =>
      (fixer) =>
        plan.edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text));

    function report(finding: Finding): void {
      const sourceCode = context.sourceCode;
      const { message } = describeFinding(finding);
      const rewrites = plans(finding);
      const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> = [];
      let manual = "";
      let fix: TSESLint.ReportFixFunction | undefined;
      if (rewrites) {
        const choices: Array<[CredentialChoice, MessageIds]> = [
          ["default", "suggestDefaultCredential"],
          ["managed-identity", "suggestManagedIdentity"],
        ];
        for (const [choice, messageId] of choices) {
          const result = rewrites[choice];
          if ("plan" in result) suggest.push({ messageId, data: { description: result.plan.description }, fix: toFix(result.plan) });
        }
        const chosen = autofix ? rewrites[autofix] : undefined;
        if (chosen && "plan" in chosen) fix = toFix(chosen.plan);
        if (suggest.length === 0 && "manual" in rewrites.default) manual = ` ${rewrites.default.manual}`;
        // Typed linting: say which modules read it (the rewrite of their client is offered there).
        const program = suggest.length === 0 ? programOf(sourceCode.parserServices) : undefined;
        const readers = program ? readersElsewhere(program, context.filename, finding.start, context.cwd) : [];
        if (readers.length > 0) manual += ` Read in ${readers.join(", ")}: the rule offers the rewrite of the client there; then delete it here.`;
      }
      context.report({
        loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
        messageId: "hardcodedCredential",
        data: { message, manual, detector: finding.ruleId },
        ...(suggest.length > 0 ? { suggest } : {}),
        ...(fix ? { fix } : {}),
      });
    }

    // ESTree files have a Program root; the text language and @eslint/json a Document root.
    const listeners: TSESLint.RuleListener = { Program: run, Document: run };
    return listeners;
  },
});
