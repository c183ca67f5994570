/**
 * `azure-msi fix` across files (the xfile-* fixture cases, whose trees fixtures.test.ts checks byte
 * for byte): what the report says for each, where the secret stays and why, the type-check refusal,
 * and the diff masks every secret.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/scanner/cli.js";
import { fakeValues, listFixCases, materializeTree } from "./helpers.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

interface Report {
  findings: Array<{ file: string; ruleId: string; status: string; description?: string; reason?: string }>;
  diff: string;
}

async function report(name: string): Promise<Report> {
  const c = listFixCases().find((x) => x.name === name)!;
  const dir = materializeTree(c, "input");
  temps.push(dir);
  let stdout = "";
  await main({ argv: ["fix", ".", "--dry-run", "--format", "json"], cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, env: {} });
  const r = JSON.parse(stdout) as Report;
  for (const [n, v] of fakeValues()) if (v.length >= 12 && n !== "TENANT_ID" && n !== "CLIENT_ID" && n !== "APP_CONFIG_ID") expect(stdout.includes(v), `full ${n} in the output`).toBe(false);
  return r;
}

const text = (r: Report, ruleId: string): string => {
  const f = r.findings.find((x) => x.ruleId === ruleId)!;
  return f.description ?? f.reason ?? "";
};

describe("azure-msi fix across files", () => {
  it("config module: rewrites the client and removes the emptied entry", async () => {
    const r = await report("xfile-config-module");
    expect(text(r, "storage-connection-string")).toBe("Removes config.storage from src/config.ts. In src/blobs.ts: Use DefaultAzureCredential: BlobServiceClient with https://contosoorders.blob.core.windows.net.");
    expect(r.diff).toMatch(/^-import \{ config \} from "\.\/config\.js";$/m);
  });

  it("re-exports: a secret still read elsewhere stays, and the report says where", async () => {
    const r = await report("xfile-reexport");
    expect(text(r, "search-api-key")).toMatch(/^Removes SEARCH_ADMIN_KEY from src\/settings\/values\.ts\. In src\/search\.ts: /);
    const bus = r.findings.find((f) => f.ruleId === "service-bus-key")!;
    expect(bus.status).toBe("not-fixed");
    expect(bus.reason).toMatch(/^Keeps SERVICE_BUS in src\/settings\/values\.ts \(still read at src\/health\.ts:4\): remove it by hand once nothing reads it\. In src\/bus\.ts: .*ServiceBusClient with contoso-orders\.servicebus\.windows\.net\.$/);
  });

  it("class field, CommonJS module.exports and env fallbacks", async () => {
    expect(text(await report("xfile-class"), "event-hubs-key")).toMatch(/^Removes Settings\.eventHubs from src\/settings\.ts\. .*EventHubProducerClient with contoso-telemetry\.servicebus\.windows\.net/);
    expect(text(await report("xfile-commonjs"), "storage-connection-string")).toMatch(/^Removes module\.exports\.queues\.connectionString from lib\/config\.js\. .*QueueServiceClient with https:\/\/contosojobs\.queue\.core\.windows\.net/);
    const env = await report("xfile-env-fallback");
    expect(text(env, "search-api-key")).toMatch(/^Removes env\.searchKey from src\/env\.ts\. .*AzureKeyCredential replaced in SearchClient/);
    expect(text(env, "storage-connection-string")).toMatch(/^Removes env\.storage from src\/env\.ts\. .*BlobServiceClient with https:\/\/contosodocs\.blob\.core\.windows\.net/);
    // The endpoint's environment read stays: the SDK still needs an endpoint.
    expect(env.diff).not.toMatch(/^-.*SEARCH_ENDPOINT/m);
  });

  it("SAS URL: the client gets the URL without its query and a TokenCredential; a SAS signed here stays manual", async () => {
    const r = await report("xfile-sas");
    expect(text(r, "storage-sas-token")).toMatch(/^Removes links\.reports from src\/links\.ts\. In src\/reports\.ts: .*ContainerClient with https:\/\/contosoorders\.blob\.core\.windows\.net\/reports\. The SAS is no longer used: revoke it/);
    expect(r.diff).toMatch(/^\+export const reports = new ContainerClient\("https:\/\/contosoorders\.blob\.core\.windows\.net\/reports", new DefaultAzureCredential\(\)\);$/m);
    const signed = r.findings.find((f) => f.ruleId === "storage-connection-string")!;
    expect(signed.status).toBe("not-fixed");
    expect(signed.reason).toMatch(/src\/archive\.ts: This module signs SAS tokens with the account key \(`generateSasUrl` on line 8\).*user delegation key/);
  });

  it("a change that would not type-check is not written, and the report says why", async () => {
    const r = await report("xfile-typed-config");
    const f = r.findings[0]!;
    expect(f.status).toBe("not-fixed");
    expect(f.reason).toMatch(/^Not written: the change would not type-check \(src\/config\.ts:6: TS2741 Property 'appConfiguration' is missing in type '\{\}' but required in type 'AppConfig'\.\)\. Make the types allow it and apply it by hand: remove config\.appConfiguration from src\/config\.ts\. In src\/settings\.ts: .*AppConfigurationClient with https:\/\/contoso-settings\.azconfig\.io\.$/);
    expect(r.diff).toBe("");
  });
});
