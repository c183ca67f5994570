import { connectionStringDetector } from "../detect/connection-string-detector.js";
import { fakeBase64 } from "../keys/fake.js";

export const signalrConnectionString = connectionStringDetector({
  id: "signalr-connection-string",
  service: "signalr",
  title: "Azure SignalR Service connection string with an access key",
  description:
    "An Azure SignalR Service access key (`Endpoint=https://<name>.service.signalr.net;AccessKey=<key>;Version=1.0;`). The key signs client and server tokens for every hub of the service. Strings with `AuthType=azure.msi` (or `azure`, `aad`) carry no access key and are not reported.",
  hosts: [".service.signalr.net", ".signalr.azure.us", ".signalr.azure.cn"],
  endpointKeys: ["Endpoint"],
  secretKeys: ["AccessKey"],
  priority: 65,
  samples() {
    const cs = (n: string) => `Endpoint=https://contoso-chat.service.signalr.net;AccessKey=${fakeBase64(32, `signalr-${n}`)};Version=1.0;`;
    return {
      positive: [
        `{\n  "Values": {\n    "AzureSignalRConnectionString": "${cs("1")}"\n  }\n}`,
        `Azure__SignalR__ConnectionString="${cs("2")}"\n`,
        `<add name="AzureSignalR" connectionString="${cs("3")}" />`,
        `signalr:\n  connectionString: ${cs("4")}\n`,
      ],
      negative: [
        `"AzureSignalRConnectionString": "Endpoint=https://contoso-chat.service.signalr.net;AuthType=azure.msi;Version=1.0;"`,
        `"AzureSignalRConnectionString__serviceUri": "https://contoso-chat.service.signalr.net"`,
        `Endpoint=https://contoso-chat.service.signalr.net;AccessKey=<access-key>;Version=1.0;`,
        `Endpoint=https://contoso-chat.service.signalr.net;AuthType=azure.msi;ClientId=0a3e5a9c-6f6e-4a8e-9d0c-7d1b1f6a2c11;Version=1.0;`,
      ],
    };
  },
});
