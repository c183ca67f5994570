import { createHash } from "node:crypto";

/**
 * A stable finding id for baselines and SARIF partialFingerprints: independent of file path, line
 * and indentation (so it survives moves and re-indents), and a one-way hash of the secret, so it
 * holds no secret material.
 */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash("sha256").update(`azure-msi/v1\0${ruleId}\0${secret}`).digest("hex").slice(0, 32);
}
