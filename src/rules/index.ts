/** Every rule of the plugin, by name. The configs are computed from their `meta.docs`. */
import noHardcodedCredentials from "./no-hardcoded-credentials.js";
import noImdsTokenRequest from "./no-imds-token-request.js";
import preferManagedIdentity from "./prefer-managed-identity.js";

export const rules = {
  "no-hardcoded-credentials": noHardcodedCredentials,
  "no-imds-token-request": noImdsTokenRequest,
  "prefer-managed-identity": preferManagedIdentity,
};

export type RuleName = keyof typeof rules;
