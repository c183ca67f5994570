import { ServiceBusClient } from "@azure/service-bus";
import { EventHubProducerClient } from "@azure/event-hubs";
import { EventGridPublisherClient, AzureKeyCredential } from "@azure/eventgrid";

const serviceBus = new ServiceBusClient(
  "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=__FAKE_SERVICE_BUS_KEY__",
);
export const orderSender = serviceBus.createSender("orders");

export const telemetry = new EventHubProducerClient(
  "Endpoint=sb://contoso-telemetry.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=__FAKE_EVENT_HUBS_KEY__;EntityPath=clicks",
);

export const events = new EventGridPublisherClient(
  "https://contoso-orders.westeurope-1.eventgrid.azure.net/api/events",
  "EventGrid",
  new AzureKeyCredential("__FAKE_EVENT_GRID_KEY__"),
);

export async function publishOrder(order: { id: string }): Promise<void> {
  await orderSender.sendMessages({ body: order });
  await events.send([{ eventType: "Order.Created", subject: order.id, dataVersion: "1.0", data: order }]);
}
