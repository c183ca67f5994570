import { connectionStringDetector } from "../detect/connection-string-detector.js";
import { fakeBase64 } from "../keys/fake.js";

export const webPubsubConnectionString = connectionStringDetector({
  id: "web-pubsub-connection-string",
  service: "web-pubsub",
  title: "Azure Web PubSub connection string with an access key",
  description:
    "An Azure Web PubSub access key (`Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;`), as passed to `new WebPubSubServiceClient(connectionString, hub)`. The key signs client access tokens and calls every REST API of the service.",
  hosts: [".webpubsub.azure.com", ".webpubsub.azure.us", ".webpubsub.azure.cn"],
  endpointKeys: ["Endpoint"],
  secretKeys: ["AccessKey"],
  priority: 65,
  samples() {
    const cs = (n: string) => `Endpoint=https://contoso-live.webpubsub.azure.com;AccessKey=${fakeBase64(32, `wps-${n}`)};Version=1.0;`;
    return {
      positive: [
        `const service = new WebPubSubServiceClient("${cs("1")}", "chat");`,
        `WEB_PUBSUB_CONNECTION_STRING='${cs("2")}'\n`,
        `param pubsubConnection string = '${cs("3")}'`,
      ],
      negative: [
        `const service = new WebPubSubServiceClient("https://contoso-live.webpubsub.azure.com", new DefaultAzureCredential(), "chat");`,
        `WEB_PUBSUB_CONNECTION_STRING=Endpoint=https://contoso-live.webpubsub.azure.com;AccessKey=\${WPS_KEY};Version=1.0;`,
        `const cs = process.env.WEB_PUBSUB_CONNECTION_STRING; // Endpoint=https://contoso-live.webpubsub.azure.com;AccessKey=...`,
      ],
    };
  },
});
