/** "What to do in Azure": role names come from the catalog, commands are complete for every service. */
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/core/catalog/index.js";
import { SERVICE_IDS } from "../../src/core/types.js";
import { azureSteps } from "../../src/scanner/fix/azure/assignments.js";
import { resourceNameNear } from "../../src/scanner/fix/azure/resources.js";
import { traceOffset } from "../../src/scanner/fix/plan/js.js";

describe("azureSteps", () => {
  const steps = azureSteps(SERVICE_IDS.filter((id) => CATALOG[id].msi !== "no").map((service) => ({ service, resources: new Set<string>() })));

  it("names only catalog roles, and every service that accepts Managed Identity gets a step", () => {
    expect(steps.map((s) => s.service).sort()).toEqual(SERVICE_IDS.filter((id) => CATALOG[id].msi !== "no").sort());
    for (const s of steps) {
      const names = CATALOG[s.service].roles.map((r) => r.name);
      expect(s.roles.length, s.service).toBeGreaterThan(0);
      for (const r of s.roles) expect(names, `${s.service}: ${r}`).toContain(r);
      if (s.kind !== "manual") expect(s.commands.length, s.service).toBeGreaterThan(0);
    }
  });

  it("writes ready-to-run commands with placeholders where the resource is unknown", () => {
    const by = Object.fromEntries(steps.map((s) => [s.service, s]));
    expect(by["key-vault"]!.commands).toEqual([
      'az role assignment create --assignee <principal-id> --role "Key Vault Secrets User" --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.KeyVault/vaults/<key-vault-name>',
    ]);
    expect(by["postgresql"]!.commands[0]).toBe("select * from pgaadauth_create_principal('<identity-name>', false, false);");
    expect(by["sql"]!.commands[0]).toBe("CREATE USER [<identity-name>] FROM EXTERNAL PROVIDER;");
    expect(by["mysql"]!.commands).toContain("CREATE AADUSER '<identity-name>' IDENTIFIED BY '<client-id>';");
    expect(by["redis"]!.commands[0]).toMatch(/^az redis access-policy-assignment create .*--access-policy-name "Data Contributor" --object-id <principal-id>/);
    expect(by["cosmos-db"]!.commands[0]).toContain("--role-definition-id 00000000-0000-0000-0000-000000000002");
    for (const s of steps) for (const c of s.commands) expect(c).not.toMatch(/undefined|\[object/);
  });

  it("never puts an unsafe resource name into a command", () => {
    const [s] = azureSteps([{ service: "storage", resources: new Set(["acct; rm -rf /"]) }]);
    expect(s!.commands[0]).toMatch(/storageAccounts\/<storage-name>$/);
  });
});

describe("helpers", () => {
  it("resourceNameNear takes the nearest host of the service", () => {
    const text = 'new SearchClient("https://contoso-search.search.windows.net", "i", new AzureKeyCredential("KEY"))';
    expect(resourceNameNear(text, "search", text.indexOf("KEY"), text.indexOf("KEY") + 3)).toBe("contoso-search");
    expect(resourceNameNear(text, "cosmos-db", 0, 1)).toBeUndefined();
  });
  it("traceOffset follows an offset through edits, or names the edit that replaced it", () => {
    const steps = [
      { edits: [{ range: [0, 0] as const, text: "abc\n" }, { range: [10, 20] as const, text: "X" }], description: "one" },
      { edits: [{ range: [2, 3] as const, text: "" }], description: "two" },
    ];
    expect(traceOffset(5, steps)).toEqual({ offset: 9 - 1 + 0 });
    expect(traceOffset(12, steps)).toEqual({ removedBy: "one" });
    expect(traceOffset(25, steps)).toEqual({ offset: 25 + 4 - 9 - 1 });
    expect(traceOffset(0, [{ edits: [{ range: [0, 0] as const, text: "x" }], description: "i" }])).toEqual({ offset: 1 });
  });
});
