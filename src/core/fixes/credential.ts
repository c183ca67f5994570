/**
 * The TokenCredential a fix puts in place of a secret.
 *
 * - "default": `new DefaultAzureCredential()` (developer machine and Azure alike; in production set
 *   AZURE_TOKEN_CREDENTIALS=prod or ManagedIdentityCredential so that it cannot fall through to a
 *   developer credential).
 * - "managed-identity": `new ManagedIdentityCredential()` (system-assigned), or
 *   `new ManagedIdentityCredential({ clientId })` for a user-assigned identity.
 */
export type CredentialChoice = "default" | "managed-identity";

export const IDENTITY_MODULE = "@azure/identity";

export function credentialClass(choice: CredentialChoice): "DefaultAzureCredential" | "ManagedIdentityCredential" {
  return choice === "default" ? "DefaultAzureCredential" : "ManagedIdentityCredential";
}

/** A quoted JS string literal using `quote` (`"` or `'`). */
export function quote(value: string, q: '"' | "'" = '"'): string {
  const body = value.replace(/\\/g, "\\\\").replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return q + (q === '"' ? body.replace(/"/g, '\\"') : body.replace(/'/g, "\\'")) + q;
}

/** A client id must look like a GUID: it is printed into code. */
export function isClientId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * The credential expression. `ref` is how the class is referred to in the file (its local name, or
 * `identity.ManagedIdentityCredential` through a namespace import).
 */
export function credentialExpression(choice: CredentialChoice, ref: string, clientId: string | undefined, q: '"' | "'"): string {
  if (!clientId) return `new ${ref}()`;
  return choice === "default" ? `new ${ref}({ managedIdentityClientId: ${quote(clientId, q)} })` : `new ${ref}({ clientId: ${quote(clientId, q)} })`;
}
