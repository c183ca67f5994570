import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { findIdentifiable } from "../keys/identifiable-scan.js";
import type { Candidate, Detector } from "../types.js";

/** Words near a key that say it belongs to a Redis cache. */
const REDIS_CONTEXT = /redis/i;
const CONTEXT = 200;

export const redisIdentifiableKey: Detector = {
  id: "redis-identifiable-key",
  service: "redis",
  title: "Azure Cache for Redis identifiable access key",
  description:
    "A 44-character Azure Cache for Redis access key with the `AzCa` signature. Keys whose Marvin32 checksum (seed `Access00`) holds are reported anywhere. Redis also issues a variant in which `+` and `/` were replaced by `P` and `F` after the checksum was computed, so the checksum of such keys cannot be checked: a key of the exact `AzCa` shape without `+` or `/` is reported when the word Redis occurs nearby.",
  keywords: ["azca"],
  window: { before: 33 + CONTEXT, after: 11 + CONTEXT },
  severity: "error",
  priority: 75,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const hit of findIdentifiable(text, from, to, "AzCa", 32, ["Access00"], true)) {
      // The signature is followed by a character from [A-P] (two zero spill-over bits).
      const after = text.charCodeAt(hit.start + 37);
      if (!(after >= 65 && after <= 80)) continue;
      if (hit.seed) {
        out.push({ start: hit.start, end: hit.end, fields: { checksum: "valid" } });
        continue;
      }
      if (/[+/]/.test(hit.key)) continue;
      const near = text.slice(Math.max(0, hit.start - CONTEXT), Math.min(text.length, hit.end + CONTEXT));
      if (REDIS_CONTEXT.test(near)) {
        out.push({
          start: hit.start,
          end: hit.end,
          fields: { checksum: "unverified" },
          note: "The AzCa signature and shape match, and Redis is named nearby; the checksum of this key variant cannot be verified.",
        });
      }
    }
    return out;
  },
  samples() {
    const k = (n: string) => fakeIdentifiable(32, "AzCa", "Access00", `redis-id-${n}`);
    // A key of the AzCa shape whose checksum does not hold, with no `+` or `/`.
    let variant = k("v");
    for (let i = 1; /[+/]/.test(variant); i++) variant = k(`v${i}`);
    const broken = `${variant.slice(0, 5)}${variant[5] === "Q" ? "R" : "Q"}${variant.slice(6)}`;
    return {
      positive: [
        `const cacheKey = "${k("1")}";`,
        `CACHE_PRIMARY_KEY=${k("2")}\n`,
        `# redis cache access key\nprimaryKey: ${broken}\n`,
      ],
      negative: [
        `const key = "${broken}"; // no cache context`,
        `REDIS_KEY=${fakeIdentifiable(32, "AzCa", "Default0", "redis-id-3").replace(/[+/]/g, "x")}x`,
        `REDIS_KEY=${fakeBase64(32, "redis-id-4")}`,
        `# AzCa is the Redis key signature`,
      ],
    };
  },
};
