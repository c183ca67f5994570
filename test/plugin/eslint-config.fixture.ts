// A TypeScript user's eslint.config.ts: the plugin and its configs fit ESLint's own types.
// Compiled by test/plugin/types.test.ts (and by `npm run typecheck`).
import type { ESLint, Linter } from "eslint";
import { defineConfig } from "eslint/config";
import azureMsi from "../../src/index.js";

export const plugin: ESLint.Plugin = azureMsi;

export const config: Linter.Config[] = [
  azureMsi.configs.recommended,
  azureMsi.configs.strict,
  ...azureMsi.configs["config-files"],
  {
    files: ["src/**/*.ts"],
    plugins: { "azure-msi": azureMsi },
    rules: {
      "azure-msi/no-hardcoded-credentials": ["error", { fix: "managed-identity", includeInfo: false }],
      "azure-msi/prefer-managed-identity": "warn",
    },
  },
];

export default defineConfig(azureMsi.configs.recommended, azureMsi.configs["config-files"]);
