import { messagingFakes, messagingKeyDetector } from "../detect/messaging.js";

const ns = "Endpoint=sb://bridge-relay.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey";

export const relayKey = messagingKeyDetector({
  id: "relay-key",
  service: "relay",
  title: "Azure Relay shared access key",
  description:
    "An Azure Relay (Hybrid Connections, WCF Relay) SAS key: `SharedAccessKey=` in a Relay connection string, a key assigned to a Relay-key name, and identifiable `+ARm` keys (Marvin32 checksum) anywhere. Relay shares the Service Bus connection-string format; it is recognised by the `+ARm` signature or the code around the key (hybrid connection, relay).",
  samples() {
    const { legacy, identifiable } = messagingFakes("relay", "relay-key");
    const other = messagingFakes("relay", "relay-key-2").legacy;
    return {
      positive: [
        `// Hybrid Connection listener\nconst listener = createRelayedServer({ connectionString: "${ns};SharedAccessKey=${legacy};EntityPath=hc1" });`,
        `RELAY_CONNECTION_STRING=${ns};SharedAccessKey=${other}`,
        `relay_sas_key = "${identifiable}"`,
        `{ "HybridConnection": "${ns};SharedAccessKey=${other};EntityPath=onprem" }`,
        `// Relay listener\nvar tokenProvider = TokenProvider.CreateSharedAccessSignatureTokenProvider("RootManageSharedAccessKey", "${legacy}");\nvar listener = new HybridConnectionListener(new Uri("sb://bridge-relay.servicebus.windows.net/hc1"), tokenProvider);`,
      ],
      negative: [
        `RELAY_CONNECTION_STRING=${ns};SharedAccessKey=***`,
        `relay_sas_key = "\${var.relay_key}"`,
        `RelayConnection__fullyQualifiedNamespace=bridge-relay.servicebus.windows.net`,
        `relay_sha256 = "${legacy}"`,
      ],
    };
  },
});
