/**
 * The service catalog: for every Azure service we detect credentials of, whether it accepts
 * Managed Identity (Microsoft Entra ID tokens), what to grant, what to write instead, and where
 * Microsoft documents it. Facts come from the project's MSI reference (msi-catalog.md).
 */
import type { FindingFields, ServiceId } from "../types.js";

/** "partial": some credentials or APIs of the service accept Managed Identity, others do not. */
export type MsiSupport = "yes" | "partial" | "no";

/**
 * Where a role is granted:
 * - azure-rbac: an Azure role assignment (IAM) on the resource;
 * - cosmos-data-plane: a Cosmos DB SQL role assignment (not visible in IAM);
 * - database: a user or role inside the database (CREATE USER ... FROM EXTERNAL PROVIDER, ...);
 * - redis-access-policy: a Redis data-access policy assignment;
 * - devops: a user and permissions inside the Azure DevOps organization;
 * - databricks-workspace: a service principal and permissions inside the Databricks workspace.
 */
export type RoleScope =
  | "azure-rbac"
  | "cosmos-data-plane"
  | "database"
  | "redis-access-policy"
  | "devops"
  | "databricks-workspace";

export interface CatalogRole {
  readonly name: string;
  /** Role definition GUID, only where the reference gives one. */
  readonly id?: string;
  readonly scope: RoleScope;
}

/** What the advice needs to know about a finding to pick a variant. */
export interface VariantMatchInput {
  readonly ruleId: string;
  readonly fields: FindingFields;
}

/**
 * A kind of credential of a service whose Managed Identity story differs from the service's
 * (e.g. IoT Hub device keys, Storage SAS tokens). Chosen by `applies`.
 */
export interface CatalogVariant {
  /** Short id, e.g. "device". */
  readonly id: string;
  /** What the variant covers, e.g. "IoT Hub device and module credentials". */
  readonly label: string;
  readonly applies: (finding: VariantMatchInput) => boolean;
  readonly msi: MsiSupport;
  /** One sentence on Managed Identity support for this kind of credential. */
  readonly summary: string;
  /** What to do instead (required when msi is not "yes"). */
  readonly alternative?: string;
  /** Overrides the entry's replacement. */
  readonly replacement?: string;
  /** Override the entry's `grant` / `action` (a credential used for another API of the service). */
  readonly grant?: string;
  readonly action?: string;
}

export interface CatalogEntry {
  readonly id: ServiceId;
  /** Human name, e.g. "Azure Storage". */
  readonly displayName: string;
  /** The display name is plural ("Azure OpenAI and AI services accept ..."). */
  readonly plural?: boolean;
  readonly msi: MsiSupport;
  /** One sentence: how the service accepts Managed Identity (or why it does not). */
  readonly summary: string;
  /** A limit that matters when migrating (e.g. Cosmos DB: data plane only). */
  readonly caveat?: string;
  /** What to do where Managed Identity does not apply (Key Vault reference, X.509, ...). */
  readonly alternative?: string;
  /** What to use when the code does not run in Azure (workload identity federation, ...). */
  readonly outsideAzure?: string;
  /** The credential-free construction, short code. */
  readonly replacement: string;
  /**
   * How the app uses the identity, completing "grant the app's identity <role> and <action>".
   * Defaults to "construct the client with a TokenCredential".
   */
  readonly action?: string;
  /** The role phrase for messages; defaults to the first role's name. */
  readonly grant?: string;
  /** Roles, the recommended one first. Empty only when msi is "no". */
  readonly roles: readonly CatalogRole[];
  /** Microsoft Learn page for the migration. */
  readonly docs: string;
  /** Token scope (audience) the SDKs request. */
  readonly tokenScope?: string;
  /** npm packages whose clients take a TokenCredential (or a token) for this service. */
  readonly packages: readonly string[];
  /** Whether the ESLint and CLI fix recipes rewrite this service's clients. */
  readonly hasCodeFix: boolean;
  /** Set when the service's detected value is not a secret at all (Application Insights). */
  readonly notASecret?: string;
  readonly variants?: readonly CatalogVariant[];
}
