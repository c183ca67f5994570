import type { CatalogEntry } from "./types.js";

const DEVICE_ALTERNATIVE =
  "use X.509 certificates provisioned through the Device Provisioning Service, keep any device key in a TPM, HSM or secure storage, and have cloud-hosted simulators read keys from Key Vault.";

export const iotHub: CatalogEntry = {
  id: "iot-hub",
  displayName: "Azure IoT Hub",
  msi: "partial",
  summary:
    "Service-side clients (Registry, Client, JobClient) accept a TokenCredential; device and module credentials do not accept Microsoft Entra tokens.",
  caveat: "The IoT Hub device APIs do not support Microsoft Entra ID, so device and module keys cannot move to Managed Identity.",
  alternative: `For devices, ${DEVICE_ALTERNATIVE}`,
  replacement: 'Registry.fromTokenCredential("<hub>.azure-devices.net", new DefaultAzureCredential())',
  roles: [
    { name: "IoT Hub Data Contributor", id: "4fc6c259-987e-4a07-842e-c321cc9d413f", scope: "azure-rbac" },
    { name: "IoT Hub Data Reader", scope: "azure-rbac" },
    { name: "IoT Hub Registry Contributor", scope: "azure-rbac" },
    { name: "IoT Hub Twin Contributor", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-azure-ad",
  tokenScope: "https://iothubs.azure.net/.default",
  packages: ["azure-iothub"],
  hasCodeFix: true,
  variants: [
    {
      id: "device",
      label: "IoT Hub device and module credentials",
      // `kind` from the IoT detectors; DeviceId/ModuleId from a parsed connection string; `sr` of a
      // SAS token scoped to a device (`<hub>.azure-devices.net/devices/<id>`, maybe percent-encoded).
      applies: ({ fields }) =>
        fields["kind"] === "device" ||
        fields["kind"] === "module" ||
        "DeviceId" in fields ||
        "ModuleId" in fields ||
        /\.azure-devices\.net(?:\/|%2f)devices(?:\/|%2f)/i.test(fields["sr"] ?? ""),
      msi: "no",
      summary: "Authentication with Microsoft Entra ID is not supported for the IoT Hub device APIs.",
      alternative: `Instead, ${DEVICE_ALTERNATIVE}`,
      replacement: "X.509 device certificates provisioned through the Device Provisioning Service (no key in code)",
    },
    {
      id: "service",
      label: "IoT Hub service (shared access policy) credentials",
      applies: ({ fields }) => fields["kind"] === "service",
      msi: "yes",
      summary: "Service-side clients (Registry, Client, JobClient) accept a TokenCredential.",
    },
  ],
};
