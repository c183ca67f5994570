import { fakeBase64 } from "../keys/fake.js";
import { hostServices, keyShape, matchesIn, type KeyShape } from "../detect/key-context.js";
import { callArgument, stringLiteralAt } from "../text/literal-context.js";
import type { Candidate, Detector, ServiceId } from "../types.js";

/**
 * Base64 keys passed straight to an SDK credential, with no setting name around them:
 * `new AzureKeyCredential("<key>")` (Communication Services, Web PubSub, Event Grid clients take
 * one) and the IoT device SDK's `new DeviceAuthenticationWithRegistrySymmetricKey(deviceId, "<key>")`.
 * A bare base64 string says nothing by itself: the service is the Azure host next to the call, and
 * the key must have that service's length. Hex and 32-character keys passed to AzureKeyCredential
 * (AI services, AI Search) are their own detectors'.
 */
const CALLS = /\b(?:AzureKeyCredential|DeviceAuthenticationWithRegistrySymmetricKey)[ \t]*\(/g;
const SHAPE_OF: Partial<Record<ServiceId, KeyShape>> = {
  "communication-services": "b64-88",
  "web-pubsub": "b64-44",
  "event-grid": "b64-44",
  "iot-hub": "b64-44",
};

export const sdkKeyCredential: Detector = {
  id: "sdk-key-credential",
  service: "communication-services",
  title: "Azure key passed to an SDK credential",
  description:
    "A base64 access key written straight into `new AzureKeyCredential(\"...\")` (Communication Services, Web PubSub and Event Grid clients accept one) or the IoT device SDK's `new DeviceAuthenticationWithRegistrySymmetricKey(deviceId, \"...\")`, with no setting name around it. The Azure host next to the call names the service, and the key must have that service's length; the finding takes the service of the host.",
  keywords: ["azurekeycredential", "deviceauthenticationwithregistrysymmetrickey"],
  window: { before: 400, after: 400 },
  severity: "error",
  priority: 45,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const m of matchesIn(CALLS, text, from, to)) {
      const open = m.index + m[0].length - 1;
      const device = m[0].startsWith("Device");
      const arg = callArgument(text, open, device ? 1 : 0, 300);
      const lit = arg === undefined ? undefined : stringLiteralAt(text, arg, 120);
      if (!lit) continue;
      const services: ServiceId[] = device ? ["iot-hub"] : hostServices(text, lit.start, lit.end);
      const service = services.find((s) => SHAPE_OF[s] !== undefined && keyShape(lit.value, [SHAPE_OF[s]!]) !== undefined);
      if (!service) continue;
      out.push({ start: lit.start, end: lit.end, service, fields: { context: device ? "DeviceAuthenticationWithRegistrySymmetricKey" : "AzureKeyCredential" } });
    }
    return out;
  },
  samples() {
    const acs = fakeBase64(64, "sdk-cred-acs");
    const wps = fakeBase64(32, "sdk-cred-wps");
    const dev = fakeBase64(32, "sdk-cred-iot");
    return {
      positive: [
        `client = EmailClient("https://contoso-notify.communication.azure.com", AzureKeyCredential("${acs}"))`,
        `const service = new WebPubSubServiceClient(\n  "https://contoso-pubsub.webpubsub.azure.com",\n  new AzureKeyCredential("${wps}"),\n  "chat",\n);`,
        `var device = DeviceClient.Create("contoso-hub.azure-devices.net",\n    new DeviceAuthenticationWithRegistrySymmetricKey("thermostat-7", "${dev}"),\n    TransportType.Mqtt);`,
      ],
      negative: [
        // No Azure host: a bare base64 string says nothing about the service.
        `const credential = new AzureKeyCredential("${acs}");`,
        `client = EmailClient("https://contoso-notify.communication.azure.com", AzureKeyCredential(os.environ["ACS_KEY"]))`,
        // A 44-character key next to a Communication Services host is not its (88-character) key.
        `client = SmsClient("https://contoso-notify.communication.azure.com", AzureKeyCredential("${wps}"))`,
        `new DeviceAuthenticationWithRegistrySymmetricKey(deviceId, configuration["DeviceKey"])`,
      ],
    };
  },
};
