import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { findIdentifiable } from "../keys/identifiable-scan.js";
import type { Candidate, Detector } from "../types.js";
import { IOT_SEEDS } from "./iot-hub-connection-string.js";

const KIND: Record<string, string> = { IoTHub00: "service", DpsKey00: "service", Device00: "device" };

export const iotHubIdentifiableKey: Detector = {
  id: "iot-hub-identifiable-key",
  service: "iot-hub",
  title: "Azure IoT Hub / DPS / device identifiable key",
  description:
    "A 44-character IoT key with the `AIoT` signature and a valid Marvin32 checksum (IoT Hub policy key, Device Provisioning Service key or device key; the checksum seed says which). `fields.kind` is `device` for device keys, where Managed Identity does not apply.",
  keywords: ["aiot"],
  window: { before: 33, after: 11 },
  severity: "error",
  priority: 75,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const hit of findIdentifiable(text, from, to, "AIoT", 32, IOT_SEEDS)) {
      const kind = KIND[hit.seed!] ?? "service";
      out.push({
        start: hit.start,
        end: hit.end,
        fields: { kind, seed: hit.seed!, ...(hit.seed === "DpsKey00" ? { provisioning: "true" } : {}) },
        ...(kind === "device"
          ? { note: "A device key: Managed Identity does not apply to IoT devices. Use X.509 certificates or DPS attestation." }
          : {}),
      });
    }
    return out;
  },
  samples() {
    const hub = fakeIdentifiable(32, "AIoT", "IoTHub00", "iot-id-1");
    const device = fakeIdentifiable(32, "AIoT", "Device00", "iot-id-2");
    const dps = fakeIdentifiable(32, "AIoT", "DpsKey00", "iot-id-3");
    const wrongSeed = fakeIdentifiable(32, "AIoT", "Send0000", "iot-id-4");
    return {
      positive: [
        `const hubKey = "${hub}";`,
        `devices:\n  - id: pump-7\n    primaryKey: ${device}\n`,
        `$env:DPS_ENROLLMENT_KEY = '${dps}'`,
      ],
      negative: [
        `const key = "${wrongSeed}";`,
        `const key = "${fakeBase64(32, "iot-id-5")}";`,
        `// keys with the AIoT signature are IoT keys`,
        `const key = "${hub.slice(0, 20)}${hub[20] === "A" ? "B" : "A"}${hub.slice(21)}";`,
      ],
    };
  },
};
