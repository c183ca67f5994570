import { messagingFakes, messagingKeyDetector } from "../detect/messaging.js";

const ns = "Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessKeyName=send";

export const eventHubsKey = messagingKeyDetector({
  id: "event-hubs-key",
  service: "event-hubs",
  title: "Azure Event Hubs shared access key",
  description:
    "An Event Hubs SAS key: `SharedAccessKey=` in an Event Hubs connection string (`Endpoint=sb://<ns>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...;EntityPath=<hub>`), a key passed to `new AzureNamedKeyCredential(rule, \"...\")` near Event Hubs code, and identifiable `+AEh` keys (Marvin32 checksum) anywhere. The service is told apart from Service Bus by the key's signature, the code around it (EventHubProducerClient, variable names, namespace name), then EntityPath.",
  samples() {
    const { legacy, identifiable } = messagingFakes("event-hubs", "event-hubs-key");
    const other = messagingFakes("event-hubs", "event-hubs-key-2").legacy;
    return {
      positive: [
        `const producer = new EventHubProducerClient("${ns};SharedAccessKey=${legacy};EntityPath=telemetry");`,
        `EVENTHUB_CONNECTION_STRING=${ns};SharedAccessKey=${other};EntityPath=telemetry`,
        `// old key: ${identifiable}`,
        `const cred = new AzureNamedKeyCredential("send", "${other}");\nconst p = new EventHubProducerClient("telemetry-ns.servicebus.windows.net", "telemetry", cred);`,
        `"Endpoint=sb://ingest.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${legacy};EntityPath=clicks"`,
        `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$ConnectionString" password="Endpoint=sb://ingest.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${other}";`,
      ],
      negative: [
        "EventHubConnection__fullyQualifiedNamespace=telemetry-ns.servicebus.windows.net",
        "EVENTHUB_CONNECTION_STRING=Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;EntityPath=eh1",
        `EVENTHUB_CONNECTION_STRING=${ns};SharedAccessKey=$(EventHubKey);EntityPath=telemetry`,
        `eventhub_key = "${"x".repeat(43)}="`,
        `eventhubs_checksum: ${legacy}`,
      ],
    };
  },
});
