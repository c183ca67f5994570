import { connectionStringDetector } from "../detect/connection-string-detector.js";
import { fakeBase64 } from "../keys/fake.js";

export const communicationServicesConnectionString = connectionStringDetector({
  id: "communication-services-connection-string",
  service: "communication-services",
  title: "Azure Communication Services connection string",
  description:
    "An Azure Communication Services access key (`endpoint=https://<res>.communication.azure.com/;accesskey=<key>`), as passed to `new EmailClient(cs)`, `new SmsClient(cs)` or `new CommunicationIdentityClient(cs)`. The key sends email and SMS as the resource and issues user tokens.",
  hosts: [".communication.azure.com", ".communication.azure.us"],
  endpointKeys: ["endpoint"],
  secretKeys: ["accesskey"],
  priority: 65,
  samples() {
    const cs = (n: string) => `endpoint=https://contoso-notify.communication.azure.com/;accesskey=${fakeBase64(64, `acs-${n}`)}`;
    return {
      positive: [
        `const emailClient = new EmailClient("${cs("1")}");`,
        `COMMUNICATION_SERVICES_CONNECTION_STRING="${cs("2")}"`,
        `env:\n  - name: ACS_CONNECTION_STRING\n    value: "${cs("3")}"\n`,
      ],
      negative: [
        `const emailClient = new EmailClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());`,
        `COMMUNICATION_SERVICES_CONNECTION_STRING="endpoint=https://contoso-notify.communication.azure.com/;accesskey=<key>"`,
        `"AcsConnection": "@Microsoft.KeyVault(VaultName=kv-contoso;SecretName=acs-connection)"`,
      ],
    };
  },
});
