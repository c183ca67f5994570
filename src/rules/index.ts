/** Every rule of the plugin, by name. The configs are computed from their `meta.docs`. */
import noImdsTokenRequest from "./no-imds-token-request.js";

export const rules = {
  "no-imds-token-request": noImdsTokenRequest,
};

export type RuleName = keyof typeof rules;
