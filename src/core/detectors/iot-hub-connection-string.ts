import { findConnectionString, hostOf } from "../keys/connection-string.js";
import { connectionStringDetector, MIN_HIT_GAP } from "../detect/connection-string-detector.js";
import { decodeBase64 } from "../text/base64.js";
import { isReference } from "../text/literal-context.js";
import { isPlaceholder, looksRandom } from "../keys/validators.js";
import type { Candidate, Detector } from "../types.js";
import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { identifiableSeed } from "../keys/identifiable.js";

export const IOT_SEEDS = ["IoTHub00", "DpsKey00", "Device00"] as const;

const HOSTS = [".azure-devices.net", ".azure-devices.us", ".azure-devices.cn", ".azure-devices-provisioning.net"];

const byHost = connectionStringDetector({
  id: "iot-hub-connection-string",
  service: "iot-hub",
  title: "Azure IoT Hub connection string with a shared access key",
  description:
    "An IoT Hub or Device Provisioning Service shared access key in a connection string. Service side (`HostName=<hub>.azure-devices.net;SharedAccessKeyName=<policy>;SharedAccessKey=<key>`) the key acts with the policy's rights on the whole hub; device side (`HostName=...;DeviceId=<id>;SharedAccessKey=<key>`) it impersonates the device. `fields.kind` says which: Managed Identity replaces service-side keys only; devices need X.509 certificates or DPS.",
  hosts: HOSTS,
  endpointKeys: ["HostName"],
  secretKeys: ["SharedAccessKey"],
  priority: 80,
  judge(cs, field) {
    const device = cs.has("DeviceId") || cs.has("ModuleId");
    const seed = identifiableSeed(field.value, IOT_SEEDS);
    const fields: Record<string, string> = { kind: device ? "device" : "service" };
    const policy = cs.value("SharedAccessKeyName");
    if (policy) fields.policy = policy;
    if (cs.value("HostName")?.toLowerCase().includes("provisioning")) fields.provisioning = "true";
    if (seed) fields.identifiable = seed;
    return device
      ? {
          fields,
          note: "A device key: Managed Identity does not apply to IoT device connections. Use X.509 certificates (or DPS with attestation) and keep device keys out of code.",
        }
      : { fields };
  },
  samples() {
    const serviceKey = fakeIdentifiable(32, "AIoT", "IoTHub00", "iot-cs-service");
    const deviceKey = fakeBase64(32, "iot-cs-device");
    const dpsKey = fakeIdentifiable(32, "AIoT", "DpsKey00", "iot-cs-dps");
    return {
      positive: [
        `const registry = Registry.fromConnectionString("HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${serviceKey}");`,
        `IOTHUB_DEVICE_CONNECTION_STRING="HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-01;SharedAccessKey=${deviceKey}"`,
        `{ "ProvisioningConnectionString": "HostName=contoso-dps.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=${dpsKey}" }`,
        `<add key="IoTHub" value="HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=service;SharedAccessKey=${fakeBase64(32, "iot-cs-xml")}" />`,
        `const cs = "HostName=iot.contoso.com;SharedAccessKeyName=iothubowner;SharedAccessKey=${fakeBase64(32, "iot-cs-custom")}";`,
      ],
      negative: [
        `const registry = Registry.fromTokenCredential("contoso-hub.azure-devices.net", new DefaultAzureCredential());`,
        `IOTHUB_CONNECTION_STRING="HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=<key>"`,
        `const cs = "HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-01;x509=true";`,
        `IOTHUB_DEVICE_CONNECTION_STRING=HostName=contoso-hub.azure-devices.net;DeviceId=dev1;SharedAccessKey=$(DeviceKey)`,
        `const cs = "HostName=localhost;DeviceId=alpha;SharedAccessKey=${fakeBase64(32, "iot-cs-local")}";`,
        `const cs = "HostName=fake.azure-devices.net;DeviceId=deviceId;ModuleId=moduleId;SharedAccessKey=key";`,
      ],
    };
  },
});

const LOCAL = /^(?:localhost|127\.0\.0\.1|\[?::1\]?|host\.docker\.internal)$/;

/** A symmetric IoT key: base64 of 16 to 64 bytes that looks random. */
function isIotKey(value: string): boolean {
  const bytes = decodeBase64(value);
  return bytes !== undefined && bytes.length >= 16 && bytes.length <= 64 && !isPlaceholder(value) && !isReference(value) && looksRandom(value, 3.5);
}

/**
 * IoT Hub connection strings are also recognised by their structure (`HostName=` with
 * `SharedAccessKeyName=` or `DeviceId=`, and `SharedAccessKey=`) when the host is not an
 * `azure-devices.net` name: a custom domain, a gateway or a test hub. Those are reported as warnings.
 */
export const iotHubConnectionString: Detector = {
  ...byHost,
  keywords: [...byHost.keywords, "hostname="],
  find(input) {
    const out: Candidate[] = byHost.find(input);
    const { text, from, to } = input;
    const lower = text.slice(from, to).toLowerCase();
    let lastAt = -MIN_HIT_GAP;
    let lastEnd = -1;
    for (let i = lower.indexOf("hostname="); i !== -1; i = lower.indexOf("hostname=", i + 9)) {
      const at = from + i;
      if (at < lastEnd || at - lastAt < MIN_HIT_GAP) continue;
      lastAt = at;
      const cs = findConnectionString(text, at, from, to);
      lastEnd = cs.end;
      const key = cs.get("SharedAccessKey");
      if (!key || !(cs.has("SharedAccessKeyName") || cs.has("DeviceId"))) continue;
      const host = hostOf(cs.value("HostName") ?? "");
      if (!host || LOCAL.test(host) || HOSTS.some((h) => `.${host}`.endsWith(h))) continue;
      if (!isIotKey(key.value) || out.some((c) => c.start === key.valueStart)) continue;
      const device = cs.has("DeviceId") || cs.has("ModuleId");
      out.push({
        start: key.valueStart,
        end: key.valueEnd,
        severity: "warning",
        fields: { host, field: key.key, kind: device ? "device" : "service" },
        container: { start: cs.start, end: cs.end },
        note: `An IoT Hub connection string whose host is not an azure-devices.net name (custom domain, gateway or test hub).${
          device ? " A device key: Managed Identity does not apply to IoT devices; use X.509 certificates or DPS." : ""
        }`,
      });
    }
    return out;
  },
};
