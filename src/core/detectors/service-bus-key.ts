import { messagingFakes, messagingKeyDetector } from "../detect/messaging.js";

const ns = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey";

export const serviceBusKey = messagingKeyDetector({
  id: "service-bus-key",
  service: "service-bus",
  title: "Azure Service Bus shared access key",
  description:
    "A Service Bus SAS key: `SharedAccessKey=` in a connection string (`Endpoint=sb://<ns>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...`), a key passed to `new AzureNamedKeyCredential(rule, \"...\")` or assigned to a SAS-key name, and identifiable `+ASb` keys (Marvin32 checksum) anywhere. Service Bus, Event Hubs, Relay and Notification Hubs share this format; the service comes from the key's signature, the rule name, the code around it, then EntityPath. A `RootManageSharedAccessKey` key can send, receive and manage every entity in the namespace.",
  samples() {
    const { legacy, identifiable } = messagingFakes("service-bus", "service-bus-key");
    const other = messagingFakes("service-bus", "service-bus-key-2").legacy;
    return {
      positive: [
        `const client = new ServiceBusClient("${ns};SharedAccessKey=${legacy}");`,
        `SERVICEBUS_CONNECTION_STRING=${ns};SharedAccessKey=${other}`,
        `{ "Values": { "ServiceBusConnection": "${ns};SharedAccessKey=${identifiable}" } }`,
        `servicebus:\n  key: ${identifiable}\n`,
        `const cred = new AzureNamedKeyCredential("RootManageSharedAccessKey", "${legacy}");\nconst sb = new ServiceBusClient("orders-ns.servicebus.windows.net", cred);`,
        `<add key="ServiceBus" value="${ns};SharedAccessKey=${other};EntityPath=orders-queue" />`,
        `var serviceBusConnection = '${ns};SharedAccessKey=${legacy}'`,
      ],
      negative: [
        "SERVICEBUS_CONNECTION_STRING=Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
        "ServiceBusConnection__fullyQualifiedNamespace=orders-ns.servicebus.windows.net",
        `SERVICEBUS_CONNECTION_STRING=${ns};SharedAccessKey=<your-key>`,
        `connection: "${ns};SharedAccessKey={{ servicebus_key }}"`,
        `"ServiceBusConnection": "@Microsoft.KeyVault(VaultName=kv1;SecretName=servicebus)"`,
        `const digest = "${legacy}";`,
        "output cs string = listKeys(authRule.id, authRule.apiVersion).primaryConnectionString",
        `curl -X POST -H "aeg-sas-key: ${legacy}" https://topic1.westeurope-1.eventgrid.azure.net/api/events`,
      ],
    };
  },
});
