/**
 * End-to-end: the built CLI (`node bin/azure-msi.js fix`, built by `npm run build` / pretest) as a
 * process on temporary copies: the dirty-tree refusal, --dry-run, and the demo app
 * (examples/leaky-app.template filled with fakes): its fixed sources type-check, `azure-msi scan`
 * afterwards reports exactly what the fix could not rewrite, and the printed role assignments name
 * the right roles for every service the fix touched.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { renderTemplateDir } from "../../scripts/make-example.js";
import { fakeValues, typeCheck, virtualDir } from "./helpers.js";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/azure-msi.js");
const TEMPLATE = path.resolve(import.meta.dirname, "../../examples/leaky-app.template");
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

async function cli(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };

/** A fresh copy of the demo app, committed to a new git repository. */
function demoApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "azure-msi-fix-e2e-"));
  temps.push(dir);
  renderTemplateDir(TEMPLATE, dir);
  execFileSync("git", ["init", "-q"], { cwd: dir, env: gitEnv });
  execFileSync("git", ["add", "-A"], { cwd: dir, env: gitEnv });
  execFileSync("git", ["commit", "-q", "-m", "leaky"], { cwd: dir, env: gitEnv });
  return dir;
}

const NOT_SECRETS = new Set(["TENANT_ID", "CLIENT_ID", "APPINSIGHTS_KEY", "APP_CONFIG_ID"]);
function expectNoSecret(text: string): void {
  for (const [name, value] of fakeValues()) if (value.length >= 12 && !NOT_SECRETS.has(name)) expect(text.includes(value), `output shows ${name}`).toBe(false);
}

const status = (dir: string): string => execFileSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" });

interface FixJson {
  findings: Array<{ file: string; line: number; ruleId: string; service: string; status: string; fingerprint: string; reason?: string }>;
  azure: Array<{ service: string; roles: string[]; commands: string[]; hostStorage?: boolean }>;
  summary: { findings: number; fixed: number; notFixed: number; filesChanged: number; filesWritten: number };
}

describe("azure-msi fix (built CLI)", () => {
  it("refuses a dirty working tree with one line and exit 2; --allow-dirty runs", async () => {
    const dir = demoApp();
    writeFileSync(path.join(dir, "src", "storage.ts"), `${readFileSync(path.join(dir, "src", "storage.ts"), "utf8")}// wip\n`);
    const r = await cli(dir, ["fix", "src"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^azure-msi: the git working tree has 1 uncommitted change under the given paths: commit or stash them first, or pass --allow-dirty\n$/);
    const ok = await cli(dir, ["fix", "src", "--allow-dirty", "--format", "json"]);
    expect(ok.code).toBe(1); // some findings cannot be fixed automatically
    expect((JSON.parse(ok.stdout) as FixJson).summary.fixed).toBeGreaterThan(5);
  }, 120_000);

  it("--dry-run prints a masked unified diff and writes nothing", async () => {
    const dir = demoApp();
    const r = await cli(dir, ["fix", ".", "--dry-run"]);
    expect(r.code).toBe(1);
    expect(status(dir)).toBe("");
    expect(r.stdout).toMatch(/^--- a\/functions\/local\.settings\.json\n\+\+\+ b\/functions\/local\.settings\.json\n@@ /);
    expect(r.stdout).toContain('+import { DefaultAzureCredential } from "@azure/identity";');
    expect(r.stdout).toMatch(/^-.*AccountKey=[A-Za-z0-9+/]{4}\.\.\.[A-Za-z0-9+/=]{4};/m);
    expect(r.stdout).toContain("What to do in Azure");
    expect(r.stdout).toMatch(/Rotate every key that was in these files \(\d+\): they remain in git history\./);
    expectNoSecret(r.stdout + r.stderr);
    const bad = await cli(dir, ["fix", ".", "--credential", "secret"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('azure-msi: --credential must be default or managed-identity (got "secret")\n');
  }, 120_000);

  it("fixes the demo app: the dry-run diff matches the change, the app type-checks, scan reports only what was left, the roles are right", async () => {
    const dir = demoApp();
    const before = await cli(dir, ["scan", ".", "--format", "json"]);
    const scanBefore = JSON.parse(before.stdout) as { findings: Array<{ severity: string; fingerprint: string; file: string }> };
    const dry = await cli(dir, ["fix", ".", "--dry-run"]);
    const diff = dry.stdout.slice(0, dry.stdout.indexOf("\nWould fix ("));

    const r = await cli(dir, ["fix", ".", "--format", "json"]);
    expect(r.code).toBe(1);
    expectNoSecret(r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as FixJson;
    const errorsBefore = scanBefore.findings.filter((f) => f.severity !== "info");
    expect(report.summary.findings).toBe(errorsBefore.length);

    // The dry-run diff describes the same change (secrets masked, so compare the changed files' list and line counts).
    const changedFiles = status(dir).split("\n").filter(Boolean).map((l) => l.slice(3)).sort();
    expect([...diff.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]).sort()).toEqual(changedFiles);
    const numstat = execFileSync("git", ["diff", "--numstat"], { cwd: dir, encoding: "utf8" });
    const added = numstat.split("\n").filter(Boolean).reduce((n, l) => n + Number(l.split("\t")[0]), 0);
    expect(diff.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++")).length).toBe(added);
    // Only JS/TS sources, the Functions settings and the Functions app in Terraform change.
    for (const f of changedFiles) expect(f).toMatch(/^(?:src\/.*\.ts|functions\/local\.settings\.json|infra\/main\.tf)$/);
    expect(changedFiles).toContain("infra/main.tf");

    // The fixed app type-checks against the real SDKs.
    const files = new Map<string, string>();
    for (const f of readdirSync(path.join(dir, "src"))) files.set(path.join(virtualDir, "leaky-app", f), readFileSync(path.join(dir, "src", f), "utf8"));
    expect(typeCheck(files).messages).toEqual([]);

    // scan afterwards: exactly the findings the fix reported as not fixed (errors and warnings).
    const after = await cli(dir, ["scan", ".", "--format", "json"]);
    const left = (JSON.parse(after.stdout) as { findings: Array<{ severity: string; fingerprint: string; file: string; line: number }> }).findings.filter((f) => f.severity !== "info");
    const notFixed = report.findings.filter((f) => f.status === "not-fixed");
    expect(left.map((f) => `${f.file}:${f.fingerprint}`).sort()).toEqual(notFixed.map((f) => `${f.file}:${f.fingerprint}`).sort());
    for (const f of notFixed) expect(f.reason, `${f.file}:${f.line} ${f.ruleId}`).toBeTruthy();

    // Every service the fix touched gets its catalog roles.
    const roles = Object.fromEntries(report.azure.map((s) => [`${s.service}${s.hostStorage ? " (Functions host)" : ""}`, s.roles]));
    expect(roles).toEqual({
      "ai-services": ["Cognitive Services OpenAI User"],
      "app-configuration": ["App Configuration Data Reader"],
      "communication-services": ["Communication and Email Service Owner"],
      "cosmos-db": ["Cosmos DB Built-in Data Contributor"],
      "entra-id": ["The roles and API permissions the app registration holds today"],
      "event-grid": ["EventGrid Data Sender"],
      "event-hubs": ["Azure Event Hubs Data Sender", "Azure Event Hubs Data Receiver"],
      search: ["Search Index Data Reader"],
      "service-bus": ["Azure Service Bus Data Sender", "Azure Service Bus Data Receiver"],
      sql: ["Contained database user: CREATE USER [<identity>] FROM EXTERNAL PROVIDER", "db_datareader", "db_datawriter"],
      storage: ["Storage Blob Data Contributor"],
      "storage (Functions host)": ["Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor"],
      "web-pubsub": ["Web PubSub Service Owner"],
    });
    const commands = report.azure.flatMap((s) => s.commands).join("\n");
    expect(commands).toContain('az role assignment create --assignee <principal-id> --role "Storage Blob Data Contributor" --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Storage/storageAccounts/contosoorders');
    expect(commands).toContain('--role "Storage Blob Data Owner" --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Storage/storageAccounts/contosofunc');
    expect(commands).toContain("az cosmosdb sql role assignment create --account-name contoso-orders --resource-group <resource-group> --role-definition-id 00000000-0000-0000-0000-000000000002 --principal-id <principal-id> --scope \"/\"");
    expect(commands).toContain("CREATE USER [<identity-name>] FROM EXTERNAL PROVIDER;");

    // Idempotent: a second run (the tree is now dirty: --allow-dirty) changes nothing.
    execFileSync("git", ["commit", "-qam", "fixed"], { cwd: dir, env: gitEnv });
    const again = await cli(dir, ["fix", ".", "--format", "json"]);
    expect((JSON.parse(again.stdout) as FixJson).summary.fixed).toBe(0);
    expect(status(dir)).toBe("");
  }, 240_000);
});
