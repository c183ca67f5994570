import { uploadInvoice } from "./storage.js";
import { publishOrder } from "./messaging.js";
import { orders } from "./cosmos.js";
import { enrich } from "./notify.js";

export async function placeOrder(order: { id: string; total: number }): Promise<void> {
  await orders.items.create(order);
  await publishOrder(order);
  await uploadInvoice(order.id, Buffer.from(JSON.stringify(order)));
  await enrich(order.id);
}
