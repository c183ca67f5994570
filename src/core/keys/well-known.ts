/**
 * Publicly documented, non-secret values: the Storage emulator (Azurite) account and key and the
 * Cosmos DB emulator key. They are fixed, published by Microsoft and accepted only by the local
 * emulators, so a finding on them is `info`, never an error. The literals below are the documented
 * values themselves (not secrets); each line carries an inline suppression so that scanning this
 * repository stays clean.
 */
import type * as Crypto from "node:crypto";

/**
 * node:crypto, loaded at the first emulator-signed SAS check rather than at startup: loading it
 * is a measurable part of a pre-commit run (`scan --staged`) that never sees a SAS.
 */
let crypto: typeof Crypto | undefined;
const hmacSha256 = (key: Buffer, text: string): string =>
  (crypto ??= process.getBuiltinModule("node:crypto")).createHmac("sha256", key).update(text, "utf8").digest("base64");

/** Azurite / Storage emulator account name. */
export const STORAGE_EMULATOR_ACCOUNT = "devstoreaccount1";

/** Azurite / Storage emulator account key (published in the Azurite and Storage docs). */
export const STORAGE_EMULATOR_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="; // azure-msi-ignore -- published emulator key

/** Cosmos DB emulator key (published in the Cosmos DB emulator docs). */
export const COSMOS_EMULATOR_KEY =
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="; // azure-msi-ignore -- published emulator key

export const STORAGE_EMULATOR_NOTE =
  "This is the published Storage emulator (Azurite) key or account; it only works against the local emulator.";
export const COSMOS_EMULATOR_NOTE =
  "This is the published Cosmos DB emulator key; it only works against the local emulator.";

/** True for loopback and container-local hosts used by emulators. */
export function isLocalHost(host: string | undefined): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === "localhost" || h === "127.0.0.1" || h === "::1" || h === "[::1]" || h === "host.docker.internal" ||
    h === "azurite" || h.startsWith("127.") || h === "0.0.0.0";
}

/**
 * True when an account SAS (`ss`/`srt` query) was signed with the published emulator key for
 * `devstoreaccount1`: the HMAC-SHA256 of the account-SAS string-to-sign (with and without the
 * encryption-scope line added in version 2020-12-06) equals `sig`. Such a token only works against
 * the local emulator. `param` returns the percent-decoded value of a query parameter.
 */
export function isEmulatorSignedAccountSas(param: (name: string) => string | undefined): boolean {
  const sig = param("sig");
  if (!sig || !param("ss") || !param("srt")) return false;
  const g = (name: string): string => param(name) ?? "";
  const base = [STORAGE_EMULATOR_ACCOUNT, g("sp"), g("ss"), g("srt"), g("st"), g("se"), g("sip"), g("spr"), g("sv")];
  const key = Buffer.from(STORAGE_EMULATOR_KEY, "base64");
  for (const lines of [[...base, ""], [...base, g("ses"), ""]]) {
    const expected = hmacSha256(key, lines.join("\n"));
    if (expected === sig) return true;
  }
  return false;
}
