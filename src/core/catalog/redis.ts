import type { CatalogEntry } from "./types.js";

export const redis: CatalogEntry = {
  id: "redis",
  displayName: "Azure Cache for Redis",
  msi: "yes",
  summary:
    "Caches with Microsoft Entra authentication enabled accept a token as the password of the identity's object ID; node-redis refreshes it through @redis/entraid.",
  caveat:
    "Entra authentication must be enabled on the cache and TLS (port 6380) used; clients must re-authenticate before the token expires (ioredis has no hook for it). Not available on the legacy Enterprise and Enterprise Flash tiers.",
  alternative: "On tiers without Entra authentication, keep the access key in Key Vault and read it with Managed Identity.",
  replacement:
    "createClient({ url, credentialsProvider: EntraIdCredentialsProviderFactory.createForDefaultAzureCredential({ credential, scopes: REDIS_SCOPE_DEFAULT, tokenManagerConfig: { expirationRefreshRatio: 0.8 } }) })",
  action: "connect with a credentials provider from @redis/entraid",
  roles: [
    { name: "Data Contributor", scope: "redis-access-policy" },
    { name: "Data Reader", scope: "redis-access-policy" },
    { name: "Data Owner", scope: "redis-access-policy" },
  ],
  grant: "the Data Contributor (or Data Reader) Redis access policy",
  docs: "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-azure-active-directory-for-authentication",
  tokenScope: "https://redis.azure.com/.default",
  packages: ["redis", "@redis/entraid"],
  hasCodeFix: false,
};
