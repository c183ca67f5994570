import { connectionStringDetector } from "../connection-string-detector.js";
import { fakeBase64, fakeIdentifiable } from "../fake.js";
import { identifiableSeed } from "../identifiable.js";

export const IOT_SEEDS = ["IoTHub00", "DpsKey00", "Device00"] as const;

export const iotHubConnectionString = connectionStringDetector({
  id: "iot-hub-connection-string",
  service: "iot-hub",
  title: "Azure IoT Hub connection string with a shared access key",
  description:
    "An IoT Hub or Device Provisioning Service shared access key in a connection string. Service side (`HostName=<hub>.azure-devices.net;SharedAccessKeyName=<policy>;SharedAccessKey=<key>`) the key acts with the policy's rights on the whole hub; device side (`HostName=...;DeviceId=<id>;SharedAccessKey=<key>`) it impersonates the device. `fields.kind` says which: Managed Identity replaces service-side keys only; devices need X.509 certificates or DPS.",
  hosts: [".azure-devices.net", ".azure-devices.us", ".azure-devices.cn", ".azure-devices-provisioning.net"],
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
      ],
      negative: [
        `const registry = Registry.fromTokenCredential("contoso-hub.azure-devices.net", new DefaultAzureCredential());`,
        `IOTHUB_CONNECTION_STRING="HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=<key>"`,
        `const cs = "HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-01;x509=true";`,
        `IOTHUB_DEVICE_CONNECTION_STRING=HostName=contoso-hub.azure-devices.net;DeviceId=dev1;SharedAccessKey=$(DeviceKey)`,
      ],
    };
  },
});
