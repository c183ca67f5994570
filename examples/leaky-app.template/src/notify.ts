import { EmailClient } from "@azure/communication-email";
import { WebPubSubServiceClient } from "@azure/web-pubsub";

export const email = new EmailClient(
  "endpoint=https://contoso-mail.communication.azure.com/;accesskey=__FAKE_COMMUNICATION_KEY__",
);

export const live = new WebPubSubServiceClient(
  "Endpoint=https://contoso-live.webpubsub.azure.com;AccessKey=__FAKE_WEB_PUBSUB_KEY__;Version=1.0;",
  "orders",
);

// Calls the order-enrichment function and the partner API behind API Management.
export async function enrich(orderId: string): Promise<unknown> {
  const fn = await fetch(`https://contoso-fn.azurewebsites.net/api/enrich?code=__FAKE_FUNCTIONS_KEY__&id=${orderId}`);
  const partner = await fetch("https://contoso-partners.azure-api.net/shipping/quote", {
    headers: { "Ocp-Apim-Subscription-Key": "__FAKE_APIM_KEY__" },
  });
  return { fn: await fn.json(), partner: await partner.json() };
}
