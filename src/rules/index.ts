/** Every rule of the plugin, by name. The configs are computed from their `meta.docs`. */
import noImdsTokenRequest from "./no-imds-token-request.js";
import preferManagedIdentity from "./prefer-managed-identity.js";

export const rules = {
  "no-imds-token-request": noImdsTokenRequest,
  "prefer-managed-identity": preferManagedIdentity,
};

export type RuleName = keyof typeof rules;
