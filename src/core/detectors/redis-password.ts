import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { hostSecretDetector } from "../detect/host-secret-detector.js";
import { identifiableSeed } from "../keys/identifiable.js";
import type { Detector } from "../types.js";

export const redisPassword: Detector = hostSecretDetector({
  id: "redis-password",
  service: "redis",
  title: "Azure Cache for Redis access key",
  description:
    "An Azure Cache for Redis (Basic/Standard/Premium, Enterprise or Azure Managed Redis) access key used as the Redis password: in a StackExchange.Redis string (`<name>.redis.cache.windows.net:6380,password=<key>,ssl=True`), a `rediss://:<key>@<name>.redis.cache.windows.net:6380` URL, an ioredis/node-redis config object with the Azure host, `redis-cli -a`, or a `REDIS_PASSWORD`-style setting next to the host. The key gives full data access to the cache.",
  hosts: [
    ".redis.cache.windows.net",
    ".redis.azure.net",
    ".redisenterprise.cache.azure.net",
    ".redis.cache.usgovcloudapi.net",
    ".redis.cache.chinacloudapi.cn",
  ],
  schemes: /^rediss?$/,
  cliFlag: /(?:^|\s)(?:-a|--pass)[ \t]+/,
  envNames: /[A-Z_]*REDIS_?(?:PASSWORD|PASS|KEY|ACCESS_?KEY|PRIMARY_?KEY)/,
  memberNames: /^(?:password|accessKey)$/i,
  minLength: 16,
  priority: 80,
  extraFields: (s): Record<string, string> => (identifiableSeed(s.value, ["Access00"]) ? { identifiable: "AzCa" } : {}),
  samples() {
    const key = (n: string) => fakeBase64(32, `redis-pw-${n}`);
    const host = "contoso-cache.redis.cache.windows.net";
    return {
      positive: [
        `"ConnectionStrings": { "Redis": "${host}:6380,password=${key("1")},ssl=True,abortConnect=False" }`,
        `const client = createClient({ url: "rediss://:${encodeURIComponent(key("2"))}@${host}:6380" });`,
        `const redis = new Redis({\n  host: "${host}",\n  port: 6380,\n  password: "${fakeIdentifiable(32, "AzCa", "Access00", "redis-pw-3")}",\n  tls: { servername: "${host}" },\n});`,
        `const client = createClient({\n  password: '${key("4")}',\n  socket: { host: '${host}', port: 6380, tls: true },\n});`,
        `REDIS_HOST=${host}\nREDIS_PASSWORD=${key("5")}\n`,
        `redis-cli -h ${host} -p 6380 -a ${key("6")} --tls PING`,
      ],
      negative: [
        `"Redis": "${host}:6380,password=\${REDIS_KEY},ssl=True,abortConnect=False"`,
        `const client = createClient({ url: "rediss://${host}:6380", password: process.env.REDIS_KEY });`,
        `const provider = EntraIdCredentialsProviderFactory.createForDefaultAzureCredential({ credential: new DefaultAzureCredential() });\nconst client = createClient({ url: "rediss://${host}:6380", credentialsProvider: provider });`,
        `"Redis": "localhost:6379,password=${key("7")}"`,
        `REDIS_HOST=${host}\nREDIS_PASSWORD=<primary-access-key>\n`,
      ],
    };
  },
});
