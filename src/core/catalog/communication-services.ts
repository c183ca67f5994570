import type { CatalogEntry } from "./types.js";

export const communicationServices: CatalogEntry = {
  id: "communication-services",
  displayName: "Azure Communication Services",
  msi: "yes",
  summary:
    "EmailClient, SmsClient and CommunicationIdentityClient accept the resource endpoint and a TokenCredential (Identity, SMS, Email, Phone Numbers, Advanced Messaging).",
  caveat:
    "The SMTP relay uses an Entra app secret as its password and cannot use Managed Identity. The least-privilege role is not documented; Communication and Email Service Owner is the common choice.",
  alternative: "For the SMTP relay, keep the app secret in Key Vault, or send with EmailClient and Managed Identity instead.",
  replacement: "new EmailClient(endpoint, new DefaultAzureCredential())",
  roles: [
    { name: "Communication and Email Service Owner", id: "09976791-48a7-449e-bb21-39d1a415f350", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/communication-services/concepts/authentication",
  tokenScope: "https://communication.azure.com//.default",
  packages: ["@azure/communication-email", "@azure/communication-sms", "@azure/communication-identity"],
  hasCodeFix: true,
};
