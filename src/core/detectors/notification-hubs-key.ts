import { messagingFakes, messagingKeyDetector } from "../detect/messaging.js";

const full = "Endpoint=sb://push-ns.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature";
const listen = "Endpoint=sb://push-ns.servicebus.windows.net/;SharedAccessKeyName=DefaultListenSharedAccessSignature";

export const notificationHubsKey = messagingKeyDetector({
  id: "notification-hubs-key",
  service: "notification-hubs",
  title: "Azure Notification Hubs shared access key",
  description:
    "A Notification Hubs SAS key: `SharedAccessKey=` in a connection string whose rule is `DefaultFullSharedAccessSignature` / `DefaultListenSharedAccessSignature` or that sits in Notification Hubs code (`NotificationHubsClient`). The Notification Hubs data plane accepts only SAS: keep the connection string in Key Vault, use a Listen-only rule in clients, and rotate the key.",
  samples() {
    const { legacy } = messagingFakes("notification-hubs", "notification-hubs-key");
    const other = messagingFakes("notification-hubs", "notification-hubs-key-2").legacy;
    return {
      positive: [
        `const client = new NotificationHubsClient("${full};SharedAccessKey=${legacy}", "orders");`,
        `NOTIFICATION_HUB_CONNECTION_STRING=${listen};SharedAccessKey=${other}`,
        `<add key="MS_NotificationHubConnectionString" value="${full};SharedAccessKey=${other}" />`,
        `notificationHub:\n  connectionString: "Endpoint=sb://push-ns.servicebus.windows.net/;SharedAccessKeyName=apns;SharedAccessKey=${legacy}"\n`,
      ],
      negative: [
        `NOTIFICATION_HUB_CONNECTION_STRING=${full};SharedAccessKey=<key>`,
        `"MS_NotificationHubConnectionString": "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/nh/)"`,
        `const hub = new NotificationHubsClient(process.env.NH_CONNECTION_STRING, "orders");`,
        `const client = new NotificationHubsClient("${full};SharedAccessKey=#{NhKey}#", "orders");`,
      ],
    };
  },
});
