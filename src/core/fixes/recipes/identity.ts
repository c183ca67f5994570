/**
 * Entra ID app secrets (@azure/identity): `ClientSecretCredential` and `UsernamePasswordCredential`
 * are TokenCredentials already, so any use accepts a Managed Identity credential in their place.
 * Also the credential slots of clients that take only a TokenCredential (Key Vault, Container
 * Registry, Logs Ingestion).
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { keyCredential, slot } from "../sink.js";

const IDENTITY = ["@azure/identity"];

export const identity: RecipeFamily = {
  family: "identity",
  sinks: [
    keyCredential("client-secret-credential", "entra-id", IDENTITY, "ClientSecretCredential", "new ClientSecretCredential(tenantId, clientId, clientSecret)", 2),
    keyCredential("username-password-credential", "entra-id", IDENTITY, "UsernamePasswordCredential", "new UsernamePasswordCredential(tenantId, clientId, username, password)", 3),
  ],
  credentialSlots: [
    slot(["@azure/keyvault-secrets"], "SecretClient", "key-vault", 1),
    slot(["@azure/keyvault-keys"], "KeyClient", "key-vault", 1),
    slot(["@azure/keyvault-keys"], "CryptographyClient", "key-vault", 1),
    slot(["@azure/keyvault-certificates"], "CertificateClient", "key-vault", 1),
    slot(["@azure/container-registry"], "ContainerRegistryClient", "container-registry", 1),
    slot(["@azure/monitor-ingestion"], "LogsIngestionClient", "application-insights", 1),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Key Vault client with ClientSecretCredential",
    before: `import { ClientSecretCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";

const credential = new ClientSecretCredential("72f988bf-86f1-41af-91ab-2d7cd011db47", "4a1aa1d5-c567-49d0-ad0b-cd957a47f842", "${s.entraSecret}");
export const secrets = new SecretClient("https://contoso-kv.vault.azure.net", credential);
`,
    after: `import { ManagedIdentityCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";

const credential = new ManagedIdentityCredential();
export const secrets = new SecretClient("https://contoso-kv.vault.azure.net", credential);
`,
    credential: "managed-identity",
  }),
  (s) => ({
    name: "Container Registry client with ClientSecretCredential",
    before: `import { ContainerRegistryClient } from "@azure/container-registry";
import { ClientSecretCredential } from "@azure/identity";

export const registry = new ContainerRegistryClient(
  "https://contoso.azurecr.io",
  new ClientSecretCredential("72f988bf-86f1-41af-91ab-2d7cd011db47", "4a1aa1d5-c567-49d0-ad0b-cd957a47f842", "${s.entraSecret}"),
);
`,
    after: `import { ContainerRegistryClient } from "@azure/container-registry";
import { DefaultAzureCredential } from "@azure/identity";

export const registry = new ContainerRegistryClient(
  "https://contoso.azurecr.io",
  new DefaultAzureCredential(),
);
`,
  }),
  () => ({
    name: "ClientSecretCredential with a secret from the environment",
    callee: "ClientSecretCredential",
    before: `import { ClientSecretCredential } from "@azure/identity";
import { KeyClient } from "@azure/keyvault-keys";

export const keys = new KeyClient("https://contoso-kv.vault.azure.net", new ClientSecretCredential(process.env.AZURE_TENANT_ID!, process.env.AZURE_CLIENT_ID!, process.env.AZURE_CLIENT_SECRET!));
`,
    after: `import { DefaultAzureCredential } from "@azure/identity";
import { KeyClient } from "@azure/keyvault-keys";

export const keys = new KeyClient("https://contoso-kv.vault.azure.net", new DefaultAzureCredential());
`,
  }),
  () => ({
    name: "UsernamePasswordCredential with a password from the environment",
    callee: "UsernamePasswordCredential",
    before: `import { UsernamePasswordCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";

export const secrets = new SecretClient("https://contoso-kv.vault.azure.net", new UsernamePasswordCredential(process.env.AZURE_TENANT_ID!, process.env.AZURE_CLIENT_ID!, "app@contoso.com", process.env.APP_PASSWORD!));
`,
    after: `import { DefaultAzureCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";

export const secrets = new SecretClient("https://contoso-kv.vault.azure.net", new DefaultAzureCredential());
`,
  }),
];
