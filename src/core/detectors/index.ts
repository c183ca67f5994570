/**
 * The detector registry: every credential format, one file each. Order does not matter (overlaps
 * are resolved by priority). Keep the sections sorted by file name.
 */
import type { Detector } from "../types.js";
import { databricksToken } from "./databricks-token.js";
import { entraClientSecret } from "./entra-client-secret.js";
import { entraClientSecretAssignment } from "./entra-client-secret-assignment.js";
import { entraUsernamePassword } from "./entra-username-password.js";

export const DETECTORS: readonly Detector[] = [
  databricksToken,
  entraClientSecret,
  entraClientSecretAssignment,
  entraUsernamePassword,
];
