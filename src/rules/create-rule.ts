import { ESLintUtils } from "@typescript-eslint/utils";

/** Extra `meta.docs` flags of this plugin: the configs are computed from them. */
export interface AzureMsiRuleDocs {
  /** In `configs.recommended` (and therefore in `configs.strict`). */
  recommended?: boolean;
  /** In `configs.strict` only. */
  strict?: boolean;
}

export const DOCS_BASE = "https://github.com/azure-msi/eslint-plugin-azure-msi/blob/main/docs/rules";

export const createRule = ESLintUtils.RuleCreator<AzureMsiRuleDocs>((name) => `${DOCS_BASE}/${name}.md`);
