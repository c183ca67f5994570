/**
 * Adversarial inputs for the context-driven Azure detectors (Entra, databases, Redis, IoT, Event
 * Grid, connection-string services): dense repetitions of their keywords and of the syntax around
 * them must be scanned in time roughly linear in the input. Each detector runs alone through the
 * real engine on 16 KB and 128 KB versions of each input (test/linear.ts: a time ratio, no limit).
 */
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/core/index.js";
import { compileDetectors, scanWith } from "../../src/core/detect/scan-text.js";
import { repeat, superlinear } from "../linear.js";

const SIZE = 16 * 1024;

const IDS = [
  "entra-client-secret",
  "entra-client-secret-assignment",
  "entra-username-password",
  "sql-password",
  "postgresql-password",
  "mysql-password",
  "database-admin-password",
  "redis-password",
  "redis-identifiable-key",
  "app-configuration-connection-string",
  "signalr-connection-string",
  "web-pubsub-connection-string",
  "communication-services-connection-string",
  "iot-hub-connection-string",
  "iot-hub-identifiable-key",
  "event-grid-identifiable-key",
  "event-grid-access-key",
  "application-insights-connection-string",
  "application-insights-api-key",
  "iac-parameter-secret",
  "cosmos-db-mongodb-password",
];

/** Keywords to stress besides each detector's first two (forms the first two do not reach). */
const MORE_KEYWORDS: Record<string, readonly string[]> = {
  "iac-parameter-secret": ["password", "variable \"", "secureobject"],
  "application-insights-api-key": ["api.applicationinsights.io"],
  "postgresql-password": [".postgres.database.azure.com"],
};

function inputs(keyword: string, size: number): Record<string, string> {
  const k = keyword.startsWith(".") ? `x${keyword}` : keyword;
  return {
    keyword: repeat(k, size),
    "keyword=": repeat(`${k}=`, size),
    "quoted member": repeat(`"${k}": "`, size),
    "url user-info": repeat(`rediss://:${k}@${k}`, size),
    "password fields": repeat(`${k};password=a,pwd=b&`, size),
    "open braces": `${repeat("{", size / 2)}${repeat(`password: "${k}", `, size / 2)}`,
    "open parens": `${repeat(`${k}(`, size)}`,
    "long value": repeat(`${k}=${"a".repeat(900)};`, size),
    "no newline quotes": repeat(`'${k}'"`, size),
    "env lines": repeat(`\nDB_PASSWORD=${k}`, size),
    "letter runs": repeat(`${k} ${"a".repeat(20_000)}key `, size),
    "continued command": repeat(`${k} \\\n -p x --password=y `, size),
    "yaml siblings": repeat(`\n  server: ${k}\n  password: p4ssw0rd!x`, size),
    "yaml list items": repeat(`\n- host: x${k}\n  - password: "p4ss`, size),
    "bicep decorators": repeat(`@secure()\n@description('${k}')\n`, size),
    "arm objects": repeat(`{"${k}": {"type": "securestring", "defaultValue": {`, size),
    "terraform variables": repeat(`variable "${k}" {\n  sensitive = true\n  default = "`, size),
    "parameter values": repeat(`"${k}Password": { "value": "`, size),
  };
}

describe.each(IDS)("%s on adversarial input", (id) => {
  const detector = DETECTORS.find((d) => d.id === id);
  it("is registered", () => expect(detector).toBeDefined());
  if (!detector) return;
  const keywords = new Set([
    ...detector.keywords.slice(0, 2),
    ...detector.keywords.filter((k) => k.startsWith("--")),
    ...(MORE_KEYWORDS[id] ?? []),
  ]);
  for (const keyword of keywords) {
    it(`stays linear around "${keyword}"`, () => {
      const compiled = compileDetectors(DETECTORS.filter((d) => d.id === id));
      const small = inputs(keyword, SIZE);
      const large = inputs(keyword, 8 * SIZE);
      for (const name of Object.keys(small)) {
        // 8x the input must cost far less than 64x (quadratic): a ratio, never a wall-clock limit.
        const slow = superlinear(() => scanWith(compiled, small[name]!), () => scanWith(compiled, large[name]!));
        expect(slow, `${name}: ${slow}`).toBeUndefined();
      }
    });
  }
});
