/**
 * no-hardcoded-credentials: every credential the engine finds in the file, at its exact offsets.
 *
 * A thin adapter over src/core: `scanText` once per file (the same call `azure-msi scan` makes),
 * inline `azure-msi-ignore` suppressions from src/core/suppress.ts, the message from
 * `describeFinding`. The rule also runs on config files through the plugin's text
 * language and @eslint/json.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { describeFinding } from "../core/advice.js";
import { scanText } from "../core/index.js";
import { applyInlineSuppressions } from "../core/suppress.js";
import type { Finding } from "../core/types.js";
import { createRule } from "./create-rule.js";

export type Options = [
  {
    /** Also report `info` findings (the published storage emulator key, non-secret settings). */
    includeInfo?: boolean;
  },
];

export type MessageIds = "hardcodedCredential";

export default createRule<Options, MessageIds>({
  name: "no-hardcoded-credentials",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow hard-coded Azure credentials (keys, connection strings, tokens, passwords) in code and config files",
      recommended: true,
    },
    messages: {
      hardcodedCredential: "{{message}} [{{detector}}]",
    },
    schema: [
      {
        type: "object",
        properties: {
          includeInfo: {
            type: "boolean",
            description: "Also report info-level findings (the published storage emulator key, values that are not secrets).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ includeInfo: false }],
  },
  create(context, [options]) {
    const includeInfo = options.includeInfo === true;

    function run(): void {
      const sourceCode = context.sourceCode;
      const text = sourceCode.text;
      const { kept } = applyInlineSuppressions(text, scanText(text, { path: context.filename }));
      for (const finding of kept) {
        if (finding.severity === "info" && !includeInfo) continue;
        report(finding);
      }
    }

    function report(finding: Finding): void {
      const sourceCode = context.sourceCode;
      const { message } = describeFinding(finding);
      context.report({
        loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
        messageId: "hardcodedCredential",
        data: { message, detector: finding.ruleId },
      });
    }

    // ESTree files have a Program root; the text language and @eslint/json a Document root.
    const listeners: TSESLint.RuleListener = { Program: run, Document: run };
    return listeners;
  },
});
