/**
 * Masking. Every place that shows a secret shows redact(secret): a short preview whose visible
 * runs are too short to be useful, never the full value.
 */
export function redact(secret: string): string {
  const n = secret.length;
  if (n <= 8) return "*".repeat(Math.max(n, 4));
  if (n < 20) return `${secret.slice(0, 2)}...${secret.slice(-2)}`;
  return `${secret.slice(0, 4)}...${secret.slice(-4)}`;
}

/** Replace every occurrence of any of `secrets` in `text` by its redacted form. */
export function maskAll(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(redact(s));
  return out;
}
