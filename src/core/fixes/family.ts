/**
 * The shape of one recipe file (src/core/fixes/recipes/<family>.ts): an SDK family's sink entries,
 * the rewrites they use, and its own before/after samples. The registry (recipes/index.ts) lists the
 * families; test/fixes/samples.test.ts runs every family's samples through the real engine (exact
 * output, idempotence) and type-checks every output against the installed SDK packages.
 */
import type { CredentialChoice } from "./credential.js";
import type { SampleSecrets } from "./sample-secrets.js";
import type { CredentialSlot, ManualSink, Sink } from "./sink.js";

interface SampleBase {
  readonly name: string;
  readonly before: string;
  /** Exact expected output; absent for no-fix samples. */
  readonly after?: string;
  /** For no-fix samples: the manual explanation must match. */
  readonly manual?: RegExp;
}

/** A file holding a literal secret: scanned by the engine and fixed like `azure-msi fix` does. */
export interface LiteralSample extends SampleBase {
  /** File name (extension decides ESM/CJS and the type-check mode). */
  readonly file?: string;
  readonly credential?: CredentialChoice;
  readonly clientId?: string;
  /** The output deliberately keeps the secret (a constant still used elsewhere). */
  readonly keepsSecret?: boolean;
}

/**
 * A construction whose secret is not a literal of the file (what prefer-managed-identity flags),
 * fixed with planSinkFix. `callee` picks the construction by its callee text.
 */
export interface ConstructionSample extends SampleBase {
  readonly callee: string;
  /** Values an imported constant resolves to (what the type checker would say). */
  readonly values?: Readonly<Record<string, string>>;
}

export type RecipeSample = LiteralSample | ConstructionSample;

/** One sample, made from the shared fake secrets (sample-secrets.ts) when a test asks for it. */
export type SampleMaker = (s: SampleSecrets) => RecipeSample;

export const isConstructionSample = (s: RecipeSample): s is ConstructionSample => "callee" in s;

export interface RecipeFamily {
  /** The file name without `.ts`, e.g. "storage-blob". */
  readonly family: string;
  /** Credential-bearing constructions, each with its rewrite (or its manual path). */
  readonly sinks: readonly Sink[];
  /** Client constructors whose credential argument accepts a TokenCredential. */
  readonly credentialSlots?: readonly CredentialSlot[];
  /** Constructions with a secret but no automatic rewrite (explained, not flagged). */
  readonly manualSinks?: readonly ManualSink[];
  /**
   * Before/after samples: makers that build each sample from the fake secrets of
   * sample-secrets.ts when a test asks for them (fake secrets are never committed as literals).
   */
  samples(): readonly SampleMaker[];
}
