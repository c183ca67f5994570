/**
 * The service catalog and the shared advice: completeness, facts that types cannot check, and the
 * messages both front-ends print (never the secret).
 */
import { describe, expect, it } from "vitest";
import { describeFinding, ROTATE_SENTENCE } from "../../src/core/report/advice.js";
import { CATALOG, getService } from "../../src/core/catalog/index.js";
import { getDetector } from "../../src/core/detectors/lookup.js";
import { DETECTORS, scanText } from "../../src/core/index.js";
import { SERVICE_IDS, type Finding, type ServiceId } from "../../src/core/types.js";
import { fakeBase64 } from "../../src/core/keys/fake.js";
import { STORAGE_EMULATOR_KEY, STORAGE_EMULATOR_NOTE } from "../../src/core/keys/well-known.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function finding(service: ServiceId, extra: Partial<Finding> = {}): Finding {
  return { ruleId: "test-rule", service, severity: "error", start: 0, end: 1, secret: "x", fields: {}, ...extra };
}

describe("catalog", () => {
  it("has exactly one entry per ServiceId, keyed by its id", () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...SERVICE_IDS].sort());
    for (const id of SERVICE_IDS) expect(getService(id).id).toBe(id);
  });

  it("rejects an unknown id with a clear error", () => {
    expect(() => getService("nope" as ServiceId)).toThrow(/Unknown Azure service id: nope/);
  });

  describe.each(SERVICE_IDS.map((id) => [id, CATALOG[id]] as const))("%s", (_id, entry) => {
    it("links to Microsoft Learn", () => {
      expect(entry.docs).toMatch(/^https:\/\/learn\.microsoft\.com\/[a-z0-9/_.#-]+$/);
      expect(entry.docs).not.toMatch(/\/en-us\//);
    });

    it("has a name, a one-sentence summary and a replacement", () => {
      expect(entry.displayName).toMatch(/^(Azure|Microsoft) /);
      expect(entry.summary).toMatch(/[.]$/);
      expect(entry.summary.length).toBeGreaterThan(30);
      expect(entry.replacement.length).toBeGreaterThan(10);
    });

    it("names roles where Managed Identity applies, an alternative where it does not", () => {
      if (entry.msi === "no") {
        expect(entry.roles).toEqual([]);
        expect(entry.alternative).toBeTruthy();
      } else {
        expect(entry.roles.length).toBeGreaterThan(0);
      }
      if (entry.msi === "partial") {
        expect(entry.caveat).toBeTruthy();
        expect(entry.alternative).toBeTruthy();
      }
      for (const r of entry.roles) {
        expect(r.name.length).toBeGreaterThan(2);
        if (r.id !== undefined) expect(r.id).toMatch(GUID);
      }
    });

    it("lists TokenCredential packages only where Managed Identity applies", () => {
      if (entry.msi === "no") expect(entry.packages).toEqual([]);
      for (const p of entry.packages) expect(p).toMatch(/^(@[a-z0-9-]+\/)?[a-z0-9-]+$/);
    });
  });

  it("never claims Managed Identity where the reference says it does not apply", () => {
    expect(CATALOG["notification-hubs"].msi).toBe("no");
    expect(CATALOG.functions.msi).toBe("no");
    expect(CATALOG["api-management"].msi).toBe("no");
    expect(CATALOG["iot-hub"].msi).toBe("partial");
    expect(CATALOG["application-insights"].notASecret).toBeTruthy();
  });

  it("marks exactly the services the fix recipes cover", () => {
    const withFix = SERVICE_IDS.filter((id) => CATALOG[id].hasCodeFix).sort();
    expect(withFix).toEqual(
      [
        "storage", "service-bus", "event-hubs", "event-grid", "cosmos-db", "app-configuration", "key-vault",
        "search", "ai-services", "web-pubsub", "sql", "iot-hub", "communication-services", "container-registry",
        "maps", "entra-id",
      ].sort(),
    );
  });

  it("keeps role GUIDs consistent when a role appears in several entries", () => {
    const byName = new Map<string, string>();
    for (const id of SERVICE_IDS) {
      for (const r of CATALOG[id].roles) {
        if (!r.id) continue;
        const seen = byName.get(r.name);
        if (seen) expect(r.id, r.name).toBe(seen);
        byName.set(r.name, r.id);
      }
    }
  });

  it("has an entry for every detector's service, and getDetector finds every detector", () => {
    expect(DETECTORS.length).toBeGreaterThan(0);
    for (const d of DETECTORS) {
      expect(CATALOG[d.service], d.id).toBeDefined();
      expect(getDetector(d.id)).toBe(d);
    }
    expect(getDetector("no-such-detector")).toBeUndefined();
  });
});

describe("describeFinding", () => {
  it("never contains the secret, for every finding of every detector's samples", () => {
    let checked = 0;
    for (const d of DETECTORS) {
      for (const text of d.samples().positive) {
        for (const f of scanText(text)) {
          const advice = describeFinding(f);
          const out = JSON.stringify(advice);
          expect(out.includes(f.secret), `${f.ruleId} advice contains its secret`).toBe(false);
          if (f.secret.length >= 20) {
            expect(out.includes(f.secret.slice(0, 12)), `${f.ruleId} advice contains a secret prefix`).toBe(false);
            expect(out.includes(f.secret.slice(-12)), `${f.ruleId} advice contains a secret suffix`).toBe(false);
          }
          expect(advice.message.length).toBeGreaterThan(40);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("uses the detector title and the documented message shape for a supported service", () => {
    const d = DETECTORS[0]!;
    const advice = describeFinding(finding("storage", { ruleId: d.id }));
    expect(advice.message.startsWith(d.title)).toBe(true);
    expect(advice.message).toContain(
      "Azure Storage accepts Managed Identity: grant the app's identity Storage Blob Data Contributor",
    );
    expect(advice.message).toContain("construct the client with a TokenCredential (new BlobServiceClient(blobUrl, new DefaultAzureCredential()))");
    expect(advice.message.endsWith(ROTATE_SENTENCE)).toBe(true);
    expect(advice.msi).toEqual({
      supported: true,
      replacement: CATALOG.storage.replacement,
      roles: CATALOG.storage.roles.map((r) => r.name),
      docs: CATALOG.storage.docs,
    });
  });

  it("falls back to a generic title for an unknown rule and does not repeat the service name", () => {
    const advice = describeFinding(finding("cosmos-db", { ruleId: "prefer-managed-identity" }));
    expect(advice.message.startsWith("Hard-coded Azure Cosmos DB credential. Azure Cosmos DB accepts")).toBe(true);
    expect(describeFinding(finding("cosmos-db"), { title: "Cosmos key" }).message.startsWith("Cosmos key (Azure Cosmos DB). ")).toBe(true);
  });

  it("says Managed Identity does not apply to an IoT Hub device key, and applies to a service key", () => {
    const deviceFields: Array<Record<string, string>> = [
      { kind: "device" },
      { kind: "module" },
      { HostName: "h.azure-devices.net", DeviceId: "dev1" },
      { sr: "h.azure-devices.net/devices/dev1" },
      { sr: "h.azure-devices.net%2Fdevices%2Fdev1" },
    ];
    for (const fields of deviceFields) {
      const device = describeFinding(finding("iot-hub", { fields }));
      expect(device.message).toContain("Azure IoT Hub does not accept Managed Identity for this credential");
      expect(device.message).toMatch(/X\.509/);
      expect(device.message).toContain("Device Provisioning Service");
      expect(device.message).not.toContain("accepts Managed Identity:");
      expect(device.message.endsWith(ROTATE_SENTENCE)).toBe(true);
      expect(device.msi.supported).toBe(false);
      expect(device.msi.roles).toEqual([]);
    }
    expect(describeFinding(finding("iot-hub", { fields: { sr: "h.azure-devices.net" } })).msi.supported).toBe("partial");
    const service = describeFinding(finding("iot-hub", { fields: { kind: "service" } }));
    expect(service.message).toContain("Azure IoT Hub accepts Managed Identity: grant the app's identity IoT Hub Data Contributor");
    expect(service.msi.supported).toBe(true);
    const unknown = describeFinding(finding("iot-hub"));
    expect(unknown.message).toContain("accepts Managed Identity only in part");
    expect(unknown.msi.supported).toBe("partial");
  });

  it("gives the alternative, not Managed Identity, where the service does not support it", () => {
    for (const id of ["notification-hubs", "functions", "api-management"] as const) {
      const advice = describeFinding(finding(id));
      expect(advice.message).toContain(`${CATALOG[id].displayName} does not accept Managed Identity for this credential`);
      expect(advice.message).toContain("Key Vault");
      expect(advice.message.endsWith(ROTATE_SENTENCE)).toBe(true);
      expect(advice.msi.supported).toBe(false);
      expect(advice.msi.roles).toEqual([]);
    }
  });

  it("points a key-signed storage SAS at user-delegation SAS", () => {
    const advice = describeFinding(finding("storage", { ruleId: "storage-sas-token", fields: { sasKind: "storage-service" } }));
    expect(advice.message).toContain("user-delegation SAS");
    expect(advice.msi.supported).toBe(true);
    const delegated = describeFinding(finding("storage", { ruleId: "storage-sas-token", fields: { sasKind: "storage-user-delegation" } }));
    expect(delegated.message).not.toContain("user-delegation SAS");
  });

  it("says Managed Identity does not apply to a device key found by the engine", () => {
    const key = fakeBase64(32, "catalog-iot-device");
    const text = `const cs = "HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-01;SharedAccessKey=${key}";`;
    const found = scanText(text).filter((f) => f.service === "iot-hub");
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      const advice = describeFinding(f);
      expect(advice.message).toContain("Azure IoT Hub does not accept Managed Identity for this credential");
      expect(advice.message).not.toContain(key);
      expect(advice.msi.supported).toBe(false);
    }
  });

  it("has no rotate line for an emulator key (info) and keeps the finding's note", () => {
    const advice = describeFinding(finding("storage", { severity: "info", note: STORAGE_EMULATOR_NOTE }));
    expect(advice.message).not.toContain("Rotate");
    expect(advice.message).toContain(STORAGE_EMULATOR_NOTE);
    expect(advice.message).toContain("nothing to rotate");
  });

  it("reports the published emulator key at info with no rotate line", () => {
    const text = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${STORAGE_EMULATOR_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`;
    const found = scanText(text);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f.severity).toBe("info");
      expect(describeFinding(f).message).not.toContain("Rotate");
    }
  });

  it("says an Application Insights connection string is not a secret", () => {
    const advice = describeFinding(finding("application-insights", { severity: "info" }));
    expect(advice.message).toContain("not a credential");
    expect(advice.message).toContain("Monitoring Metrics Publisher");
    expect(advice.message).not.toContain("Rotate");
  });

  it("says password instead of key when the detector finds a password", () => {
    const advice = describeFinding(finding("sql"), { title: "Azure SQL Database password" });
    expect(advice.message.endsWith("Rotate this password: it remains in git history.")).toBe(true);
  });

  it("can leave out the rotate sentence and take a caller's title", () => {
    const advice = describeFinding(finding("service-bus"), { title: "Service Bus client built from a connection string", rotate: false });
    expect(advice.message.startsWith("Service Bus client built from a connection string (Azure Service Bus). ")).toBe(true);
    expect(advice.message).not.toContain("Rotate");
  });

  it("adds the outside-Azure path for Entra client secrets", () => {
    const advice = describeFinding(finding("entra-id"));
    expect(advice.message).toContain("use ManagedIdentityCredential (or DefaultAzureCredential) in place of the secret-based credential");
    expect(advice.message).toContain("Outside Azure, use workload identity federation");
  });

  it("produces a message for every service at every severity", () => {
    for (const id of SERVICE_IDS) {
      for (const severity of ["error", "warning", "info"] as const) {
        const advice = describeFinding(finding(id, { severity }));
        expect(advice.message).toMatch(/^[^\n]+$/);
        expect(advice.message).not.toMatch(/undefined|\.\./);
        expect(advice.message.includes("Rotate")).toBe(severity !== "info");
      }
    }
  });
});
