/**
 * Azure Communication Services (@azure/communication-email, -sms, -identity): the resource endpoint
 * and a TokenCredential.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { endpointClient, slot } from "../sink.js";

const EMAIL = ["@azure/communication-email"];
const SMS = ["@azure/communication-sms"];
const IDENTITY = ["@azure/communication-identity"];

export const communication: RecipeFamily = {
  family: "communication",
  sinks: [
    endpointClient("communication-email-from-connection-string", "communication-services", EMAIL, "EmailClient", "communication", {
      keyless: 'new EmailClient("https://<resource>.communication.azure.com", credential)',
    }),
    endpointClient("communication-sms-from-connection-string", "communication-services", SMS, "SmsClient", "communication", {
      keyless: 'new SmsClient("https://<resource>.communication.azure.com", credential)',
    }),
    endpointClient("communication-identity-from-connection-string", "communication-services", IDENTITY, "CommunicationIdentityClient", "communication", {
      keyless: 'new CommunicationIdentityClient("https://<resource>.communication.azure.com", credential)',
    }),
  ],
  credentialSlots: [
    slot(EMAIL, "EmailClient", "communication-services", 1),
    slot(SMS, "SmsClient", "communication-services", 1),
    slot(IDENTITY, "CommunicationIdentityClient", "communication-services", 1),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Communication Services email client",
    before: `import { EmailClient } from "@azure/communication-email";

export const email = new EmailClient("${s.acsCs}");
`,
    after: `import { EmailClient } from "@azure/communication-email";
import { DefaultAzureCredential } from "@azure/identity";

export const email = new EmailClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "Communication Services SMS client",
    before: `import { SmsClient } from "@azure/communication-sms";

export const sms = new SmsClient("${s.acsCs}");
`,
    after: `import { SmsClient } from "@azure/communication-sms";
import { DefaultAzureCredential } from "@azure/identity";

export const sms = new SmsClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());
`,
  }),
  () => ({
    name: "Communication Services identity client from the environment (no fix: no endpoint)",
    callee: "CommunicationIdentityClient",
    before: `import { CommunicationIdentityClient } from "@azure/communication-identity";

export const identities = new CommunicationIdentityClient(process.env.ACS_CONNECTION_STRING!);
`,
    manual: /endpoint cannot be derived/,
  }),
];
