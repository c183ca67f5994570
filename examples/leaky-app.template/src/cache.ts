import { createClient } from "redis";

export const cache = createClient({
  url: "rediss://:__FAKE_REDIS_KEY__@contoso-cache.redis.cache.windows.net:6380",
});
