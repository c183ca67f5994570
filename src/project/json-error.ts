/**
 * JSON.parse messages without the source excerpt V8 adds (`Unexpected token 'A', "AccountKey..."
 * is not valid JSON`): the excerpt is file content, possibly a secret, and must not reach stderr.
 */
export function jsonErrorText(error: unknown): string {
  const message = ((error as Error)?.message ?? String(error)).split("\n")[0]!;
  return message.replace(/^(Unexpected token '.'), .* is not valid JSON$/s, "$1");
}
