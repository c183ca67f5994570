/**
 * Azure Cache for Redis (redis, @redis/client, ioredis): Entra ID tokens work, but node-redis needs a
 * credentials provider and the identity a data access policy, so the rewrite is left to a human;
 * these entries only make the explanation precise.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { callOf, newOf } from "../sink.js";

const REDIS_MANUAL =
  "Azure Cache for Redis accepts Entra ID tokens, but node-redis needs a credentials provider (EntraIdCredentialsProviderFactory from @redis/entraid, credentialsProvider option) and the identity needs a Redis data access policy; rewrite the client by hand.";
const NODE_REDIS = ["redis", "@redis/client"];

export const redis: RecipeFamily = {
  family: "redis",
  sinks: [],
  manualSinks: [
    { modules: NODE_REDIS, callee: callOf("createClient"), service: "redis", manual: REDIS_MANUAL },
    { modules: NODE_REDIS, callee: callOf("createCluster"), service: "redis", manual: REDIS_MANUAL },
    { modules: ["ioredis"], callee: newOf("default"), service: "redis", manual: REDIS_MANUAL },
    { modules: ["ioredis"], callee: newOf("Redis"), service: "redis", manual: REDIS_MANUAL },
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Redis client (no fix: needs a credentials provider)",
    before: `import { createClient } from "redis";

export const cache = createClient({ url: "rediss://:${s.redisKey}@contoso-cache.redis.cache.windows.net:6380" });
`,
    manual: /@redis\/entraid/,
  }),
];
